using DataCenterTools.Core.Text.Corpus;

namespace DataCenterTools.Core.Text.Tokens;

/// <summary>Counts tokens per document into a token_count column (Int64), the tokenizer pinned in the lineage.</summary>
public sealed class TokenCountStage(TextTokenizer tokenizer, string column = TokenCountStage.DefaultColumn) : IDocumentStage
{
    public const string DefaultColumn = "token_count";

    public string Operation => "Measure-TextToken";
    public IReadOnlyDictionary<string, string> Parameters { get; } = new Dictionary<string, string>
    {
        ["Tokenizer"] = tokenizer.Name,
        ["TokenizerPin"] = tokenizer.Pin,
        ["Column"] = column,
    };

    public StageResult Process(IReadOnlyList<string> texts, IReadOnlyList<string> ids, StageBatch batch, CancellationToken cancellation)
    {
        var result = new StageResult(texts.Count);
        var counts = result.Add(column, StageFieldKind.Int64);
        long sum = 0, min = long.MaxValue, max = 0;
        for (var i = 0; i < texts.Count; i++)
        {
            long n = tokenizer.Count(texts[i]);
            counts.Values[i] = n;
            sum += n;
            min = Math.Min(min, n);
            max = Math.Max(max, n);
        }
        lock (_totals)
        {
            _totals.Documents += texts.Count;
            _totals.Tokens += sum;
            if (texts.Count > 0) { _totals.Min = Math.Min(_totals.Min, min); _totals.Max = Math.Max(_totals.Max, max); }
        }
        return result;
    }

    private readonly Totals _totals = new();

    private sealed class Totals
    {
        public long Documents, Tokens, Min = long.MaxValue, Max;
    }

    /// <summary>The totals of every batch processed so far.</summary>
    public TokenCountSummary Summary(TimeSpan elapsed)
    {
        lock (_totals)
            return new(tokenizer.Name, tokenizer.Pin, _totals.Documents, _totals.Tokens, _totals.Documents == 0 ? 0 : _totals.Min, _totals.Max,
                _totals.Documents == 0 ? 0 : (double)_totals.Tokens / _totals.Documents, elapsed);
    }
}

/// <summary>Totals of a token count: documents, tokens, and the tokenizer that counted them.</summary>
public sealed record TokenCountSummary(string Tokenizer, string TokenizerPin, long Documents, long Tokens, long MinTokens, long MaxTokens, double MeanTokens, TimeSpan Elapsed)
{
    /// <summary>
    /// One total over counts made apart (per host, per file): documents and tokens add, min and max combine, the mean
    /// is recomputed, Elapsed is the longest part (the parts ran side by side). Counts by different tokenizers
    /// (name or pinned vocabulary) do not add up and are an error.
    /// </summary>
    public static TokenCountSummary Merge(IReadOnlyList<TokenCountSummary> parts)
    {
        if (parts.Count == 0) throw new ArgumentException("Nothing to merge.", nameof(parts));
        var first = parts[0];
        if (parts.FirstOrDefault(p => p.Tokenizer != first.Tokenizer || p.TokenizerPin != first.TokenizerPin) is { } other)
            throw new Data.DataException("TokenizerMismatch", Data.DataErrorKind.InvalidData,
                $"Token counts made with {first.Tokenizer} ({first.TokenizerPin}) and {other.Tokenizer} ({other.TokenizerPin}) do not add up.",
                "Count with the same -Tokenizer on every host.");
        var counted = parts.Where(p => p.Documents > 0).ToList();
        var documents = parts.Sum(p => p.Documents);
        var tokens = parts.Sum(p => p.Tokens);
        return new TokenCountSummary(first.Tokenizer, first.TokenizerPin, documents, tokens,
            counted.Count == 0 ? 0 : counted.Min(p => p.MinTokens), counted.Count == 0 ? 0 : counted.Max(p => p.MaxTokens),
            documents == 0 ? 0 : (double)tokens / documents, parts.Max(p => p.Elapsed));
    }
}

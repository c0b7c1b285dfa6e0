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
        for (var i = 0; i < texts.Count; i++) counts.Values[i] = (long)tokenizer.Count(texts[i]);
        return result;
    }
}

/// <summary>Totals of a token count: documents, tokens, and the tokenizer that counted them.</summary>
public sealed record TokenCountSummary(string Tokenizer, string TokenizerPin, long Documents, long Tokens, long MinTokens, long MaxTokens, double MeanTokens, TimeSpan Elapsed)
{
    public static TokenCountSummary Of(TextTokenizer t, IEnumerable<long> counts, TimeSpan elapsed)
    {
        long n = 0, sum = 0, min = long.MaxValue, max = 0;
        foreach (var c in counts) { n++; sum += c; min = Math.Min(min, c); max = Math.Max(max, c); }
        return new(t.Name, t.Pin, n, sum, n == 0 ? 0 : min, max, n == 0 ? 0 : (double)sum / n, elapsed);
    }
}

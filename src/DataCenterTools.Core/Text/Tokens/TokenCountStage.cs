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
            counts.SetInt64(i, n);
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

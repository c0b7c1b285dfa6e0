namespace DataCenterTools.Core.Text.Tokens;

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
                "Count with the same {option:Tokenizer} on every host.");
        var counted = parts.Where(p => p.Documents > 0).ToList();
        var documents = parts.Sum(p => p.Documents);
        var tokens = parts.Sum(p => p.Tokens);
        return new TokenCountSummary(first.Tokenizer, first.TokenizerPin, documents, tokens,
            counted.Count == 0 ? 0 : counted.Min(p => p.MinTokens), counted.Count == 0 ? 0 : counted.Max(p => p.MaxTokens),
            documents == 0 ? 0 : (double)tokens / documents, parts.Max(p => p.Elapsed));
    }
}

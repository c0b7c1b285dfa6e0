namespace DataCenterTools.Core.Text.Corpus;

/// <summary>What a streaming run did with one unit (input file).</summary>
public sealed record CorpusFileResult(string Name, IReadOnlyList<string> Inputs, string Output, long DocumentsIn, long DocumentsOut, long Rejected,
    bool Skipped, string? Rejects, TimeSpan Elapsed);

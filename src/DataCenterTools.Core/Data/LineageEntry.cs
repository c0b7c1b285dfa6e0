namespace DataCenterTools.Core.Data;

/// <summary>
/// One step in a dataset's history: what was done, with which parameters, when.
/// Parameters are descriptive text only; secrets must never be put here.
/// </summary>
public sealed record LineageEntry(string Operation, IReadOnlyDictionary<string, string> Parameters, DateTime TimestampUtc)
{
    public LineageEntry(string operation, IReadOnlyDictionary<string, string>? parameters = null)
        : this(operation, parameters ?? new Dictionary<string, string>(), DateTime.UtcNow) { }

    public override string ToString() =>
        Parameters.Count == 0 ? Operation : $"{Operation}({string.Join(", ", Parameters.Select(p => $"{p.Key}={p.Value}"))})";
}

namespace DataCenterTools.Core.Operations;

/// <summary>What the row positions of a violation count: lines of the source file (1-based), or row indexes (0-based) of a dataset that has no file lines.</summary>
public enum RowLocation
{
    SourceLine,
    RowIndex,
}

/// <summary>
/// One rule the data broke: the rule (Type, NotNull, Range, AllowedValues, Pattern, Unique, RowCount, Freshness), its
/// column, how many rows broke it, where the first of them are (<see cref="LineKind"/> says whether those are file
/// lines or row indexes) and their values.
/// </summary>
public sealed record DataContractViolation(
    string Dataset,
    string Rule,
    string? Column,
    long Count,
    RowLocation LineKind,
    IReadOnlyList<long> Lines,
    IReadOnlyList<string> Samples,
    string Message)
{
    /// <summary>The contract file the rule came from, when the contract came from one.</summary>
    public string? Contract { get; init; }

    public override string ToString() => $"{Rule}{(Column == null ? "" : $" '{Column}'")}: {Message}";
}

/// <summary>The outcome of checking a dataset against a contract: Passed only when every rule held.</summary>
public sealed record DataContractResult
{
    public required string Dataset { get; init; }
    public required bool Passed { get; init; }
    /// <summary>How many rules were checked (never 0: a contract without rules is an error).</summary>
    public required int RulesChecked { get; init; }
    /// <summary>How many rules the data broke (one DataContractViolation each).</summary>
    public required int Violations { get; init; }
    public required long Rows { get; init; }
    /// <summary>The contract file, when the contract came from one.</summary>
    public string? Contract { get; init; }
    /// <summary>The time freshness was measured against (UTC).</summary>
    public DateTime AsOf { get; init; }
    public TimeSpan Elapsed { get; init; }

    public override string ToString() => $"{Dataset}: {(Passed ? "passed" : "failed")} {RulesChecked} rules, {Violations} violated, {Rows:N0} rows";
}

/// <summary>The violations in contract order and the summary.</summary>
public sealed record DataContractReport(IReadOnlyList<DataContractViolation> Violations, DataContractResult Result);

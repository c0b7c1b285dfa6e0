using DataCenterTools.Core.Data;

namespace DataCenterTools.Core.Operations;

/// <summary>
/// What a dataset must look like to be used: rules on the row count, a key, freshness and each column, as people
/// write and review them in a JSON file (schema version <see cref="CurrentVersion"/>, documented in about_DataContract
/// and DataContract.v1.schema.json). <see cref="DataContractInference"/> drafts one from good data,
/// <see cref="DataContractChecker"/> checks data against it, <see cref="DataContractFile"/> reads and writes it.
/// Properties are settable so a contract can be edited as an object before it is saved or checked.
/// </summary>
public sealed class DataContract
{
    public const int CurrentVersion = 1;

    /// <summary>What a written contract's "$schema" says: the JSON Schema shipped in the module, at the project's address.</summary>
    public const string SchemaUri = "https://github.com/DataCenterTools/DataCenterTools/raw/main/module/DataCenterTools/DataContract.v1.schema.json";

    public int Version { get; set; } = CurrentVersion;

    /// <summary>The dataset the contract was drafted from (informational).</summary>
    public string? Dataset { get; set; }

    /// <summary>When the contract was drafted, UTC (informational).</summary>
    public DateTime? Created { get; set; }

    public long? MinRows { get; set; }
    public long? MaxRows { get; set; }

    /// <summary>Columns whose values together must be unique (rows with a missing key cell are not compared, as SQL's UNIQUE).</summary>
    public List<string> Key { get; set; } = [];

    /// <summary>The DateTime column whose newest value must be at most <see cref="MaxAge"/> old when checked.</summary>
    public string? FreshnessColumn { get; set; }
    public TimeSpan? MaxAge { get; set; }

    public List<ContractColumn> Columns { get; set; } = [];

    /// <summary>The file the contract was read from, when it was (not written to JSON).</summary>
    public string? Path { get; set; }

    /// <summary>The rules the contract holds: each one is a check that can fail.</summary>
    public int RuleCount =>
        (MinRows != null || MaxRows != null ? 1 : 0) + (Key.Count > 0 ? 1 : 0) + (FreshnessColumn != null ? 1 : 0) + Columns.Sum(c => c.RuleCount);

    /// <summary>
    /// Throws DataContractInvalid for rules that contradict themselves (min above max, a regex that does not parse,
    /// freshness without an age) and DataContractEmpty for a contract with no rule: a check that checks nothing
    /// must never pass.
    /// </summary>
    public void Validate()
    {
        var where = Path ?? "the contract";
        DataException Invalid(string message, string recommendation) =>
            new("DataContractInvalid", DataErrorKind.InvalidData, $"{where}: {message}", recommendation, Path);
        if (Version != CurrentVersion)
            throw new DataException("DataContractUnsupportedVersion", DataErrorKind.InvalidData,
                $"{where} has version {Version}; this module reads version {CurrentVersion} contracts.",
                "Use a module version that knows this contract version, or draft a new contract with New-DataContract.", Path);
        if (MinRows < 0 || MaxRows < 0 || MinRows > MaxRows)
            throw Invalid($"rows.min {MinRows} and rows.max {MaxRows} allow no row count.", "Give 0 <= min <= max.");
        if ((FreshnessColumn == null) != (MaxAge == null))
            throw Invalid("freshness needs both a column and a maxAge.", "Give \"freshness\": { \"column\": \"timestamp\", \"maxAge\": \"1.00:00:00\" }.");
        if (MaxAge <= TimeSpan.Zero) throw Invalid($"freshness.maxAge {MaxAge} is not positive.", "Give a positive age such as \"06:00:00\" or \"P1D\".");
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var column in Columns)
        {
            if (string.IsNullOrWhiteSpace(column.Name)) throw Invalid("a column has no name.", "Give each entry of \"columns\" a \"name\".");
            if (!names.Add(column.Name)) throw Invalid($"column '{column.Name}' appears twice.", "Merge its rules into one entry.");
            column.Validate(Invalid);
        }
        if (Key.Any(string.IsNullOrWhiteSpace)) throw Invalid("the key names an empty column.", "List the key's column names.");
        if (RuleCount == 0)
            throw new DataException("DataContractEmpty", DataErrorKind.InvalidData,
                $"{where} has no rule, so checking it would pass any data.",
                "Add rules (rows, key, freshness, or per column type, nullable, min/max, allowedValues, pattern), or draft them with New-DataContract.", Path);
    }

    /// <summary>Every column a rule names: the checker requires each of them in the data.</summary>
    public IEnumerable<string> NamedColumns() =>
        Columns.Select(c => c.Name).Concat(Key).Concat(FreshnessColumn == null ? [] : [FreshnessColumn]).Distinct(StringComparer.OrdinalIgnoreCase);

    public override string ToString() => $"DataContract v{Version} for '{Dataset}' ({RuleCount} rules)";
}

/// <summary>The rules on one column. A rule left null (or nullable true) is not checked.</summary>
public sealed class ContractColumn
{
    public string Name { get; set; } = "";

    /// <summary>The type its values must have: Int64 values satisfy Double; any value satisfies String.</summary>
    public ColumnType? Type { get; set; }

    /// <summary>False: no cell may be missing. True or null: missing cells are allowed.</summary>
    public bool? Nullable { get; set; }

    /// <summary>Inclusive bounds for Int64 and Double values.</summary>
    public double? Min { get; set; }
    public double? Max { get; set; }

    /// <summary>The only values a String column may hold (case-sensitive).</summary>
    public List<string>? AllowedValues { get; set; }

    /// <summary>A .NET regular expression each String value must match (anchor it with ^ and $ to match whole values).</summary>
    public string? Pattern { get; set; }

    public int RuleCount => (Type != null ? 1 : 0) + (Nullable == false ? 1 : 0) + (Min != null || Max != null ? 1 : 0)
                            + (AllowedValues != null ? 1 : 0) + (Pattern != null ? 1 : 0);

    internal void Validate(Func<string, string, DataException> invalid)
    {
        if (Min > Max) throw invalid($"column '{Name}' has min {Min} above max {Max}.", "Swap or fix the bounds.");
        if ((Min != null && !double.IsFinite(Min.Value)) || (Max != null && !double.IsFinite(Max.Value)))
            throw invalid($"column '{Name}' has a bound that is not a finite number.", "Give finite numbers, or leave the bound out.");
        if ((Min != null || Max != null) && Type is ColumnType.String or ColumnType.Boolean or ColumnType.DateTime)
            throw invalid($"column '{Name}' is {Type}; min and max apply to Int64 and Double columns.", "Remove min/max, or set the type to Int64 or Double.");
        if ((AllowedValues != null || Pattern != null) && Type is not (null or ColumnType.String))
            throw invalid($"column '{Name}' is {Type}; allowedValues and pattern apply to String columns.", "Remove them, or set the type to String.");
        if (AllowedValues is { Count: 0 }) throw invalid($"column '{Name}' allows no value at all.", "List the allowed values, or remove allowedValues.");
        if (AllowedValues != null && AllowedValues.Any(v => v == null)) throw invalid($"column '{Name}' lists null among allowedValues.", "Use \"nullable\": true for missing cells.");
        if (Pattern != null)
        {
            try { _ = Query.TextPattern.Create(Pattern, Query.PatternKind.Regex, ignoreCase: false); }
            catch (ArgumentException e)
            {
                throw invalid($"column '{Name}' has a pattern that is not a valid regular expression: {e.Message}", "Fix the pattern (.NET regular expression syntax).");
            }
        }
    }

    public override string ToString() => $"{Name} ({RuleCount} rules)";
}

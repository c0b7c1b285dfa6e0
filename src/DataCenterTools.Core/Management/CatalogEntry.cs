using DataCenterTools.Core.Data;
using DataCenterTools.Core.Privacy;

namespace DataCenterTools.Core.Management;

/// <summary>One column of a registered dataset's schema, as recorded in the catalog.</summary>
public sealed record CatalogColumn(string Name, string Type)
{
    public override string ToString() => $"{Name}: {Type}";
}

/// <summary>How sensitive a dataset is: the highest finding level (High, Medium, Low; None without findings) and the kinds of data found.</summary>
public sealed record DatasetSensitivity(string Level, IReadOnlyList<string> Kinds)
{
    private static readonly string[] LevelsHighestFirst = ["High", "Medium", "Low"];

    /// <summary>What Find-SensitiveData's scanner finds in the dataset (a sample of rows per column), summed up.</summary>
    public static DatasetSensitivity Of(Dataset dataset, CancellationToken cancellationToken = default) =>
        FromFindings(SensitiveDataScanner.Scan(dataset, cancellationToken: cancellationToken));

    public static DatasetSensitivity FromFindings(IReadOnlyList<SensitiveColumnFinding> findings)
    {
        var level = LevelsHighestFirst.FirstOrDefault(l => findings.Any(f => f.Level == l)) ?? "None";
        var kinds = findings.SelectMany(f => f.Kinds.Select(k => k.Kind)).Distinct().Order().Select(k => k.ToString()).ToArray();
        return new DatasetSensitivity(level, kinds);
    }
}

/// <summary>
/// One version of one dataset in the catalog: where its file is, what it holds, its SHA-256 at
/// registration, how sensitive it is and who registered it when.
/// </summary>
public sealed record CatalogEntry(
    string Name,
    int Version,
    string Location,
    string Format,
    long Rows,
    int Columns,
    IReadOnlyList<CatalogColumn> Schema,
    long SizeBytes,
    string Sha256,
    string? Sensitivity,
    IReadOnlyList<string> SensitiveKinds,
    IReadOnlyList<string> Tags,
    string? Owner,
    string? Description,
    IReadOnlyList<LineageEntry> Lineage,
    string RegisteredBy,
    DateTime RegisteredAt)
{
    /// <summary>Who may read and write the name (every version shares it); open when none was set.</summary>
    public Security.DatasetAccessPolicy Access { get; init; } = Security.DatasetAccessPolicy.Open;

    public override string ToString() => $"{Name} v{Version} ({Location})";
}

/// <summary>What to record for a dataset that is registered: the catalog assigns its version.</summary>
public sealed record CatalogRegistration(
    string Name,
    Dataset Dataset,
    IReadOnlyList<string>? Tags = null,
    string? Owner = null,
    string? Description = null,
    DatasetSensitivity? Sensitivity = null,
    Security.DatasetAccessPolicy? Access = null);

/// <summary>
/// A catalog search. Patterns use PowerShell wildcards (* and ?) and ignore case; several patterns
/// for one field match any of them; fields combine with AND. Without <see cref="Version"/> or
/// <see cref="AllVersions"/> only the latest version of each name is considered.
/// </summary>
public sealed record CatalogQuery
{
    public IReadOnlyList<string>? Name { get; init; }
    public IReadOnlyList<string>? Tag { get; init; }
    public IReadOnlyList<string>? Owner { get; init; }
    public IReadOnlyList<string>? Sensitivity { get; init; }
    public int? Version { get; init; }
    public bool AllVersions { get; init; }
}

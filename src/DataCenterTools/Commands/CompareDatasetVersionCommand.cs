using System.Management.Automation;
using DataCenterTools.Core.Data;
using DataCenterTools.Core.Management;
using DataCenterTools.Infrastructure;

namespace DataCenterTools.Commands;

/// <summary>Shows how two versions (or two datasets) differ: schema, row counts, and per-column changes.</summary>
[Cmdlet(VerbsData.Compare, "DatasetVersion", DefaultParameterSetName = "Version")]
[OutputType(typeof(ColumnComparison))]
public sealed class CompareDatasetVersionCommand : VersionStoreCmdlet
{
    [Parameter(Mandatory = true, Position = 0, ParameterSetName = "Version")]
    [ValidateNotNullOrEmpty]
    public string Name { get; set; } = "";

    [Parameter(Mandatory = true, ParameterSetName = "Version")]
    [ValidateRange(1, int.MaxValue)]
    public int ReferenceVersion { get; set; }

    /// <summary>Default: the latest version.</summary>
    [Parameter(ParameterSetName = "Version")]
    [ValidateRange(1, int.MaxValue)]
    public int? DifferenceVersion { get; set; }

    [Parameter(Mandatory = true, Position = 0, ParameterSetName = "Dataset")]
    public Dataset ReferenceDataset { get; set; } = null!;

    [Parameter(Mandatory = true, Position = 1, ParameterSetName = "Dataset")]
    public Dataset DifferenceDataset { get; set; } = null!;

    protected override void EndProcessing()
    {
        Dataset reference = ReferenceDataset, difference = DifferenceDataset;
        string referenceLabel = ReferenceDataset?.Name ?? "", differenceLabel = DifferenceDataset?.Name ?? "";
        if (ParameterSetName == "Version")
        {
            var store = OpenStore();
            if (!TryRun(() =>
                {
                    var latest = store.Info(Name, DifferenceVersion).Version;
                    reference = store.Load(Name, ReferenceVersion, cancellation: StopToken);
                    difference = store.Load(Name, latest, cancellation: StopToken);
                    referenceLabel = $"v{ReferenceVersion}";
                    differenceLabel = $"v{latest}";
                }, Name)) return;
        }
        var started = Elapsed;
        foreach (var c in DatasetVersionComparison.Compare(reference, difference, referenceLabel, differenceLabel)) WriteObject(c);
        WriteVerbose($"Compared {referenceLabel} ({reference.RowCount:N0} rows) with {differenceLabel} ({difference.RowCount:N0} rows) in {(Elapsed - started).TotalSeconds:0.000} s.");
    }
}

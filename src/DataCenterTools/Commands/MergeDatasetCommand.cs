using System.Management.Automation;
using DataCenterTools.Core.Data;
using DataCenterTools.Core.Query;
using DataCenterTools.Infrastructure;

namespace DataCenterTools.Commands;

/// <summary>Appends the rows of several Datasets (piped or given) into one, matching columns by name.</summary>
[Cmdlet(VerbsData.Merge, "Dataset")]
[OutputType(typeof(Dataset))]
public sealed class MergeDatasetCommand : DataCmdlet
{
    [Parameter(Mandatory = true, ValueFromPipeline = true, Position = 0)]
    public Dataset[] Dataset { get; set; } = [];

    [Parameter]
    public SwitchParameter AllowMissingColumn { get; set; }

    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? Name { get; set; }

    private readonly List<Dataset> _datasets = [];

    protected override void ProcessRecord() => _datasets.AddRange(Dataset);

    protected override void EndProcessing()
    {
        var started = Elapsed;
        TryRun(() =>
        {
            var result = DatasetConcat.Concat(_datasets, AllowMissingColumn);
            if (Name != null) result = result.WithName(Name);
            WriteVerbose($"Merged {_datasets.Count} Dataset(s) into {result.RowCount:N0} rows x {result.ColumnCount} columns in {(Elapsed - started).TotalSeconds:0.000} s.");
            WriteObject(result);
        }, null);
    }
}

using System.Management.Automation;
using DataCenterTools.Core.Data;
using DataCenterTools.Core.Distribution;
using DataCenterTools.Infrastructure;

namespace DataCenterTools.Commands;

/// <summary>Measures per column how far a dataset's distribution has drifted from a reference dataset.</summary>
[Cmdlet(VerbsData.Compare, "DataDistribution")]
[OutputType(typeof(ColumnDrift))]
public sealed class CompareDataDistributionCommand : DataCmdlet
{
    /// <summary>A Dataset, or column summaries (Get-DataDistribution -AsSummary, live or saved with Export-Clixml or ConvertTo-Json).</summary>
    [Parameter(Mandatory = true, Position = 0)]
    [ValidateNotNullOrEmpty]
    public PSObject[] Reference { get; set; } = null!;

    [Parameter(Mandatory = true, Position = 1, ValueFromPipeline = true)]
    [Alias("Dataset")]
    public Dataset Difference { get; set; } = null!;

    [Parameter]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(ColumnNameCompleter))]
    public string[]? Column { get; set; }

    [Parameter]
    public DriftMethod Method { get; set; } = DriftMethod.Auto;

    [Parameter]
    [ValidateRange(0.0, double.MaxValue)]
    public double Threshold { get; set; }

    protected override void ProcessRecord()
    {
        var options = new DriftOptions
        {
            Columns = Column,
            Method = Method,
            Threshold = MyInvocation.BoundParameters.ContainsKey(nameof(Threshold)) ? Threshold : null,
            Warning = WriteWarning,
        };
        var started = Elapsed;
        var referenceDataset = Reference.Length == 1 ? Reference[0].BaseObject as Dataset : null;
        var referenceName = referenceDataset?.Name ?? "the reference summaries";
        var progress = new ProgressRecord((int)ProgressActivity.CompareDataDistribution, "Compare-DataDistribution", $"Comparing '{Difference.Name}' with {referenceName}");
        WriteProgress(progress);
        TryRun(() =>
        {
            var drift = referenceDataset != null
                ? DriftAnalyzer.Compare(referenceDataset, Difference, options)
                : DriftAnalyzer.Compare(Reference.Select(SummaryConverter.From).ToArray(), Difference, options);
            WriteVerbose($"Compared {drift.Count} columns of '{Difference.Name}' with {referenceName}: {drift.Count(d => d.Drifted)} drifted; in {(Elapsed - started).TotalMilliseconds:0} ms.");
            WriteObject(drift, enumerateCollection: true);
        }, Difference.Name);
        progress.RecordType = ProgressRecordType.Completed;
        WriteProgress(progress);
    }
}

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
    [Parameter(Mandatory = true, Position = 0)]
    public Dataset Reference { get; set; } = null!;

    [Parameter(Mandatory = true, Position = 1, ValueFromPipeline = true)]
    [Alias("Dataset")]
    public Dataset Difference { get; set; } = null!;

    [Parameter]
    [ValidateNotNullOrEmpty]
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
        var progress = new ProgressRecord(21, "Compare-DataDistribution", $"Comparing '{Difference.Name}' with '{Reference.Name}'");
        WriteProgress(progress);
        TryRun(() =>
        {
            var drift = DriftAnalyzer.Compare(Reference, Difference, options);
            WriteVerbose($"Compared {drift.Count} columns of '{Difference.Name}' with '{Reference.Name}': {drift.Count(d => d.Drifted)} drifted; in {(Elapsed - started).TotalMilliseconds:0} ms.");
            WriteObject(drift, enumerateCollection: true);
        }, Difference.Name);
        progress.RecordType = ProgressRecordType.Completed;
        WriteProgress(progress);
    }
}

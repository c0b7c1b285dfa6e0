using System.Management.Automation;
using DataCenterTools.Core.Data;
using DataCenterTools.Core.Distribution;
using DataCenterTools.Infrastructure;

namespace DataCenterTools.Commands;

/// <summary>Merges column summaries (Get-DataDistribution -AsSummary, from any process) into one distribution per column.</summary>
[Cmdlet(VerbsData.Merge, "DataDistribution")]
[OutputType(typeof(ColumnDistribution), typeof(ColumnSummary))]
public sealed class MergeDataDistributionCommand : DataCmdlet
{
    [Parameter(Mandatory = true, ValueFromPipeline = true, Position = 0)]
    [ValidateNotNull]
    public PSObject[] InputObject { get; set; } = [];

    [Parameter]
    [ValidateNotNullOrEmpty]
    public double[]? Quantile { get; set; }

    [Parameter]
    [ValidateRange(1, 1000)]
    public int Bins { get; set; } = 20;

    [Parameter]
    [ValidateRange(1, int.MaxValue)]
    public int Top { get; set; } = 10;

    [Parameter]
    public SwitchParameter AsSummary { get; set; }

    private readonly List<ColumnSummary> _summaries = [];
    private DistributionOptions? _options;

    protected override void BeginProcessing()
    {
        try
        {
            _options = new DistributionOptions
            {
                Quantiles = GetDataDistributionCommand.ParseQuantiles(Quantile) ?? DistributionOptions.DefaultQuantiles,
                Bins = Bins,
                Top = Top,
            };
        }
        catch (DataException e) { ThrowDataError(e); }
    }

    protected override void ProcessRecord()
    {
        foreach (var input in InputObject)
            TryRun(() => _summaries.Add(SummaryConverter.From(input)), input);
    }

    protected override void EndProcessing()
    {
        var started = Elapsed;
        TryRun(() =>
        {
            var merged = ColumnSummary.MergeAll(_summaries);
            WriteVerbose($"Merged {_summaries.Count} summaries into {merged.Count} columns in {(Elapsed - started).TotalMilliseconds:0} ms.");
            if (AsSummary) WriteObject(merged, enumerateCollection: true);
            else WriteObject(merged.Select(s => s.ToDistribution(_options!)), enumerateCollection: true);
        }, null);
    }
}

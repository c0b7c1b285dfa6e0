using System.Management.Automation;
using DataCenterTools.Core.Data;
using DataCenterTools.Core.Features;
using DataCenterTools.Infrastructure;

namespace DataCenterTools.Commands;

/// <summary>Keeps the best-scoring feature columns (plus the target), or with -Scores returns every candidate's score.</summary>
[Cmdlet(VerbsCommon.Select, "DataFeature", DefaultParameterSetName = KSet)]
[OutputType(typeof(Dataset))]
[OutputType(typeof(FeatureScore))]
public sealed class SelectDataFeatureCommand : DataCmdlet
{
    private const string KSet = "K";
    private const string PercentileSet = "Percentile";
    private const string ThresholdSet = "Threshold";

    [Parameter(Mandatory = true, ValueFromPipeline = true)]
    public Dataset Dataset { get; set; } = null!;

    [Parameter(Position = 0)]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(ColumnNameCompleter))]
    public string? Target { get; set; }

    [Parameter]
    public FeatureScoringMethod Method { get; set; } = FeatureScoringMethod.FTest;

    [Parameter(ParameterSetName = KSet)]
    [ValidateRange(1, int.MaxValue)]
    public int K { get; set; }

    [Parameter(Mandatory = true, ParameterSetName = PercentileSet)]
    [ValidateRange(0.0, 100.0)]
    public double Percentile { get; set; }

    [Parameter(Mandatory = true, ParameterSetName = ThresholdSet)]
    public double Threshold { get; set; }

    [Parameter]
    public TargetKind TargetType { get; set; } = TargetKind.Auto;

    [Parameter]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(ColumnNameCompleter))]
    public string[]? Column { get; set; }

    [Parameter]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(ColumnNameCompleter))]
    public string[]? Exclude { get; set; }

    [Parameter]
    [ValidateRange(2, 1000)]
    public int Bins { get; set; } = MutualInformation.DefaultBins;

    [Parameter]
    public SwitchParameter Scores { get; set; }

    protected override void ProcessRecord()
    {
        var options = new FeatureSelectionOptions
        {
            Method = Method,
            Target = Target,
            TargetKind = TargetType,
            Columns = Column,
            Exclude = Exclude,
            K = MyInvocation.BoundParameters.ContainsKey(nameof(K)) ? K : null,
            Percentile = ParameterSetName == PercentileSet ? Percentile : null,
            Threshold = ParameterSetName == ThresholdSet ? Threshold : null,
            MutualInformationBins = Bins,
        };
        var started = Elapsed;
        var progress = new ProgressRecord((int)ProgressActivity.SelectDataFeature, "Select-DataFeature", $"Scoring the features of '{Dataset.Name}' by {Method}");
        TryRun(() =>
        {
            var result = FeatureSelector.Select(Dataset, options, (done, total) =>
            {
                progress.PercentComplete = (int)(100L * done / total);
                WriteProgress(progress);
            });
            progress.RecordType = ProgressRecordType.Completed;
            WriteProgress(progress);
            foreach (var warning in result.Warnings) WriteWarning(warning);
            var kept = result.Scores.Where(s => s.Selected).Select(s => s.Column).ToArray();
            WriteVerbose($"Scored {result.Scores.Count} features of '{Dataset.Name}' by {Method}" +
                         (Target == null ? "" : $" against '{Target}' ({result.TargetKind})") +
                         $" on {result.RowsScored} rows; kept {kept.Length}: {string.Join(", ", kept)}; in {(Elapsed - started).TotalMilliseconds:0} ms.");
            if (Scores) WriteObject(result.Scores, enumerateCollection: true);
            else WriteObject(result.Dataset);
        }, Dataset.Name);
    }
}

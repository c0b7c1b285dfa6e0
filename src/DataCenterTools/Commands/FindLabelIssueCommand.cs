using System.Management.Automation;
using DataCenterTools.Core.Data;
using DataCenterTools.Core.Labeling;
using DataCenterTools.Infrastructure;

namespace DataCenterTools.Commands;

/// <summary>Finds rows whose label is likely wrong by confident learning on out-of-fold predicted probabilities; with -Remove, returns the dataset without them.</summary>
[Cmdlet(VerbsCommon.Find, "LabelIssue", SupportsShouldProcess = true)]
[OutputType(typeof(LabelIssue))]
[OutputType(typeof(Dataset))]
public sealed class FindLabelIssueCommand : DataCmdlet
{
    [Parameter(Mandatory = true, ValueFromPipeline = true)]
    public Dataset Dataset { get; set; } = null!;

    [Parameter(Mandatory = true, Position = 0)]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(ColumnNameCompleter))]
    public string Label { get; set; } = null!;

    [Parameter]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(ColumnNameCompleter))]
    public string[]? Feature { get; set; }

    [Parameter]
    [ValidateRange(2, 100)]
    public int Folds { get; set; } = 5;

    [Parameter]
    public int? Seed { get; set; }

    [Parameter]
    public SwitchParameter Remove { get; set; }

    protected override void ProcessRecord()
    {
        var started = Elapsed;
        const int activityId = (int)ProgressActivity.FindLabelIssue;
        TryRun(() =>
        {
            var result = LabelIssueFinder.Find(Dataset, new LabelIssueOptions { Label = Label, Features = Feature, Folds = Folds, Seed = Seed },
                p => WriteProgress(new ProgressRecord(activityId, $"Finding label issues in '{Dataset.Name}'", p.Activity) { PercentComplete = p.Percent }));
            WriteProgress(new ProgressRecord(activityId, "Finding label issues", "Done") { RecordType = ProgressRecordType.Completed });
            WriteVerbose($"Trained {Folds} out-of-fold classifiers (seed {result.Seed}) on {result.LabelledRows:N0} labelled rows of '{Dataset.Name}'; " +
                         $"class thresholds {string.Join(", ", result.Classes.Select((c, i) => $"{c}={result.Thresholds[i]:0.###}"))}; " +
                         $"{result.Issues.Count} likely wrong label(s) in {(Elapsed - started).TotalSeconds:0.000} s.");
            if (result.Issues.Count == 0)
                WriteNothingFound($"No likely wrong '{Label}' label found in {result.LabelledRows:N0} labelled rows of '{Dataset.Name}'.");
            if (!Remove)
            {
                WriteObject(result.Issues, enumerateCollection: true);
                return;
            }
            if (ShouldProcess($"dataset '{Dataset.Name}'", $"Remove {result.Issues.Count} row(s) with likely wrong '{Label}' labels"))
                WriteObject(LabelIssueFinder.Remove(Dataset, result.Issues, Label));
        }, Dataset);
    }
}

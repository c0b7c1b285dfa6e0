using System.Management.Automation;
using DataCenterTools.Core.Data;
using DataCenterTools.Core.Labeling;
using DataCenterTools.Infrastructure;

namespace DataCenterTools.Commands;

/// <summary>One consensus label per item by majority vote or Dawid-Skene; or, with -AnnotatorReport, each annotator's estimated accuracy.</summary>
[Cmdlet(VerbsData.Merge, "DatasetLabel")]
[OutputType(typeof(Dataset))]
[OutputType(typeof(AnnotatorAccuracy))]
public sealed class MergeDatasetLabelCommand : LabelCmdlet
{
    [Parameter(Position = 0)]
    public ConsensusMethod Method { get; set; } = ConsensusMethod.MajorityVote;

    [Parameter]
    public TieBreak TieBreak { get; set; } = TieBreak.First;

    [Parameter]
    [ValidateRange(0.0, 1.0)]
    public double Tolerance { get; set; } = 1e-6;

    [Parameter]
    [ValidateRange(1, 100_000)]
    public int MaxIterations { get; set; } = 100;

    [Parameter]
    public SwitchParameter AnnotatorReport { get; set; }

    protected override void ProcessRecord()
    {
        var started = Elapsed;
        var progress = new ProgressRecord((int)ProgressActivity.MergeDatasetLabel, "Merge-DatasetLabel", $"Merging the labels of '{Dataset.Name}' by {Method}");
        TryRun(() =>
        {
            var table = ReadLabels();
            var options = new ConsensusOptions { Method = Method, TieBreak = TieBreak, Tolerance = Tolerance, MaxIterations = MaxIterations };
            var result = LabelConsensus.Merge(table, options, Dataset, (done, total) =>
            {
                progress.PercentComplete = (int)(100L * done / total);
                WriteProgress(progress);
            });
            progress.RecordType = ProgressRecordType.Completed;
            WriteProgress(progress);
            if (result.Ties > 0)
                WriteWarning($"{result.Ties} item(s) of '{Dataset.Name}' have tied top labels (see the 'tied' column); " +
                             (TieBreak == TieBreak.First ? "each got the tied label that comes first in the label order." : "they have no label."));
            if (!result.Converged)
                WriteWarning($"Dawid-Skene did not converge to {Tolerance} within {MaxIterations} iterations; raise -MaxIterations or -Tolerance.");
            WriteVerbose($"Merged {table.RowCount} labels from {table.AnnotatorNames.Length} annotators into {table.ItemNames.Length} items by {Method}" +
                         (Method == ConsensusMethod.DawidSkene ? $" ({result.Iterations} iterations)" : "") +
                         $"; in {(Elapsed - started).TotalMilliseconds:0} ms.");
            if (AnnotatorReport) WriteObject(result.Annotators, enumerateCollection: true);
            else WriteObject(result.Dataset);
        }, Dataset.Name);
    }
}

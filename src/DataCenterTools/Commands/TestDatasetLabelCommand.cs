using System.Management.Automation;
using DataCenterTools.Core.Data;
using DataCenterTools.Core.Labeling;
using DataCenterTools.Infrastructure;

namespace DataCenterTools.Commands;

/// <summary>Checks labels against gold labels: accuracy, per-class precision and recall, and each annotator's accuracy.</summary>
[Cmdlet(VerbsDiagnostic.Test, "DatasetLabel")]
[OutputType(typeof(GoldComparison))]
public sealed class TestDatasetLabelCommand : LabelCmdlet
{
    /// <summary>One gold label per item: the item column (-ItemColumn) and -GoldLabelColumn.</summary>
    [Parameter(Mandatory = true, Position = 0)]
    public Dataset Gold { get; set; } = null!;

    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? GoldLabelColumn { get; set; }

    /// <summary>How long-form labels (with an annotator column) are merged before they are compared.</summary>
    [Parameter]
    public ConsensusMethod Method { get; set; } = ConsensusMethod.MajorityVote;

    protected override void ProcessRecord()
    {
        var started = Elapsed;
        TryRun(() =>
        {
            var result = GoldComparer.Compare(Dataset, Gold, new LabelColumns(ItemColumn, AnnotatorColumn, LabelColumn), GoldLabelColumn ?? LabelColumn,
                new ConsensusOptions { Method = Method }, Order, out var skipped);
            if (skipped > 0)
                WriteWarning($"{skipped:N0} row(s) of '{Dataset.Name}' have no item{(result.Method != null ? ", annotator" : "")} or label and were left out.");
            if (result.ItemsWithoutGold > 0 || result.GoldWithoutLabel > 0)
                WriteWarning($"{result.ItemsWithoutGold:N0} labelled item(s) have no gold label and {result.GoldWithoutLabel:N0} gold item(s) have no label; the figures are over the {result.Items:N0} items that have both.");
            if (result.UnresolvedItems > 0)
                WriteWarning($"{result.UnresolvedItems:N0} gold item(s) got no merged label (a tie) and are not counted.");
            WriteVerbose($"Compared {result.Items:N0} items of '{Dataset.Name}' with the gold labels of '{Gold.Name}'" +
                         (result.Method != null ? $" (merged by {result.Method}, {result.Annotators.Count} annotators)" : "") +
                         $": accuracy {result.Accuracy:0.####}, in {(Elapsed - started).TotalMilliseconds:0} ms.");
            WriteObject(result);
        }, Dataset.Name);
    }
}

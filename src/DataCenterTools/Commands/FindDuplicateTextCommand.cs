using System.Management.Automation;
using DataCenterTools.Core.Data;
using DataCenterTools.Core.Text.Corpus;
using DataCenterTools.Core.Text.Dedup;
using DataCenterTools.Infrastructure;

namespace DataCenterTools.Commands;

/// <summary>
/// Finds exact and near-duplicate documents (MinHash + LSH, verified, connected components) and adds cluster_id,
/// duplicate_of and similarity; -AsSummary writes mergeable sketches instead, -Summary dedups merged sketches.
/// </summary>
[Cmdlet(VerbsCommon.Find, "DuplicateText", DefaultParameterSetName = DatasetSet, SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low)]
[OutputType(typeof(Dataset), typeof(CorpusFileResult))]
public sealed class FindDuplicateTextCommand : DuplicateTextCmdlet
{
    [Parameter(Mandatory = true, ParameterSetName = SummarySet)]
    [ValidateNotNullOrEmpty]
    public string Summary { get; set; } = "";

    [Parameter(ParameterSetName = DatasetSet)]
    [Parameter(ParameterSetName = PathSet)]
    public SwitchParameter AsSummary { get; set; }

    [Parameter(ParameterSetName = DatasetSet)]
    [ValidateNotNullOrEmpty]
    public string? SummaryPath { get; set; }

    protected override bool RemoveDuplicates => false;

    protected override void ProcessRecord()
    {
        if (ParameterSetName == SummarySet) { TryRun(() => { var r = NearDuplicateFinder.FromSummary(ResolveOutputPath(Summary), Options(), StopToken); Report(r.Summary, Summary); WriteObject(r.Dataset); }, Summary); return; }
        if (!AsSummary) { base.ProcessRecord(); return; }
        if (IsStreaming) { CollectPaths(); return; }
        var target = ResolveOutputPath(SummaryPath ?? throw new PSArgumentException("-AsSummary on a Dataset needs -SummaryPath: the .sketch file to write."));
        if (!ConfirmOutputFile(target, Force, $"the dedup summary of '{Dataset.Name}'")) return;
        TryRun(() =>
        {
            var n = NearDuplicateFinder.WriteSummary(Dataset, TextColumn, IdColumn, Options(), target, Force, StopToken);
            WriteVerbose($"Wrote the sketches of {n:N0} documents of '{Dataset.Name}' to '{target}'.");
            WriteObject(new FileInfo(target));
        }, target);
    }

    protected override void EndProcessing()
    {
        if (!(AsSummary && IsStreaming)) { base.EndProcessing(); return; }
        var target = ResolveOutputPath(OutputPath);
        if (!ConfirmOutputFile(target, Force, "the dedup summary (sketches) of the corpus")) return;
        TryRun(() =>
        {
            var n = NearDuplicateRun.WriteSummary(PlanUnits(), Options(), ReadOptions(), target, Force, ProgressReporter("Find-DuplicateText -AsSummary"));
            WriteVerbose($"Wrote the sketches of {n:N0} documents to '{target}' in {Elapsed.TotalSeconds:0.000} s.");
            WriteObject(new FileInfo(target));
        }, target);
    }
}

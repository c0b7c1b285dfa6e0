using System.Management.Automation;
using DataCenterTools.Core.Data;
using DataCenterTools.Core.Text.Corpus;
using DataCenterTools.Core.Text.Dedup;

namespace DataCenterTools.Infrastructure;

/// <summary>The settings Find-DuplicateText and Remove-DuplicateText share, and the run of either over a Dataset, files or a summary.</summary>
public abstract class DuplicateTextCmdlet : TextCorpusCmdlet
{
    protected const string SummarySet = "Summary";

    [Parameter] public DuplicateMethod Method { get; set; } = DuplicateMethod.MinHash;
    [Parameter] public double Threshold { get; set; } = 0.8;
    [Parameter] [ValidateRange(1, 64)] public int NGram { get; set; } = 5;
    [Parameter] public ShingleUnit Unit { get; set; } = ShingleUnit.Word;
    [Parameter] [ValidateRange(1, 1024)] public int Permutations { get; set; } = 112;
    [Parameter] [ValidateRange(1, 1024)] public int Bands { get; set; } = 14;
    [Parameter] public ulong Seed { get; set; } = 1;
    [Parameter] public SwitchParameter Verify { get; set; }
    [Parameter] public ShortDocumentRule ShortDocument { get; set; } = ShortDocumentRule.Exact;
    [Parameter] public DuplicateKeep Keep { get; set; } = DuplicateKeep.First;
    [Parameter] [ValidateNotNullOrEmpty] public string? DateColumn { get; set; }
    [Parameter] [ValidateNotNullOrEmpty] public string[]? Reference { get; set; }
    [Parameter] [ValidateNotNullOrEmpty] public string? ReportVariable { get; set; }

    protected abstract bool RemoveDuplicates { get; }
    protected virtual string? RejectPath => null;
    private readonly List<DuplicateTextSummary> _reports = [];

    protected MinHashOptions Options() => new MinHashOptions
    {
        Method = Method, Threshold = Threshold, NGram = NGram, Unit = Unit, Permutations = Permutations, Bands = Bands, Seed = Seed,
        Verify = Verify, ShortDocuments = ShortDocument, Keep = Keep, DateColumn = DateColumn,
    }.Validated();

    protected override void ProcessRecord()
    {
        if (IsStreaming) { CollectPaths(); return; }
        if (ParameterSetName == DatasetSet) TryRun(RunDataset, Dataset.Name);
    }

    protected override void EndProcessing()
    {
        if (IsStreaming) TryRun(RunFiles, OutputPath);
        if (ReportVariable != null && _reports.Count > 0) SessionState.PSVariable.Set(ReportVariable, _reports.Count == 1 ? _reports[0] : _reports.ToArray());
    }

    private void RunDataset()
    {
        var options = Options();
        Dataset? reference = null;
        if (Reference != null)
        {
            var files = CorpusFiles.Expand(ResolveInputPaths(Reference, literal: false), false);
            var docs = files.SelectMany(f => CorpusFileReader.Read(f, ReadOptions())).ToList();
            reference = new Dataset("reference", [new StringColumn("id", docs.Select(d => d.Id).ToArray()), new StringColumn("text", docs.Select(d => d.Text).ToArray())]);
        }
        var result = NearDuplicateFinder.Find(Dataset, TextColumn, IdColumn, options, RemoveDuplicates, reference, StopToken);
        Report(result.Summary, Dataset.Name);
        WriteObject(result.Dataset);
    }

    private void RunFiles()
    {
        var options = Options();
        var target = ResolveOutputPath(OutputPath);
        if (!ShouldProcess(target, $"Write {(RemoveDuplicates ? "the deduplicated corpus" : "the corpus with cluster_id, duplicate_of and similarity")}")) return;
        var references = Reference == null ? [] : CorpusFiles.Plan(CorpusFiles.Expand(ResolveInputPaths(Reference, literal: false), false), false);
        var (summary, _) = NearDuplicateRun.Run(PlanUnits(), references, options, RunOptions(MyInvocation.MyCommand.Name, RejectPath), RemoveDuplicates, WriteObject);
        Report(summary, target);
    }

    protected void Report(DuplicateTextSummary summary, string what)
    {
        _reports.Add(summary);
        WriteVerbose($"{summary.Method} dedup of '{what}': {summary.Documents:N0} documents ({summary.ReferenceDocuments:N0} reference), {summary.Clusters:N0} clusters, " +
            $"{summary.Duplicates:N0} duplicates, {summary.ShortDocuments:N0} short documents, {summary.CandidatePairs:N0} candidate pairs ({summary.VerifiedPairs:N0} verified), in {summary.Elapsed.TotalSeconds:0.000} s.");
    }
}

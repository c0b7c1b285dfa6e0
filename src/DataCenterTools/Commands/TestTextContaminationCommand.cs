using System.Management.Automation;
using DataCenterTools.Core.Data;
using DataCenterTools.Core.Text.Contamination;
using DataCenterTools.Core.Text.Corpus;
using DataCenterTools.Infrastructure;

namespace DataCenterTools.Commands;

/// <summary>Finds training documents that contain an evaluation item's 13-grams (exact, the GPT-3 method); -Remove Drop or Cut cleans them.</summary>
[Cmdlet(VerbsDiagnostic.Test, "TextContamination", DefaultParameterSetName = DatasetSet, SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low)]
[OutputType(typeof(Dataset), typeof(CorpusFileResult))]
public sealed class TestTextContaminationCommand : TextCorpusCmdlet
{
    [Parameter(Mandatory = true)]
    [ValidateNotNullOrEmpty]
    public string[] Benchmark { get; set; } = [];

    [Parameter]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(ColumnNameCompleter))]
    public string? BenchmarkTextColumn { get; set; }

    [Parameter]
    [ValidateRange(1, 64)]
    public int NGram { get; set; } = 13;

    [Parameter]
    public ContaminationAction Remove { get; set; } = ContaminationAction.Report;

    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? Reject { get; set; }

    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? ReportVariable { get; set; }

    private ContaminationStage? _stage;

    protected override void ProcessRecord()
    {
        if (IsStreaming) { CollectPaths(); return; }
        RunStage(MakeStage, drop: Remove == ContaminationAction.Drop, Reject, "Test-TextContamination");
    }

    protected override void EndProcessing()
    {
        if (IsStreaming) RunStage(MakeStage, drop: true, Reject, "Test-TextContamination");
        if (_stage == null || ReportVariable == null) return;
        SessionState.PSVariable.Set(ReportVariable, ContaminationReport.Items(_stage));
    }

    private IDocumentStage MakeStage()
    {
        if (_stage != null) return _stage;
        var files = ResolveInputPaths(Benchmark, literal: false).ToList();
        var index = ContaminationReport.BuildIndex(files, NGram, new CorpusReadOptions { TextColumn = BenchmarkTextColumn, Cancellation = StopToken, Warning = WriteWarning });
        WriteVerbose($"Benchmark: {index.ItemIds.Count:N0} items ({index.ShortItems:N0} shorter than {NGram} tokens, matched whole), {index.Grams:N0} distinct {NGram}-grams.");
        return _stage = new ContaminationStage(index, Remove, string.Join(",", files.Select(System.IO.Path.GetFileName)));
    }
}

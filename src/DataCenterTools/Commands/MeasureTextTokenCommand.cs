using System.Management.Automation;
using DataCenterTools.Core.Data;
using DataCenterTools.Core.Text.Corpus;
using DataCenterTools.Core.Text.Tokens;
using DataCenterTools.Infrastructure;

namespace DataCenterTools.Commands;

/// <summary>Counts tokens per document (token_count) with a named, pinned tokenizer; the totals go to -ReportVariable and -Verbose.</summary>
[Cmdlet(VerbsDiagnostic.Measure, "TextToken", DefaultParameterSetName = DatasetSet, SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low)]
[OutputType(typeof(Dataset), typeof(CorpusFileResult))]
public sealed class MeasureTextTokenCommand : TextCorpusCmdlet
{
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string Tokenizer { get; set; } = "o200k_base";

    [Parameter]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(ColumnNameCompleter))]
    public string Column { get; set; } = TokenCountStage.DefaultColumn;

    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? ReportVariable { get; set; }

    private TokenCountStage? _stage;
    private readonly List<TokenCountSummary> _reports = [];

    protected override void ProcessRecord()
    {
        if (IsStreaming) { CollectPaths(); return; }
        Run();
    }

    protected override void EndProcessing()
    {
        if (IsStreaming) Run();
        if (ReportVariable != null && _reports.Count > 0) SessionState.PSVariable.Set(ReportVariable, _reports.Count == 1 ? _reports[0] : _reports.ToArray());
    }

    private void Run()
    {
        var started = Elapsed;
        _stage = null;
        RunStage(() => _stage = new TokenCountStage(TextTokenizer.Resolve(ResolveTokenizer(Tokenizer)), Column), drop: false, null, "Measure-TextToken");
        if (_stage == null) return;
        var summary = _stage.Summary(Elapsed - started);
        _reports.Add(summary);
        WriteVerbose($"{summary.Tokens:N0} {summary.Tokenizer} tokens in {summary.Documents:N0} documents (mean {summary.MeanTokens:N1}, max {summary.MaxTokens:N0}); {summary.TokenizerPin}.");
    }
}

using System.Management.Automation;
using DataCenterTools.Core.Text.Cleaning;
using DataCenterTools.Core.Text.Corpus;
using DataCenterTools.Infrastructure;

namespace DataCenterTools.Commands;

/// <summary>Cleans the text of a corpus: Unicode normalization, control and zero-width characters, whitespace, HTML, mojibake, boilerplate lines.</summary>
[Cmdlet(VerbsLifecycle.Invoke, "TextCleaning", DefaultParameterSetName = DatasetSet, SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low)]
[OutputType(typeof(Core.Data.Dataset), typeof(CorpusFileResult))]
public sealed class InvokeTextCleaningCommand : TextCorpusCmdlet
{
    [Parameter]
    public TextNormalization Normalization { get; set; } = TextNormalization.NFC;

    [Parameter]
    public HtmlHandling Html { get; set; } = HtmlHandling.None;

    [Parameter]
    public SwitchParameter RepairMojibake { get; set; }

    [Parameter]
    public SwitchParameter RemoveBoilerplate { get; set; }

    [Parameter]
    [ValidateNotNullOrEmpty]
    public string[]? BoilerplatePattern { get; set; }

    [Parameter]
    public SwitchParameter KeepControlCharacters { get; set; }

    [Parameter]
    public SwitchParameter KeepWhitespace { get; set; }

    [Parameter]
    [ValidateRange(0, int.MaxValue)]
    public int MinLength { get; set; }

    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? Reject { get; set; }

    protected override void ProcessRecord()
    {
        if (IsStreaming) { CollectPaths(); return; }
        RunStage(MakeStage, drop: MinLength > 0, Reject, "Invoke-TextCleaning");
    }

    protected override void EndProcessing()
    {
        if (IsStreaming) RunStage(MakeStage, drop: true, Reject, "Invoke-TextCleaning");
    }

    private IDocumentStage MakeStage() => new TextCleaningStage(new TextCleaningOptions
    {
        Normalization = Normalization,
        Html = Html,
        RepairMojibake = RepairMojibake,
        RemoveBoilerplate = RemoveBoilerplate,
        BoilerplatePatterns = BoilerplatePattern ?? [],
        RemoveControlCharacters = !KeepControlCharacters,
        NormalizeWhitespace = !KeepWhitespace,
        MinLength = MinLength,
    });
}

using System.Management.Automation;
using DataCenterTools.Core.Data;
using DataCenterTools.Core.Text.Corpus;
using DataCenterTools.Core.Text.Language;
using DataCenterTools.Infrastructure;

namespace DataCenterTools.Commands;

/// <summary>Identifies each document's language (ISO 639-1) with a confidence; -Language keeps only the languages given.</summary>
[Cmdlet(VerbsCommon.Get, "TextLanguage", DefaultParameterSetName = DatasetSet, SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low)]
[OutputType(typeof(Dataset), typeof(CorpusFileResult))]
public sealed class GetTextLanguageCommand : TextCorpusCmdlet
{
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string[]? Language { get; set; }

    [Parameter]
    [ValidateRange(0.0, 1.0)]
    public double MinConfidence { get; set; }

    [Parameter]
    public LanguageAccuracy Accuracy { get; set; } = LanguageAccuracy.Low;

    [Parameter]
    [ValidateNotNullOrEmpty]
    public string[]? Candidate { get; set; }

    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? Reject { get; set; }

    protected override void ProcessRecord()
    {
        if (IsStreaming) { CollectPaths(); return; }
        RunStage(MakeStage, drop: Language != null, Reject, "Get-TextLanguage");
    }

    protected override void EndProcessing()
    {
        if (IsStreaming) RunStage(MakeStage, drop: true, Reject, "Get-TextLanguage");
    }

    private IDocumentStage MakeStage() => new LanguageStage(Accuracy, Language, MinConfidence, Candidate);
}

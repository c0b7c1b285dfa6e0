using System.Collections;
using System.Management.Automation;
using DataCenterTools.Core.Data;
using DataCenterTools.Core.Text.Corpus;
using DataCenterTools.Core.Text.Quality;
using DataCenterTools.Infrastructure;

namespace DataCenterTools.Commands;

/// <summary>Scores documents by the Gopher, C4 and FineWeb quality rules: a column per measure, pass/fail and the first failed rule.</summary>
[Cmdlet(VerbsDiagnostic.Test, "TextQuality", DefaultParameterSetName = DatasetSet, SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low)]
[OutputType(typeof(Dataset), typeof(CorpusFileResult))]
public sealed class TestTextQualityCommand : TextCorpusCmdlet
{
    [Parameter]
    [ValidateNotNullOrEmpty]
    public QualityFamily[] Rule { get; set; } = [QualityFamily.Gopher, QualityFamily.C4, QualityFamily.FineWeb];

    [Parameter]
    [ValidateNotNull]
    public Hashtable? Threshold { get; set; }

    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? BadWordsPath { get; set; }

    [Parameter]
    public SwitchParameter Filter { get; set; }

    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? Reject { get; set; }

    protected override void ProcessRecord()
    {
        if (IsStreaming) { CollectPaths(); return; }
        RunStage(MakeStage, drop: Filter, Reject, "Test-TextQuality");
    }

    protected override void EndProcessing()
    {
        if (IsStreaming) RunStage(MakeStage, drop: true, Reject, "Test-TextQuality");
    }

    private IDocumentStage MakeStage()
    {
        var thresholds = new Dictionary<string, double>(StringComparer.OrdinalIgnoreCase);
        foreach (DictionaryEntry e in Threshold ?? [])
        {
            var value = e.Value is PSObject p ? p.BaseObject : e.Value;
            thresholds[e.Key.ToString()!] = value is IConvertible c and not string and not bool ? c.ToDouble(System.Globalization.CultureInfo.InvariantCulture)
                : throw new DataException("InvalidQualityThreshold", DataErrorKind.InvalidArgument, $"-Threshold '{e.Key}' must be a number; got '{value}'.", "Write it as @{ gopher_min_words = 20 }.");
        }
        var badWords = BadWordsPath == null ? null : File.ReadAllLines(ResolveOutputPath(BadWordsPath));
        return new TextQualityStage(new TextQualityOptions { Families = Rule, Thresholds = thresholds, BadWords = badWords });
    }
}

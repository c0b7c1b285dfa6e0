using System.Management.Automation;
using DataCenterTools.Core.Labeling;
using DataCenterTools.Infrastructure;

namespace DataCenterTools.Commands;

/// <summary>Inter-annotator agreement of a long-form label Dataset: percent agreement, Cohen's, Fleiss' kappa, Krippendorff's alpha.</summary>
[Cmdlet(VerbsDiagnostic.Measure, "LabelAgreement")]
[OutputType(typeof(LabelAgreement))]
public sealed class MeasureLabelAgreementCommand : LabelCmdlet
{
    [Parameter]
    public KappaWeight Weight { get; set; } = KappaWeight.None;

    [Parameter]
    public AlphaLevel Level { get; set; } = AlphaLevel.Nominal;

    [Parameter]
    [ValidateRange(1, int.MaxValue)]
    public int MinSharedItems { get; set; } = 5;

    protected override void ProcessRecord()
    {
        var started = Elapsed;
        TryRun(() =>
        {
            var table = ReadLabels();
            var result = AgreementCalculator.Measure(table, new AgreementOptions { Weight = Weight, Level = Level, MinSharedItems = MinSharedItems }, Dataset.Name);
            foreach (var warning in result.Warnings) WriteWarning(warning);
            WriteVerbose($"Measured agreement on '{Dataset.Name}': {result.LabelRows} labels, {result.Items} items, {result.AnnotatorCount} annotators, " +
                         $"{result.Pairs.Count} annotator pairs with at least {MinSharedItems} shared items; in {(Elapsed - started).TotalMilliseconds:0} ms.");
            WriteObject(result);
        }, Dataset.Name);
    }
}

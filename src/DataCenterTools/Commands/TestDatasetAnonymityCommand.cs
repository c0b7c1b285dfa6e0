using System.Management.Automation;
using DataCenterTools.Core.Data;
using DataCenterTools.Core.Privacy;
using DataCenterTools.Infrastructure;

namespace DataCenterTools.Commands;

/// <summary>Measures k-anonymity, distinct l-diversity and re-identification risk of a dataset over its quasi-identifiers.</summary>
[Cmdlet(VerbsDiagnostic.Test, "DatasetAnonymity")]
[OutputType(typeof(AnonymityReport))]
public sealed class TestDatasetAnonymityCommand : DataCmdlet
{
    [Parameter(Mandatory = true, ValueFromPipeline = true)]
    public Dataset Dataset { get; set; } = null!;

    [Parameter(Mandatory = true, Position = 0)]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(ColumnNameCompleter))]
    public string[] QuasiIdentifier { get; set; } = null!;

    [Parameter(Position = 1)]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(ColumnNameCompleter))]
    public string? Sensitive { get; set; }

    [Parameter]
    [ValidateRange(1, int.MaxValue)]
    public int K { get; set; } = 5;

    protected override void ProcessRecord()
    {
        var started = Elapsed;
        TryRun(() =>
        {
            var report = AnonymityAnalyzer.Measure(Dataset, QuasiIdentifier, Sensitive, K);
            WriteVerbose($"Grouped {report.Rows:N0} rows of '{Dataset.Name}' by {string.Join(", ", report.QuasiIdentifiers)} into {report.EquivalenceClasses:N0} " +
                         $"equivalence class(es): k = {report.K}; {report.RowsInClassesUnderThreshold:N0} row(s) in classes under {K}; " +
                         $"{(Elapsed - started).TotalSeconds:0.000} s.");
            WriteObject(report);
        }, Dataset);
    }
}

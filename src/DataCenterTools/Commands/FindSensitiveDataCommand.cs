using System.Management.Automation;
using DataCenterTools.Core.Data;
using DataCenterTools.Core.Privacy;
using DataCenterTools.Infrastructure;

namespace DataCenterTools.Commands;

/// <summary>Reports the columns of a dataset that hold personal or secret data (e-mail, phone, IP, card, IBAN, IDs...), with masked samples.</summary>
[Cmdlet(VerbsCommon.Find, "SensitiveData", DefaultParameterSetName = SampleSet)]
[OutputType(typeof(SensitiveColumnFinding))]
public sealed class FindSensitiveDataCommand : DataCmdlet
{
    private const string SampleSet = "Sample";
    private const string AllSet = "All";

    [Parameter(Mandatory = true, ValueFromPipeline = true)]
    public Dataset Dataset { get; set; } = null!;

    [Parameter(Position = 0)]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(ColumnNameCompleter))]
    public string[]? Column { get; set; }

    [Parameter]
    [ValidateRange(0.0, 1.0)]
    public double MinimumConfidence { get; set; } = 0.5;

    [Parameter(ParameterSetName = SampleSet)]
    [ValidateRange(1, int.MaxValue)]
    public int SampleRows { get; set; } = SensitiveScanOptions.DefaultSampleRows;

    [Parameter(Mandatory = true, ParameterSetName = AllSet)]
    public SwitchParameter All { get; set; }

    protected override void ProcessRecord()
    {
        var started = Elapsed;
        const int activityId = (int)ProgressActivity.FindSensitiveData;
        TryRun(() =>
        {
            var options = new SensitiveScanOptions { Columns = Column, MinimumConfidence = MinimumConfidence, SampleRows = SampleRows, ScanAllRows = All };
            var activity = $"Scanning '{Dataset.Name}' for sensitive data";
            var findings = SensitiveDataScanner.Scan(Dataset, options, new SynchronousProgress<double>(p =>
                WriteProgress(new ProgressRecord(activityId, activity, $"{p:P0} of the columns") { PercentComplete = (int)(p * 100) })));
            WriteProgress(new ProgressRecord(activityId, activity, "Done") { RecordType = ProgressRecordType.Completed });
            var scanned = All || Dataset.RowCount <= SampleRows ? $"all {Dataset.RowCount:N0} rows" : $"{SampleRows:N0} of {Dataset.RowCount:N0} rows (spread evenly; -All scans every row)";
            WriteVerbose($"Scanned {scanned} of {Column?.Length ?? Dataset.ColumnCount} column(s) of '{Dataset.Name}'; " +
                         $"{findings.Count} column(s) at confidence {MinimumConfidence:0.##} or more, in {(Elapsed - started).TotalSeconds:0.000} s.");
            if (findings.Count == 0)
                WriteNothingFound($"No sensitive data found in '{Dataset.Name}': no column at confidence {MinimumConfidence:0.##} or more in {scanned}.");
            WriteObject(findings, enumerateCollection: true);
        }, Dataset);
    }

}

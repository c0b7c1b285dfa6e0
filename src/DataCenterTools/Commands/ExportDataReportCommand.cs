using System.Management.Automation;
using DataCenterTools.Core.Data;
using DataCenterTools.Core.Reporting;
using DataCenterTools.Infrastructure;

namespace DataCenterTools.Commands;

/// <summary>Writes a self-contained HTML report of a dataset: overview, columns, missing values, correlations, alerts and drift.</summary>
[Cmdlet(VerbsData.Export, "DataReport", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
[OutputType(typeof(FileInfo))]
public sealed class ExportDataReportCommand : DataCmdlet
{
    [Parameter(Mandatory = true, ValueFromPipeline = true)]
    public Dataset Dataset { get; set; } = null!;

    [Parameter(Mandatory = true, Position = 0)]
    [ValidateNotNullOrEmpty]
    public string Path { get; set; } = "";

    [Parameter]
    public Dataset? Reference { get; set; }

    [Parameter]
    public SwitchParameter Force { get; set; }

    [Parameter]
    public SwitchParameter PassThru { get; set; }

    protected override void ProcessRecord()
    {
        var target = ResolveOutputPath(Path);
        if (!ConfirmOutputFile(target, Force, $"an HTML report of '{Dataset.Name}'")) return;

        var progress = new ProgressRecord((int)ProgressActivity.ExportDataReport, $"Export-DataReport {System.IO.Path.GetFileName(target)}", "Describing columns");
        var options = new DataReportOptions
        {
            Reference = Reference,
            Warning = WriteWarning,
            Progress = (done, total) =>
            {
                progress.PercentComplete = total > 0 ? 100 * done / total : -1;
                progress.StatusDescription = $"Column {done} of {total}";
                WriteProgress(progress);
            },
        };
        var started = Elapsed;
        var written = TryRun(() => DataReport.Save(Dataset, options, target, Force), target);
        progress.RecordType = ProgressRecordType.Completed;
        WriteProgress(progress);
        if (!written) return;
        WriteVerbose($"Wrote the report of '{Dataset.Name}' ({Dataset.RowCount:N0} rows x {Dataset.ColumnCount} columns{(Reference != null ? $", drift from '{Reference.Name}'" : "")}) to '{target}' in {(Elapsed - started).TotalSeconds:0.00} s.");
        if (PassThru) WriteObject(new FileInfo(target));
    }
}

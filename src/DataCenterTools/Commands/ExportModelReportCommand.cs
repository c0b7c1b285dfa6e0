using System.Management.Automation;
using DataCenterTools.Core.Data;
using DataCenterTools.Core.Reporting;
using DataCenterTools.Core.Training;
using DataCenterTools.Infrastructure;

namespace DataCenterTools.Commands;

/// <summary>Writes a self-contained HTML report of a model: metrics, cross-validation spread, importance, residuals or calibration, confusion matrix, groups, lineage.</summary>
[Cmdlet(VerbsData.Export, "ModelReport", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
[OutputType(typeof(FileInfo))]
public sealed class ExportModelReportCommand : DataCmdlet
{
    [Parameter(Mandatory = true)]
    public TrainedModel Model { get; set; } = null!;

    /// <summary>Labelled rows to evaluate the model on (best: rows it was not trained on).</summary>
    [Parameter(Mandatory = true, ValueFromPipeline = true)]
    public Dataset Dataset { get; set; } = null!;

    [Parameter(Mandatory = true, Position = 0)]
    [ValidateNotNullOrEmpty]
    public string Path { get; set; } = "";

    [Parameter]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(ColumnNameCompleter))]
    public string? GroupBy { get; set; }

    [Parameter]
    public SwitchParameter Force { get; set; }

    [Parameter]
    public SwitchParameter PassThru { get; set; }

    protected override void ProcessRecord()
    {
        var target = ResolveOutputPath(Path);
        if (!ConfirmOutputFile(target, Force, $"an HTML report of the {Model.Trainer} model")) return;
        var progress = new ProgressRecord((int)ProgressActivity.ExportModelReport, $"Export-ModelReport {System.IO.Path.GetFileName(target)}", $"Scoring {Dataset.RowCount:N0} rows of '{Dataset.Name}'");
        WriteProgress(progress);
        var started = Elapsed;
        var written = TryRun(() => ModelReport.Save(Model, Dataset, new ModelReportOptions { GroupBy = GroupBy }, target, Force), target);
        progress.RecordType = ProgressRecordType.Completed;
        WriteProgress(progress);
        if (!written) return;
        WriteVerbose($"Wrote the report of the {Model.Task} {Model.Trainer} model, evaluated on '{Dataset.Name}' ({Dataset.RowCount:N0} rows{(GroupBy != null ? $", by {GroupBy}" : "")}), to '{target}' in {(Elapsed - started).TotalSeconds:0.00} s.");
        if (PassThru) WriteObject(new FileInfo(target));
    }
}

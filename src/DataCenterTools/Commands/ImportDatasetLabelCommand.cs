using System.Management.Automation;
using DataCenterTools.Core.Data;
using DataCenterTools.Core.Labeling;
using DataCenterTools.Infrastructure;

namespace DataCenterTools.Commands;

/// <summary>Reads Label Studio exports (JSON, JSON_MIN, CSV) or long/wide label tables into a long-form label Dataset.</summary>
[Cmdlet(VerbsData.Import, "DatasetLabel", DefaultParameterSetName = DatasetSet)]
[OutputType(typeof(Dataset))]
public sealed class ImportDatasetLabelCommand : DataCmdlet
{
    private const string PathSet = "Path";
    private const string DatasetSet = "Dataset";

    [Parameter(Mandatory = true, Position = 0, ParameterSetName = PathSet, ValueFromPipelineByPropertyName = true)]
    [Alias("FullName")]
    [ValidateNotNullOrEmpty]
    public string[] Path { get; set; } = [];

    [Parameter(Mandatory = true, ParameterSetName = DatasetSet, ValueFromPipeline = true)]
    public Dataset Dataset { get; set; } = null!;

    [Parameter]
    public LabelFormat Format { get; set; } = LabelFormat.Auto;

    [Parameter]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(ColumnNameCompleter))]
    public string? ItemColumn { get; set; }

    [Parameter]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(ColumnNameCompleter))]
    public string[]? AnnotatorColumn { get; set; }

    [Parameter]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(ColumnNameCompleter))]
    public string? LabelColumn { get; set; }

    protected override void ProcessRecord()
    {
        var options = new LabelImportOptions { Format = Format, ItemColumn = ItemColumn, AnnotatorColumns = AnnotatorColumn, LabelColumn = LabelColumn };
        if (ParameterSetName == DatasetSet)
        {
            TryRun(() => Emit(LabelImporter.FromDataset(Dataset, options), Dataset.Name), Dataset.Name);
            return;
        }
        foreach (var path in ResolveInputPaths(Path, literal: false))
            TryRun(() => Emit(LabelImporter.ReadFile(path, options), path), path);
    }

    private void Emit(LabelImportResult result, string from)
    {
        var report = result.Report;
        if (report.UnlabeledTasks > 0) WriteWarning($"{report.UnlabeledTasks} task(s) in '{from}' have no label (no annotation, or no choice made); they have no rows.");
        if (report.CancelledAnnotations > 0) WriteWarning($"{report.CancelledAnnotations} cancelled annotation(s) in '{from}' were skipped.");
        if (report.MultipleChoiceAnnotations > 0) WriteWarning($"{report.MultipleChoiceAnnotations} annotation(s) in '{from}' chose several labels; each is kept as one label, the choices joined by ';'.");
        if (report.UnknownAnnotators > 0) WriteWarning($"{report.UnknownAnnotators} annotation(s) in '{from}' name no annotator; each is kept as annotator 'unknown:<annotation id>'.");
        if (report.MissingLabels > 0)
        {
            var message = $"{report.MissingLabels} cell(s) in '{from}' have no label and give no row.";
            if (report.Format == LabelFormat.Wide) WriteVerbose(message); else WriteWarning(message);
        }
        WriteVerbose($"Read {report.LabelRows} labels on {report.Tasks} items from '{from}' ({report.Format}) in {Elapsed.TotalMilliseconds:0} ms.");
        WriteObject(result.Labels);
    }
}

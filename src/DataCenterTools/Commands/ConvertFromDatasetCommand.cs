using System.Management.Automation;
using DataCenterTools.Core.Data;
using DataCenterTools.Infrastructure;

namespace DataCenterTools.Commands;

/// <summary>Emits a Dataset's rows as PSCustomObjects with typed values ($null for missing cells).</summary>
[Cmdlet(VerbsData.ConvertFrom, "Dataset")]
[OutputType(typeof(PSCustomObject))]
public sealed class ConvertFromDatasetCommand : DataCmdlet
{
    [Parameter(Mandatory = true, ValueFromPipeline = true, Position = 0)]
    public Dataset Dataset { get; set; } = null!;

    [Parameter]
    [ValidateRange(0, int.MaxValue)]
    public int First { get; set; } = int.MaxValue;

    [Parameter]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(ColumnNameCompleter))]
    public string[]? Column { get; set; }

    protected override void ProcessRecord()
    {
        var columns = new List<Column>();
        foreach (var name in Column ?? Dataset.Columns.Select(c => c.Name).ToArray())
        {
            if (Dataset.TryGetColumn(name, out var c)) columns.Add(c);
            else
                ThrowDataError(new DataException("ColumnNotFound", DataErrorKind.ObjectNotFound,
                    $"Dataset '{Dataset.Name}' has no column '{name}' (columns: {string.Join(", ", Dataset.Schema.Select(s => s.Name))}).",
                    "Check the spelling of -Column."), name);
        }
        var rows = Math.Min(First, Dataset.RowCount);
        var progress = new ProgressRecord((int)ProgressActivity.ConvertFromDataset, "ConvertFrom-Dataset", "Emitting rows");
        for (var r = 0; r < rows; r++)
        {
            WriteObject(RowObjects.Create(columns, r));
            if ((r & 0xFFFF) == 0xFFFF)
            {
                progress.PercentComplete = (int)(100L * r / rows);
                WriteProgress(progress);
            }
        }
        if (rows > 0xFFFF)
        {
            progress.RecordType = ProgressRecordType.Completed;
            WriteProgress(progress);
        }
    }
}

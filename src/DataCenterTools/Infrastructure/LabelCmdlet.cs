using System.Management.Automation;
using DataCenterTools.Core.Data;
using DataCenterTools.Core.Labeling;

namespace DataCenterTools.Infrastructure;

/// <summary>Shared parameters of the cmdlets that read a long-form label Dataset (item, annotator, label).</summary>
public abstract class LabelCmdlet : DataCmdlet
{
    [Parameter(Mandatory = true, ValueFromPipeline = true)]
    public Dataset Dataset { get; set; } = null!;

    [Parameter]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(ColumnNameCompleter))]
    public string ItemColumn { get; set; } = "item";

    [Parameter]
    [ValidateNotNullOrEmpty]
    public string AnnotatorColumn { get; set; } = "annotator";

    [Parameter]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(ColumnNameCompleter))]
    public string LabelColumn { get; set; } = "label";

    /// <summary>The declared labels in their order; labels found outside it are warned about and kept.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string[]? Order { get; set; }

    /// <summary>Encodes the Dataset's labels, warning about rows left out and labels outside -Order.</summary>
    protected LabelTable ReadLabels()
    {
        var table = LabelTable.FromDataset(Dataset, new LabelColumns(ItemColumn, AnnotatorColumn, LabelColumn), Order, out var skipped);
        if (skipped > 0)
            WriteWarning($"{skipped} row(s) of '{Dataset.Name}' have no item, annotator or label and were left out.");
        if (table.UndeclaredLabelRows > 0)
            WriteWarning($"DataCenterTools.LabelNotDeclared: {table.UndeclaredLabelRows} label(s) in '{Dataset.Name}' are not in -Order " +
                         $"({string.Join(", ", table.Categories.Skip(Order!.Distinct().Count()))}); they are kept, ordered after the declared labels.");
        return table;
    }
}

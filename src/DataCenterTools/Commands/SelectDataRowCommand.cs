using System.Management.Automation;
using DataCenterTools.Core.Data;
using DataCenterTools.Core.Query;
using DataCenterTools.Infrastructure;

namespace DataCenterTools.Commands;

/// <summary>Keeps rows of a Dataset: by a condition, distinct, a random sample, sorted, by position.</summary>
[Cmdlet(VerbsCommon.Select, "DataRow")]
[OutputType(typeof(Dataset))]
public sealed class SelectDataRowCommand : DataCmdlet
{
    [Parameter(Mandatory = true, ValueFromPipeline = true)]
    public Dataset Dataset { get; set; } = null!;

    [Parameter(Position = 0)]
    [Alias("Where")]
    [ValidateNotNullOrEmpty]
    public string? Filter { get; set; }

    [Parameter]
    [ArgumentCompleter(typeof(ColumnNameCompleter))]
    [Alias("Sort")]
    [ValidateNotNullOrEmpty]
    public string[]? OrderBy { get; set; }

    [Parameter]
    public SwitchParameter Descending { get; set; }

    [Parameter]
    [ValidateRange(0, int.MaxValue)]
    public int? First { get; set; }

    [Parameter]
    [ValidateRange(0, int.MaxValue)]
    public int? Last { get; set; }

    [Parameter]
    [ValidateRange(0, int.MaxValue)]
    public int Skip { get; set; }

    [Parameter]
    [ValidateRange(0, int.MaxValue)]
    public int? Sample { get; set; }

    [Parameter]
    public double? Fraction { get; set; }

    [Parameter]
    public long? Seed { get; set; }

    [Parameter]
    public SwitchParameter Distinct { get; set; }

    [Parameter]
    [ArgumentCompleter(typeof(ColumnNameCompleter))]
    [ValidateNotNullOrEmpty]
    public string[]? Column { get; set; }



    protected override void ProcessRecord()
    {
        var started = Elapsed;
        TryRun(() =>
        {
            var result = RowSelection.Select(Dataset, new RowSelectionOptions
            {
                Filter = Filter,
                OrderBy = OrderBy == null ? null : SortKey.ParseAll(Dataset.Schema, OrderBy, Descending),
                First = First,
                Last = Last,
                Skip = Skip,
                Sample = Sample,
                Fraction = Fraction,
                Seed = Seed,
                Distinct = Distinct,
                DistinctColumns = Column,
                Cancellation = StopToken,
            });
            foreach (var warning in result.Warnings) WriteWarning(warning);
            WriteVerbose($"Selected {result.Dataset.RowCount:N0} of {Dataset.RowCount:N0} rows of '{Dataset.Name}' in {(Elapsed - started).TotalSeconds:0.000} s.");
            WriteObject(result.Dataset);
        }, Dataset);
    }
}

using System.Collections;
using System.Collections.Specialized;
using System.Management.Automation;
using DataCenterTools.Core.Data;
using DataCenterTools.Core.Query;
using DataCenterTools.Infrastructure;

namespace DataCenterTools.Commands;

/// <summary>Groups a Dataset's rows by columns and/or time, one row per group with its count and the aggregates asked for.</summary>
[Cmdlet(VerbsData.Group, "Dataset")]
[OutputType(typeof(Dataset))]
public sealed class GroupDatasetCommand : DataCmdlet
{
    [Parameter(Mandatory = true, ValueFromPipeline = true)]
    public Dataset Dataset { get; set; } = null!;

    [Parameter(Position = 0)]
    [ArgumentCompleter(typeof(ColumnNameCompleter))]
    [ValidateNotNullOrEmpty]
    public string[] By { get; set; } = [];

    [Parameter]
    [ArgumentCompleter(typeof(ColumnNameCompleter))]
    [ValidateNotNullOrEmpty]
    public string? TimeColumn { get; set; }

    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? Interval { get; set; }

    [Parameter]
    public CalendarPart[] CalendarPart { get; set; } = [];

    [Parameter(Position = 1)]
    public IDictionary? Aggregate { get; set; }



    protected override void ProcessRecord()
    {
        var started = Elapsed;
        TryRun(() =>
        {
            var table = new List<(string, IReadOnlyList<string>)>();
            foreach (DictionaryEntry entry in Aggregate ?? new Hashtable())
                table.Add((entry.Key.ToString()!, LanguagePrimitives.ConvertTo<string[]>(entry.Value)));
            var result = DatasetGrouping.Group(Dataset, new GroupOptions
            {
                By = By,
                TimeColumn = TimeColumn,
                Interval = Interval == null ? null : TimeBucket.Parse(Interval, "-Interval"),
                CalendarParts = CalendarPart,
                Aggregates = AggregateFunction.ParseAll(Dataset.Schema, table, ordered: Aggregate is IOrderedDictionary),
                Cancellation = StopToken,
            });
            WriteVerbose($"Grouped {Dataset.RowCount:N0} rows of '{Dataset.Name}' into {result.RowCount:N0} groups in {(Elapsed - started).TotalSeconds:0.000} s.");
            WriteObject(result);
        }, Dataset);
    }
}

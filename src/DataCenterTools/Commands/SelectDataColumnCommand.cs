using System.Management.Automation;
using DataCenterTools.Core.Data;
using DataCenterTools.Core.Query;
using DataCenterTools.Infrastructure;

namespace DataCenterTools.Commands;

/// <summary>Keeps, reorders or drops columns of a Dataset (wildcards allowed); the kept columns are shared, not copied.</summary>
[Cmdlet(VerbsCommon.Select, "DataColumn")]
[OutputType(typeof(Dataset))]
public sealed class SelectDataColumnCommand : DataCmdlet
{
    [Parameter(Mandatory = true, ValueFromPipeline = true)]
    public Dataset Dataset { get; set; } = null!;

    [Parameter(Position = 0)]
    [ArgumentCompleter(typeof(ColumnNameCompleter))]
    [ValidateNotNullOrEmpty]
    public string[]? Column { get; set; }

    [Parameter]
    [ArgumentCompleter(typeof(ColumnNameCompleter))]
    [ValidateNotNullOrEmpty]
    public string[]? Exclude { get; set; }

    protected override void ProcessRecord()
    {
        TryRun(() =>
        {
            var result = ColumnSelection.Select(Dataset, Column, Exclude);
            WriteVerbose($"Kept {result.ColumnCount} of {Dataset.ColumnCount} columns of '{Dataset.Name}': {string.Join(", ", result.Schema.Select(c => c.Name))}.");
            WriteObject(result);
        }, Dataset);
    }
}

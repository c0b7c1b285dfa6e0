using System.Management.Automation;
using DataCenterTools.Core.Data;
using DataCenterTools.Core.Query;
using DataCenterTools.Infrastructure;

namespace DataCenterTools.Commands;

/// <summary>Adds a column computed from an expression over the other columns (or replaces one with -Force).</summary>
[Cmdlet(VerbsCommon.Add, "DataColumn")]
[OutputType(typeof(Dataset))]
public sealed class AddDataColumnCommand : DataCmdlet
{
    [Parameter(Mandatory = true, ValueFromPipeline = true)]
    public Dataset Dataset { get; set; } = null!;

    [Parameter(Mandatory = true, Position = 0)]
    [ValidateNotNullOrEmpty]
    public string Name { get; set; } = "";

    [Parameter(Mandatory = true, Position = 1)]
    [ValidateNotNullOrEmpty]
    public string Expression { get; set; } = "";

    [Parameter]
    public SwitchParameter Force { get; set; }



    protected override void ProcessRecord()
    {
        var started = Elapsed;
        TryRun(() =>
        {
            var result = ColumnSelection.Add(Dataset, Name, Expression, Force, StopToken);
            foreach (var warning in result.Warnings) WriteWarning(warning);
            var column = result.Dataset.Schema[Name];
            WriteVerbose($"{(Dataset.Schema.Contains(Name) ? "Replaced" : "Added")} column '{column.Name}' ({column.Type}, {column.Nulls:N0} missing) = {Expression} in {(Elapsed - started).TotalSeconds:0.000} s.");
            WriteObject(result.Dataset);
        }, Dataset);
    }
}

using System.Management.Automation;
using DataCenterTools.Core.Data;
using DataCenterTools.Core.Query;
using DataCenterTools.Infrastructure;

namespace DataCenterTools.Commands;

/// <summary>Joins two Datasets on key columns: inner, left, right, full, semi or anti.</summary>
[Cmdlet(VerbsCommon.Join, "Dataset")]
[OutputType(typeof(Dataset))]
public sealed class JoinDatasetCommand : DataCmdlet
{
    [Parameter(Mandatory = true, ValueFromPipeline = true)]
    [Alias("Dataset")]
    public Dataset Left { get; set; } = null!;

    [Parameter(Mandatory = true, Position = 0)]
    public Dataset Right { get; set; } = null!;

    [Parameter(Mandatory = true, Position = 1)]
    [ArgumentCompleter(typeof(ColumnNameCompleter))]
    [ValidateNotNullOrEmpty]
    public string[] On { get; set; } = [];

    [Parameter]
    [ArgumentCompleter(typeof(ColumnNameCompleter))]
    [ValidateNotNullOrEmpty]
    public string[]? RightOn { get; set; }

    [Parameter]
    public JoinKind Kind { get; set; } = JoinKind.Inner;

    [Parameter]
    [ValidateNotNullOrEmpty]
    public string Suffix { get; set; } = "_right";



    protected override void ProcessRecord()
    {
        var started = Elapsed;
        TryRun(() =>
        {
            var result = DatasetJoin.Join(Left, Right, new JoinOptions { Kind = Kind, On = On, RightOn = RightOn, Suffix = Suffix, Cancellation = StopToken });
            WriteVerbose($"{Kind} join of '{Left.Name}' ({Left.RowCount:N0} rows) and '{Right.Name}' ({Right.RowCount:N0} rows) on {string.Join(", ", On)}: {result.RowCount:N0} rows in {(Elapsed - started).TotalSeconds:0.000} s.");
            WriteObject(result);
        }, Left);
    }
}

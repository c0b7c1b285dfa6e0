using System.Management.Automation;
using DataCenterTools.Core.Data;
using DataCenterTools.Core.Features;
using DataCenterTools.Infrastructure;

namespace DataCenterTools.Commands;

/// <summary>Splits a Dataset into training and test sides: seeded random, stratified, grouped or time-ordered.</summary>
[Cmdlet(VerbsCommon.Split, "Dataset", DefaultParameterSetName = RandomSet)]
[OutputType(typeof(SplitResult))]
public sealed class SplitDatasetCommand : DataCmdlet
{
    private const string RandomSet = "Random";
    private const string StratifySet = "Stratify";
    private const string GroupSet = "Group";
    private const string TimeSet = "Time";

    [Parameter(Mandatory = true, ValueFromPipeline = true)]
    public Dataset Dataset { get; set; } = null!;

    [Parameter(Position = 0)]
    public double TrainFraction { get; set; } = 0.8;

    [Parameter(ParameterSetName = RandomSet)]
    [Parameter(ParameterSetName = StratifySet)]
    [Parameter(ParameterSetName = GroupSet)]
    public long? Seed { get; set; }

    [Parameter(Mandatory = true, ParameterSetName = StratifySet)]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(ColumnNameCompleter))]
    public string? StratifyBy { get; set; }

    [Parameter(Mandatory = true, ParameterSetName = GroupSet)]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(ColumnNameCompleter))]
    public string? GroupBy { get; set; }

    [Parameter(Mandatory = true, ParameterSetName = TimeSet)]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(ColumnNameCompleter))]
    public string? TimeColumn { get; set; }

    /// <summary>With -GroupBy (e.g. the user): each group's last N rows by -OrderBy go to the test side.</summary>
    [Parameter(ParameterSetName = GroupSet)]
    [ValidateRange(1, int.MaxValue)]
    public int? LeaveLastOut { get; set; }

    /// <summary>With -LeaveLastOut: the DateTime or numeric column that orders each group's rows.</summary>
    [Parameter(ParameterSetName = GroupSet)]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(ColumnNameCompleter))]
    public string? OrderBy { get; set; }

    protected override void ProcessRecord()
    {
        var started = Elapsed;
        var options = new DatasetSplitOptions { TrainFraction = TrainFraction, Seed = Seed, StratifyBy = StratifyBy, GroupBy = GroupBy, TimeColumn = TimeColumn ?? OrderBy,
            LeaveLastOut = LeaveLastOut, OrderByWithoutLeaveLastOut = OrderBy != null && LeaveLastOut == null };
        TryRun(() =>
        {
            var split = DatasetSplitter.Split(Dataset, options);
            WriteVerbose($"Split '{Dataset.Name}' ({split.Strategy}{(split.Seed is { } s ? $", seed {s}" : "")}): {split.Train.RowCount:N0} training rows, {split.Test.RowCount:N0} test rows in {(Elapsed - started).TotalSeconds:0.000} s.");
            WriteObject(split);
        }, Dataset);
    }
}

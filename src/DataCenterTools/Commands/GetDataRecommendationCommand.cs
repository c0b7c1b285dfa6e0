using System.Management.Automation;
using DataCenterTools.Core.Data;
using DataCenterTools.Core.Training;
using DataCenterTools.Infrastructure;

namespace DataCenterTools.Commands;

/// <summary>Each user's top-N items from a recommender, as a Dataset of user, item, score, rank and basis.</summary>
[Cmdlet(VerbsCommon.Get, "DataRecommendation", DefaultParameterSetName = UserSet)]
[OutputType(typeof(Dataset))]
public sealed class GetDataRecommendationCommand : DataCmdlet
{
    private const string UserSet = "User";
    private const string DatasetSet = "Dataset";

    [Parameter(Mandatory = true)]
    public TrainedModel Model { get; set; } = null!;

    [Parameter(Mandatory = true, Position = 0, ParameterSetName = UserSet)]
    [ValidateNotNullOrEmpty]
    public object[] User { get; set; } = null!;

    /// <summary>A Dataset whose user column (the model's) lists the users to recommend for.</summary>
    [Parameter(Mandatory = true, ValueFromPipeline = true, ParameterSetName = DatasetSet)]
    public Dataset Dataset { get; set; } = null!;

    [Parameter]
    [ValidateRange(1, 100_000)]
    public int Top { get; set; } = 10;

    [Parameter]
    public Dataset? ExcludeSeen { get; set; }

    protected override void ProcessRecord()
    {
        var started = Elapsed;
        TryRun(() =>
        {
            var users = ParameterSetName == UserSet
                ? User.Select(u => Recommendations.Key(u is PSObject o ? o.BaseObject : u)).Distinct(StringComparer.Ordinal).ToArray()
                : Recommendations.UsersOf(Model, Dataset);
            WriteProgress(new ProgressRecord((int)ProgressActivity.GetDataRecommendation, "Get-DataRecommendation", $"Top {Top} for {users.Count:N0} user(s)"));
            var result = Recommendations.ForUsers(Model, users, Top, ExcludeSeen, StopToken);
            WriteProgress(new ProgressRecord((int)ProgressActivity.GetDataRecommendation, "Get-DataRecommendation", "Done") { RecordType = ProgressRecordType.Completed });
            if (result.UnknownUsers > 0)
                WriteWarning($"{result.UnknownUsers:N0} of {result.Users:N0} user(s) are not in the model: their lists are the " +
                             (Model.Recommender!.Implicit ? "most popular items (Basis = Popularity)." : "items with the highest item bias, the best guess for a new user (Basis = ItemBias)."));
            WriteVerbose($"Recommended {Top} items to each of {result.Users:N0} user(s) from the {Model.Trainer} model ({result.ExcludedPairs:N0} seen pairs excluded) in {(Elapsed - started).TotalSeconds:0.000} s.");
            WriteObject(result.Recommendations);
        }, Model);
    }

}

using System.Management.Automation;
using DataCenterTools.Core.Data;
using DataCenterTools.Core.Training;

namespace DataCenterTools.Infrastructure;

/// <summary>A cmdlet that applies a trained model (-Model) to each Dataset from the pipeline (-Dataset).</summary>
public abstract class ModelDatasetCmdlet : DataCmdlet
{
    [Parameter(Mandatory = true, Position = 0)]
    public TrainedModel Model { get; set; } = null!;

    [Parameter(Mandatory = true, ValueFromPipeline = true)]
    public Dataset Dataset { get; set; } = null!;

    /// <summary>Applies the model to the current Dataset; failures become non-terminating errors.</summary>
    protected abstract object Apply(out string summary);

    protected override void ProcessRecord()
    {
        var started = Elapsed;
        TryRun(() =>
        {
            var result = Apply(out var summary);
            WriteVerbose($"{summary} ({Dataset.RowCount:N0} rows of '{Dataset.Name}', {Model.Trainer} model) in {(Elapsed - started).TotalSeconds:0.000} s.");
            WriteObject(result);
        }, Dataset);
    }
}

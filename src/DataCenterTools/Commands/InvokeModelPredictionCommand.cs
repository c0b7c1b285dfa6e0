using System.Management.Automation;
using DataCenterTools.Core.Data;
using DataCenterTools.Core.Training;
using DataCenterTools.Infrastructure;

namespace DataCenterTools.Commands;

/// <summary>Returns the Dataset with the model's Score, PredictedLabel and Probability columns added.</summary>
[Cmdlet(VerbsLifecycle.Invoke, "ModelPrediction")]
[OutputType(typeof(Dataset))]
public sealed class InvokeModelPredictionCommand : DataCmdlet
{
    [Parameter(Mandatory = true, Position = 0)]
    public TrainedModel Model { get; set; } = null!;

    [Parameter(Mandatory = true, ValueFromPipeline = true)]
    public Dataset Dataset { get; set; } = null!;

    protected override void ProcessRecord()
    {
        var started = Elapsed;
        TryRun(() =>
        {
            var result = ModelPredictor.Predict(Model, Dataset);
            WriteVerbose($"Predicted {Dataset.RowCount:N0} rows of '{Dataset.Name}' with the {Model.Trainer} model in {(Elapsed - started).TotalSeconds:0.000} s.");
            WriteObject(result);
        }, Dataset);
    }
}

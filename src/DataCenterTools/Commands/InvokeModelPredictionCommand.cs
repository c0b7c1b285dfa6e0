using System.Management.Automation;
using DataCenterTools.Core.Data;
using DataCenterTools.Core.Training;
using DataCenterTools.Infrastructure;

namespace DataCenterTools.Commands;

/// <summary>Returns the Dataset with the model's Score, PredictedLabel and Probability columns added.</summary>
[Cmdlet(VerbsLifecycle.Invoke, "ModelPrediction")]
[OutputType(typeof(Dataset))]
public sealed class InvokeModelPredictionCommand : ModelDatasetCmdlet
{
    protected override object Apply(out string summary)
    {
        summary = "Predicted";
        return ModelPredictor.Predict(Model, Dataset);
    }
}

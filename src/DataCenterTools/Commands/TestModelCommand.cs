using System.Management.Automation;
using DataCenterTools.Core.Training;
using DataCenterTools.Infrastructure;

namespace DataCenterTools.Commands;

/// <summary>Measures a model on labelled data it has not seen.</summary>
[Cmdlet(VerbsDiagnostic.Test, "Model")]
[OutputType(typeof(ModelMetrics))]
public sealed class TestModelCommand : ModelDatasetCmdlet
{
    protected override object Apply(out string summary)
    {
        var metrics = ModelTrainer.Test(Model, Dataset);
        summary = $"Tested: {metrics.Headline}";
        return metrics;
    }
}

using System.Management.Automation;
using DataCenterTools.Core.Data;
using DataCenterTools.Core.Training;
using DataCenterTools.Infrastructure;

namespace DataCenterTools.Commands;

/// <summary>Measures a model on labelled data it has not seen.</summary>
[Cmdlet(VerbsDiagnostic.Test, "Model")]
[OutputType(typeof(ModelMetrics))]
public sealed class TestModelCommand : DataCmdlet
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
            var metrics = ModelTrainer.Test(Model, Dataset);
            WriteVerbose($"Tested the {Model.Trainer} model on {metrics.Rows:N0} rows of '{Dataset.Name}' in {(Elapsed - started).TotalSeconds:0.000} s: {metrics.Headline}.");
            WriteObject(metrics);
        }, Dataset);
    }
}

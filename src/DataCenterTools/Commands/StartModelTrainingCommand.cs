using System.Management.Automation;
using DataCenterTools.Core.Data;
using DataCenterTools.Core.Training;
using DataCenterTools.Infrastructure;

namespace DataCenterTools.Commands;

/// <summary>Trains an ML.NET model on a Dataset and returns it with its metrics, importance and lineage.</summary>
[Cmdlet(VerbsLifecycle.Start, "ModelTraining", DefaultParameterSetName = HoldOutSet)]
[OutputType(typeof(TrainedModel))]
public sealed class StartModelTrainingCommand : DataCmdlet
{
    private const string HoldOutSet = "HoldOut";
    private const string TestDatasetSet = "TestDataset";
    private const string CrossValidationSet = "CrossValidation";
    private volatile ModelTrainer? _trainer;

    [Parameter(Mandatory = true, ValueFromPipeline = true)]
    public Dataset Dataset { get; set; } = null!;

    [Parameter(Mandatory = true, Position = 0)]
    [ValidateNotNullOrEmpty]
    public string Label { get; set; } = null!;

    [Parameter]
    [ValidateNotNullOrEmpty]
    public string[]? Feature { get; set; }

    [Parameter]
    public ModelTask Task { get; set; } = ModelTask.Auto;

    [Parameter]
    public TrainerKind Trainer { get; set; } = TrainerKind.Auto;

    [Parameter(ParameterSetName = HoldOutSet)]
    [ValidateRange(0.01, 0.99)]
    public double TestFraction { get; set; } = 0.2;

    [Parameter(Mandatory = true, ParameterSetName = TestDatasetSet)]
    public Dataset TestDataset { get; set; } = null!;

    [Parameter(Mandatory = true, ParameterSetName = CrossValidationSet)]
    [ValidateRange(2, 100)]
    public int CrossValidation { get; set; }

    [Parameter]
    public int? Seed { get; set; }

    [Parameter]
    public TimeSpan MaxTime { get; set; } = TimeSpan.FromMinutes(5);

    [Parameter]
    public SwitchParameter Explain { get; set; }

    protected override void ProcessRecord()
    {
        var started = Elapsed;
        var trainer = new ModelTrainer(Seed);
        const int activityId = 41;
        trainer.Progress += p => WriteProgress(new ProgressRecord(activityId, $"Training a model on '{Dataset.Name}'", p.Activity) { PercentComplete = p.Percent });
        _trainer = trainer;
        TryRun(() =>
        {
            var model = trainer.Train(Dataset, new TrainingOptions
            {
                Label = Label, Features = Feature, Task = Task, Trainer = Trainer, TestFraction = TestFraction,
                TestDataset = ParameterSetName == TestDatasetSet ? TestDataset : null,
                CrossValidationFolds = ParameterSetName == CrossValidationSet ? CrossValidation : 0,
                Seed = trainer.Seed, MaxTime = MaxTime, Explain = Explain,
            });
            WriteProgress(new ProgressRecord(activityId, "Training", "Done") { RecordType = ProgressRecordType.Completed });
            WriteVerbose($"Trained {model.Task} {model.Trainer} ({model.Hyperparameters}) on {model.RowsUsed:N0} rows of '{Dataset.Name}', seed {model.Seed}, evaluated by {model.Evaluation}: {model.Metrics.Headline}, in {(Elapsed - started).TotalSeconds:0.000} s.");
            WriteObject(model);
        }, Dataset);
        _trainer = null;
    }

    protected override void StopProcessing() => _trainer?.Cancel();
}

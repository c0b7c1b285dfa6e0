using System.Collections;
using System.Management.Automation;
using DataCenterTools.Core.Data;
using DataCenterTools.Core.Training;
using DataCenterTools.Infrastructure;

namespace DataCenterTools.Commands;

/// <summary>Trains an ML.NET model (or, with -Task Recommendation, a matrix factorization) on a Dataset and returns it with its metrics, importance and lineage.</summary>
[Cmdlet(VerbsLifecycle.Start, "ModelTraining", DefaultParameterSetName = HoldOutSet)]
[OutputType(typeof(TrainedModel))]
public sealed class StartModelTrainingCommand : DataCmdlet
{
    private const string HoldOutSet = "HoldOut";
    private const string TestDatasetSet = "TestDataset";
    private const string CrossValidationSet = "CrossValidation";
    private const string FoldColumnSet = "FoldColumn";
    private volatile ModelTrainer? _trainer;

    /// <summary>The training options that this cmdlet's parameters name in the singular or shorter.</summary>
    protected override IReadOnlyDictionary<string, string> ParameterNames { get; } = new Dictionary<string, string>
    {
        [nameof(TrainingOptions.CrossValidationFolds)] = nameof(CrossValidation),
        [nameof(TrainingOptions.TrainerOptions)] = nameof(TrainerOption),
    };

    [Parameter(Mandatory = true, ValueFromPipeline = true)]
    public Dataset Dataset { get; set; } = null!;

    [Parameter(Position = 0)]
    [ArgumentCompleter(typeof(ColumnNameCompleter))]
    public string? Label { get; set; }

    [Parameter, ValidateNotNullOrEmpty, ArgumentCompleter(typeof(ColumnNameCompleter))] public string[]? Feature { get; set; }
    [Parameter] public ModelTask Task { get; set; } = ModelTask.Auto;
    [Parameter] public TrainerKind? Trainer { get; set; }
    [Parameter] public Hashtable? TrainerOption { get; set; }
    [Parameter, ValidateNotNullOrEmpty] public DatePart[]? DateParts { get; set; }

    [Parameter(ParameterSetName = HoldOutSet), ValidateRange(0.01, 0.99)]
    public double TestFraction { get; set; } = 0.2;

    [Parameter(Mandatory = true, ParameterSetName = TestDatasetSet)]
    public Dataset TestDataset { get; set; } = null!;

    [Parameter(Mandatory = true, ParameterSetName = CrossValidationSet), ValidateRange(2, 100)]
    public int CrossValidation { get; set; }

    [Parameter(Mandatory = true, ParameterSetName = FoldColumnSet), ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(ColumnNameCompleter))]
    public string FoldColumn { get; set; } = null!;

    [Parameter] public int? Seed { get; set; }
    [Parameter] public TimeSpan? MaxTime { get; set; }
    [Parameter] public SwitchParameter Explain { get; set; }

    // -Task Recommendation
    [Parameter, ValidateNotNullOrEmpty, ArgumentCompleter(typeof(ColumnNameCompleter))] public string? User { get; set; }
    [Parameter, ValidateNotNullOrEmpty, ArgumentCompleter(typeof(ColumnNameCompleter))] public string? Item { get; set; }
    [Parameter] public int? Factors { get; set; }
    [Parameter] public int? Epochs { get; set; }
    [Parameter] public double? Regularization { get; set; }
    [Parameter] public double? LearningRate { get; set; }
    [Parameter] public SwitchParameter Implicit { get; set; }

    protected override void ProcessRecord()
    {
        var started = Elapsed;
        var trainer = new ModelTrainer(Seed);
        const int activityId = (int)ProgressActivity.StartModelTraining;
        trainer.Progress += p => WriteProgress(new ProgressRecord(activityId, $"Training a model on '{Dataset.Name}'", Render(p.Activity)) { PercentComplete = p.Percent });
        _trainer = trainer;
        TryRun(() =>
        {
            var defaults = new RecommenderOptions();
            var model = trainer.Train(Dataset, new TrainingOptions
            {
                Label = Label ?? "", Features = Feature, Task = Task, Trainer = Trainer, TestFraction = TestFraction,
                TestDataset = ParameterSetName == TestDatasetSet ? TestDataset : null,
                CrossValidationFolds = ParameterSetName == CrossValidationSet ? CrossValidation : 0,
                FoldColumn = ParameterSetName == FoldColumnSet ? FoldColumn : null,
                Seed = trainer.Seed, MaxTime = MaxTime, Explain = Explain, DateParts = DateParts,
                TrainerOptions = TrainerOption?.Cast<DictionaryEntry>().ToDictionary(e => e.Key.ToString()!, e => e.Value is PSObject o ? o.BaseObject : e.Value),
                User = User, Item = Item,
                Recommender = Task != ModelTask.Recommendation && Factors == null && Epochs == null && Regularization == null && LearningRate == null && !Implicit ? null
                    : defaults with { Factors = Factors ?? defaults.Factors, Epochs = Epochs ?? defaults.Epochs, Implicit = Implicit, Regularization = Regularization ?? defaults.Regularization, LearningRate = LearningRate ?? defaults.LearningRate },
            });
            WriteProgress(new ProgressRecord(activityId, "Training", "Done") { RecordType = ProgressRecordType.Completed });
            if (model.SkippedRows > 0)
                WriteWarning($"{model.SkippedRows:N0} row(s) of '{Dataset.Name}' have no {(model.Task == ModelTask.Recommendation ? "user, item or rating" : "label")} and were left out.");
            foreach (var f in model.FeatureImportance?.Where(f => f.RemovalImproves) ?? [])
                WriteWarning($"Training without '{f.Feature}' improved the held-out {f.Metric} by {f.RemovalGain:0.####}: the model is better off without it (leave it out of -Feature, or encode it differently, e.g. -DateParts).");
            if (model.Metrics.UnseenUserRows > 0 || model.Metrics.UnseenItemRows > 0)
                WriteVerbose($"{model.Metrics.UnseenUserRows:N0} held-out row(s) had a user and {model.Metrics.UnseenItemRows:N0} an item not seen in training; they were scored from the biases (or popularity).");
            WriteVerbose($"Trained {model.Task} {model.Trainer} ({model.Hyperparameters}) on {model.RowsUsed:N0} rows of '{Dataset.Name}', seed {model.Seed}, evaluated by {model.Evaluation}: {model.Metrics.Headline}, in {(Elapsed - started).TotalSeconds:0.000} s.");
            WriteObject(model);
        }, Dataset);
        _trainer = null;
    }

    protected override void StopProcessing()
    {
        base.StopProcessing();
        _trainer?.Cancel();
    }
}

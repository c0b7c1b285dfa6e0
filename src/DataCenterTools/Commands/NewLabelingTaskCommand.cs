using System.Management.Automation;
using DataCenterTools.Core.Data;
using DataCenterTools.Core.Labeling;
using DataCenterTools.Core.Training;
using DataCenterTools.Infrastructure;

namespace DataCenterTools.Commands;

/// <summary>Picks rows for people to label (random, stratified or least-confident) and writes a Label Studio import file.</summary>
[Cmdlet(VerbsCommon.New, "LabelingTask", SupportsShouldProcess = true)]
[OutputType(typeof(LabelingTaskFile))]
public sealed class NewLabelingTaskCommand : DataCmdlet
{
    [Parameter(Mandatory = true, ValueFromPipeline = true)]
    public Dataset Dataset { get; set; } = null!;

    [Parameter(Mandatory = true, Position = 0)]
    [ValidateNotNullOrEmpty]
    public string Path { get; set; } = null!;

    [Parameter]
    [ValidateRange(1, int.MaxValue)]
    public int Count { get; set; } = 100;

    [Parameter]
    public TaskSampling Sampling { get; set; } = TaskSampling.Random;

    [Parameter]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(ColumnNameCompleter))]
    public string? StratifyBy { get; set; }

    [Parameter]
    public TrainedModel? Model { get; set; }

    [Parameter]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(ColumnNameCompleter))]
    public string[]? Column { get; set; }

    [Parameter]
    public long? Seed { get; set; }

    [Parameter]
    public SwitchParameter Force { get; set; }

    protected override void ProcessRecord()
    {
        var path = ResolveOutputPath(Path);
        var started = Elapsed;
        var options = new LabelingTaskOptions { Count = Count, Sampling = Sampling, StratifyBy = StratifyBy, Columns = Column, Seed = Seed };
        LabelingTaskPlan? plan = null;
        // Choosing the rows checks the columns and the model, so -WhatIf reports bad input too.
        if (!TryRun(() => plan = LabelingTasks.Plan(Dataset, options, Model), Dataset)) return;
        if (!ShouldProcess(path, $"Write {plan!.Rows.Count} {Sampling} labelling task(s) from '{Dataset.Name}'")) return;
        LabelingTaskFile? written = null;
        if (!TryRun(() => written = LabelingTasks.Write(plan, path, Force), path)) return;
        WriteVerbose($"Wrote {written!.Tasks} {Sampling} task(s) from {Dataset.RowCount:N0} rows of '{Dataset.Name}' to '{path}'" +
                     $"{(written.Seed is { } s ? $" (seed {s})" : "")} in {(Elapsed - started).TotalSeconds:0.000} s.");
        WriteObject(written);
    }
}

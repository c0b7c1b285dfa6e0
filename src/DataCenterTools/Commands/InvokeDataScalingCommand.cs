using System.Management.Automation;
using DataCenterTools.Core.Data;
using DataCenterTools.Core.Features;
using DataCenterTools.Infrastructure;

namespace DataCenterTools.Commands;

/// <summary>Applies a fitted scaler (or undoes it with -Inverse): a new Dataset with the scaled columns as Double.</summary>
[Cmdlet(VerbsLifecycle.Invoke, "DataScaling")]
[OutputType(typeof(Dataset))]
public sealed class InvokeDataScalingCommand : DataCmdlet
{
    [Parameter(Mandatory = true, ValueFromPipeline = true)]
    public Dataset Dataset { get; set; } = null!;

    /// <summary>A DataScaler, or its Import-Clixml / ConvertFrom-Json copy (rebuilt from its properties).</summary>
    [Parameter(Mandatory = true, Position = 0)]
    public object Scaler { get; set; } = null!;

    [Parameter]
    public SwitchParameter Inverse { get; set; }

    private DataScaler _scaler = null!;

    protected override void BeginProcessing() =>
        _scaler = FittedStepBinder.BindOrStop<DataScaler>(this, Scaler, "InvalidScaler", "scaler", "New-DataScaler", step => step.Validate());

    protected override void ProcessRecord()
    {
        var started = Elapsed;
        TryRun(() =>
        {
            var result = Inverse ? _scaler.InverseTransform(Dataset) : _scaler.Transform(Dataset);
            WriteVerbose($"{(Inverse ? "Unscaled" : "Scaled")} {_scaler.Columns.Length} column(s) of '{Dataset.Name}' ({Dataset.RowCount:N0} rows, {_scaler.Method}) in {(Elapsed - started).TotalSeconds:0.000} s.");
            WriteObject(result);
        }, Dataset);
    }
}

using System.Management.Automation;
using DataCenterTools.Core.Data;
using DataCenterTools.Core.Features;
using DataCenterTools.Infrastructure;

namespace DataCenterTools.Commands;

/// <summary>Applies a fitted encoder: a new Dataset with each encoded column replaced by its Int64 encoding.</summary>
[Cmdlet(VerbsLifecycle.Invoke, "DataEncoding")]
[OutputType(typeof(Dataset))]
public sealed class InvokeDataEncodingCommand : DataCmdlet
{
    [Parameter(Mandatory = true, ValueFromPipeline = true)]
    public Dataset Dataset { get; set; } = null!;

    /// <summary>A DataEncoder, or its Import-Clixml / ConvertFrom-Json copy (rebuilt from its properties).</summary>
    [Parameter(Mandatory = true, Position = 0)]
    public object Encoder { get; set; } = null!;

    private DataEncoder _encoder = null!;

    protected override void BeginProcessing() =>
        _encoder = FittedStepBinder.BindOrStop<DataEncoder>(this, Encoder, "InvalidEncoder", "encoder", "New-DataEncoder", step => step.Validate());

    protected override void ProcessRecord()
    {
        var started = Elapsed;
        TryRun(() =>
        {
            var result = _encoder.Transform(Dataset);
            WriteVerbose($"Encoded {_encoder.Columns.Length} column(s) of '{Dataset.Name}' ({Dataset.RowCount:N0} rows, {_encoder.Method}) in {(Elapsed - started).TotalSeconds:0.000} s.");
            WriteObject(result);
        }, Dataset);
    }
}

using System.Management.Automation;
using DataCenterTools.Core.Data;
using DataCenterTools.Core.Operations;
using DataCenterTools.Infrastructure;

namespace DataCenterTools.Commands;

/// <summary>Drafts a data contract from a good dataset: per column type, nullability, range, allowed values or pattern; rows, key, freshness.</summary>
[Cmdlet(VerbsCommon.New, "DataContract", SupportsShouldProcess = true)]
[OutputType(typeof(DataContract), typeof(FileInfo))]
public sealed class NewDataContractCommand : DataCmdlet
{
    [Parameter(Mandatory = true, ValueFromPipeline = true)]
    public Dataset Dataset { get; set; } = null!;

    /// <summary>Where to write the contract's JSON; without it the contract object is returned.</summary>
    [Parameter(Position = 0)]
    [ValidateNotNullOrEmpty]
    public string? Path { get; set; }

    [Parameter]
    public SwitchParameter Force { get; set; }

    [Parameter]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(ColumnNameCompleter))]
    public string[]? KeyColumn { get; set; }

    [Parameter]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(ColumnNameCompleter))]
    public string? TimestampColumn { get; set; }

    [Parameter]
    [ValidateRange(0.0, 10.0)]
    public double RangeMargin { get; set; } = 0.1;

    [Parameter]
    public SwitchParameter PassThru { get; set; }

    protected override void ProcessRecord()
    {
        var started = Elapsed;
        DataContract? contract = null;
        if (!TryRun(() => contract = DataContractInference.Infer(Dataset, new ContractInferenceOptions
            {
                KeyColumns = KeyColumn,
                TimestampColumn = TimestampColumn,
                RangeMargin = RangeMargin,
            }), Dataset.Name)) return;
        WriteVerbose($"Drafted {contract!.RuleCount} rules on {contract.Columns.Count} columns of '{Dataset.Name}' ({Dataset.RowCount:N0} rows) in {(Elapsed - started).TotalMilliseconds:0} ms.");
        if (Path == null)
        {
            WriteObject(contract);
            return;
        }
        var path = ResolveOutputPath(Path);
        if (!ConfirmOutputFile(path, Force, $"data contract for '{Dataset.Name}' ({contract.RuleCount} rules)")) return;
        if (TryRun(() => DataContractFile.Write(contract, path, Force), path))
        {
            WriteVerbose($"Wrote the contract to '{path}'.");
            if (PassThru) WriteObject(new FileInfo(path));
        }
    }
}

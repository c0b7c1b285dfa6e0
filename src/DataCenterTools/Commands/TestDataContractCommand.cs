using System.Management.Automation;
using DataCenterTools.Core.Data;
using DataCenterTools.Core.Operations;
using DataCenterTools.Infrastructure;

namespace DataCenterTools.Commands;

/// <summary>Checks datasets or files against a data contract: one object per broken rule, then a summary with Passed.</summary>
[Cmdlet(VerbsDiagnostic.Test, "DataContract", DefaultParameterSetName = DatasetSet)]
[OutputType(typeof(DataContractViolation), typeof(DataContractResult))]
public sealed class TestDataContractCommand : DataCmdlet
{
    private const string DatasetSet = "Dataset";
    private const string PathSet = "Path";

    /// <summary>A contract object (New-DataContract's) or the path of a contract file.</summary>
    [Parameter(Mandatory = true, Position = 0)]
    [ValidateNotNull]
    public object Contract { get; set; } = null!;

    [Parameter(Mandatory = true, ValueFromPipeline = true, ParameterSetName = DatasetSet)]
    public Dataset Dataset { get; set; } = null!;

    [Parameter(Mandatory = true, ParameterSetName = PathSet, ValueFromPipelineByPropertyName = true)]
    [Alias("PSPath", "FullName")]
    [ValidateNotNullOrEmpty]
    public string[] Path { get; set; } = [];

    /// <summary>The time freshness is measured against; default now.</summary>
    [Parameter]
    public DateTime? AsOf { get; set; }

    [Parameter]
    public SwitchParameter ErrorOnViolation { get; set; }

    private DataContract _contract = null!;
    private readonly List<string> _failures = [];

    protected override void BeginProcessing()
    {
        try
        {
            _contract = (Contract is PSObject wrapped ? wrapped.BaseObject : Contract) switch
            {
                DataContract given => Validated(given),
                FileInfo file => DataContractFile.Read(file.FullName),
                string path => DataContractFile.Read(GetUnresolvedProviderPathFromPSPath(path)),
                var other => throw new DataException("DataContractInvalid", DataErrorKind.InvalidArgument,
                    $"-Contract is a {other.GetType().Name}; give a contract file's path or New-DataContract's object.",
                    "Pass -Contract ./contract.json, or -Contract (New-DataContract -Dataset $good)."),
            };
        }
        catch (DataException e) { Fail(e); }
        catch (IOException e) { Fail(new DataException("IOError", DataErrorKind.ReadError, e.Message, "Check the contract's path.", Contract as string, inner: e)); }
    }

    /// <summary>A contract that cannot be checked ends the command; under -ErrorOnViolation the whole script, as a broken rule does.</summary>
    private void Fail(DataException e)
    {
        if (ErrorOnViolation) throw new ScriptTerminatingError(ToErrorRecord(e, Contract));
        ThrowDataError(e, Contract);
    }

    private static DataContract Validated(DataContract contract)
    {
        contract.Validate();
        return contract;
    }

    protected override void ProcessRecord()
    {
        var asOf = AsOf ?? DateTime.UtcNow;
        if (ParameterSetName == DatasetSet)
        {
            if (!TryRun(() => Write(DataContractChecker.Check(Dataset, _contract, asOf, StopToken)), Dataset.Name)) _failures.Add($"'{Dataset.Name}' could not be checked");
            return;
        }
        foreach (var file in ResolveInputPaths(Path, literal: false))
        {
            var progress = new ProgressRecord((int)ProgressActivity.TestDataContract, "Test-DataContract", $"Checking '{file}'");
            var options = StreamingReadOptions(progress, "checked");
            if (!TryRun(() => Write(DataContractChecker.CheckFile(file, _contract, asOf, options)), file)) _failures.Add($"'{file}' could not be checked");
            progress.RecordType = ProgressRecordType.Completed;
            WriteProgress(progress);
        }
    }

    private void Write(DataContractReport report)
    {
        WriteObject(report.Violations, enumerateCollection: true);
        WriteObject(report.Result);
        var r = report.Result;
        WriteVerbose($"Checked {r.RulesChecked} rules on '{r.Dataset}' ({r.Rows:N0} rows) in {r.Elapsed.TotalMilliseconds:0} ms: {(r.Passed ? "passed" : $"{r.Violations} violated")}.");
        if (!r.Passed)
            _failures.Add($"'{r.Dataset}' broke {r.Violations} of {r.RulesChecked} rules (" +
                          string.Join("; ", report.Violations.Take(5).Select(v => $"{v.Rule}{(v.Column == null ? "" : " " + v.Column)}: {v.Count:N0}")) +
                          (report.Violations.Count > 5 ? "; ..." : "") + ")");
    }

    protected override void EndProcessing()
    {
        if (!ErrorOnViolation || _failures.Count == 0) return;
        // A quality gate must stop the runbook, not only this statement: see ScriptTerminatingError.
        throw new ScriptTerminatingError(ToErrorRecord(new DataException("DataContractViolated", DataErrorKind.InvalidData,
            $"The data contract{(_contract.Path == null ? "" : $" '{_contract.Path}'")} failed: {string.Join("; ", _failures)}.",
            "Look at the violation objects (Rule, Column, Lines, Samples) written before this error, fix the data or, if the data is right, the contract.",
            _contract.Path), _contract.Path));
    }
}

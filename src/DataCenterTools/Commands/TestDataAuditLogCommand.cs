using System.Management.Automation;
using DataCenterTools.Core.Data;
using DataCenterTools.Core.Security;
using DataCenterTools.Infrastructure;

namespace DataCenterTools.Commands;

/// <summary>Verifies an audit log's hash chain and names the first altered or missing record.</summary>
[Cmdlet(VerbsDiagnostic.Test, "DataAuditLog")]
[OutputType(typeof(DataAuditVerification))]
public sealed class TestDataAuditLogCommand : DataCmdlet
{
    /// <summary>The log to check; the module's default log when omitted.</summary>
    [Parameter(Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [Alias("PSPath", "FullName")]
    [ValidateNotNullOrEmpty]
    public string? Path { get; set; }

    protected override void ProcessRecord()
    {
        var path = Path is null ? new DataAuditLog().Path : ResolveOutputPath(Path);
        var started = Elapsed;
        TryRun(() =>
        {
            var result = DataAuditLog.Verify(path);
            WriteVerbose($"Checked {result.RecordCount} audit record(s) in '{path}' in {(Elapsed - started).TotalSeconds:0.000} s.");
            WriteObject(result);
            if (!result.Valid)
                WriteDataError(new DataException("AuditLogTampered", DataErrorKind.InvalidData,
                    $"The audit log '{path}' is not intact at line {result.FirstInvalidLine} (record {result.FirstInvalidLine}): {result.Reason}.",
                    "Keep this copy as evidence and compare it with a backup of the log; records from that line on cannot be trusted.",
                    path, result.FirstInvalidLine), path);
        }, path);
    }
}

using System.Management.Automation;
using DataCenterTools.Core.Data;
using DataCenterTools.Core.Security;
using DataCenterTools.Infrastructure;

namespace DataCenterTools.Commands;

/// <summary>Verifies an audit log's keyed chain and head anchor, and names the first altered, forged or missing record.</summary>
[Cmdlet(VerbsDiagnostic.Test, "DataAuditLog")]
[OutputType(typeof(DataAuditVerification))]
public sealed class TestDataAuditLogCommand : DataCmdlet
{
    /// <summary>The log to check; the module's default log when omitted.</summary>
    [Parameter(Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [Alias("PSPath", "FullName")]
    [ValidateNotNullOrEmpty]
    public string? Path { get; set; }

    /// <summary>The audit key the log was sealed with; the host audit key (audit.key in the DataCenterTools home) when omitted.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? KeyPath { get; set; }

    protected override void ProcessRecord()
    {
        var path = Path is null ? new DataAuditLog().Path : ResolveOutputPath(Path);
        var keyPath = KeyPath is null ? null : ResolveOutputPath(KeyPath);
        var started = Elapsed;
        TryRun(() =>
        {
            var result = DataAuditLog.Verify(path, keyPath);
            WriteVerbose($"Checked {result.RecordCount:N0} audit record(s) in '{path}' against its head ({result.AnchoredRecords:N0} anchored) in {(Elapsed - started).TotalSeconds:0.000} s.");
            if (result.Note != null) WriteWarning(result.Note);
            WriteObject(result);
            if (!result.Valid)
                WriteDataError(new DataException("AuditLogTampered", DataErrorKind.InvalidData,
                    $"The audit log '{path}' is not intact{(result.FirstInvalidLine is { } line ? $" at line {line} (record {line})" : "")}: {result.Reason}.",
                    "Keep this copy and its head as evidence and compare them with a backup and the system journal (journalctl -t DataCenterTools-audit); records from that line on cannot be trusted.",
                    path, result.FirstInvalidLine), path);
        }, path);
    }
}

using System.Management.Automation;
using DataCenterTools.Core.Security;
using DataCenterTools.Infrastructure;

namespace DataCenterTools.Commands;

/// <summary>Reads the audit log's records as objects, optionally the last few or those of some operations.</summary>
[Cmdlet(VerbsCommon.Get, "DataAuditLog")]
[OutputType(typeof(DataAuditRecord))]
public sealed class GetDataAuditLogCommand : DataCmdlet
{
    [Parameter(Position = 0, ValueFromPipelineByPropertyName = true)]
    [Alias("PSPath", "FullName")]
    [ValidateNotNullOrEmpty]
    public string? Path { get; set; }

    /// <summary>Only the last N matching records.</summary>
    [Parameter]
    [ValidateRange(1, int.MaxValue)]
    public int? Last { get; set; }

    /// <summary>Operation names to keep (wildcards), e.g. Unprotect-*.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string[]? Operation { get; set; }

    protected override void ProcessRecord()
    {
        var path = Path is null ? new DataAuditLog().Path : ResolveOutputPath(Path);
        var patterns = Operation?.Select(o => new WildcardPattern(o, WildcardOptions.IgnoreCase)).ToArray();
        var tail = Last is { } n ? new Queue<DataAuditRecord>(Math.Min(n, 1024)) : null;
        TryRun(() =>
        {
            foreach (var record in DataAuditReader.Read(path))
            {
                if (patterns is not null && !patterns.Any(p => p.IsMatch(record.Operation))) continue;
                if (tail is null) { WriteObject(record); continue; }
                if (tail.Count == Last) tail.Dequeue();
                tail.Enqueue(record);
            }
            if (tail is not null) foreach (var record in tail) WriteObject(record);
        }, path);
    }
}

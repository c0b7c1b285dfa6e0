using System.Management.Automation;
using DataCenterTools.Core.Management;
using DataCenterTools.Infrastructure;

namespace DataCenterTools.Commands;

/// <summary>Removes all but the newest versions of a name, then the chunks no remaining version needs.</summary>
[Cmdlet(VerbsCommon.Remove, "DatasetVersion", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
[OutputType(typeof(DatasetVersionInfo))]
public sealed class RemoveDatasetVersionCommand : VersionStoreCmdlet
{
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    public string Name { get; set; } = "";

    [Parameter(Mandatory = true)]
    [ValidateRange(1, int.MaxValue)]
    public int Keep { get; set; }

    [Parameter]
    public SwitchParameter PassThru { get; set; }

    protected override void ProcessRecord()
    {
        var store = OpenStore();
        IReadOnlyList<DatasetVersionInfo> old = [];
        if (!TryRun(() =>
            {
                store.Info(Name); // an unknown name is an error, not a silent no-op
                old = store.VersionsBeyond(Name, Keep);
            }, Name)) return;
        var remove = old.Where(v => ShouldProcess($"{Name} v{v.Version} ({v.TimeUtc:u}, {v.Rows:N0} rows)", "Remove version")).ToArray();
        if (remove.Length == 0) return;
        var started = Elapsed;
        if (!TryRun(() =>
            {
                var (chunks, bytes) = store.Remove(remove);
                WriteVerbose($"Removed {remove.Length} version(s) of {Name} and {chunks} chunk(s) no remaining version needs ({FormatBytes(bytes)} freed) in {(Elapsed - started).TotalSeconds:0.000} s.");
            }, Name)) return;
        if (PassThru) WriteObject(remove, enumerateCollection: true);
    }
}

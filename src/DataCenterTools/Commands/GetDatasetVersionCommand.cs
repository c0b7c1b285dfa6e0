using System.Management.Automation;
using DataCenterTools.Core.Data;
using DataCenterTools.Core.Management;
using DataCenterTools.Infrastructure;

namespace DataCenterTools.Commands;

/// <summary>Reads a saved version back as a Dataset (every chunk verified), or lists versions with -List.</summary>
[Cmdlet(VerbsCommon.Get, "DatasetVersion", DefaultParameterSetName = "Load")]
[OutputType(typeof(Dataset), ParameterSetName = ["Load"])]
[OutputType(typeof(DatasetVersionInfo), ParameterSetName = ["List"])]
public sealed class GetDatasetVersionCommand : VersionStoreCmdlet
{
    [Parameter(Mandatory = true, Position = 0, ParameterSetName = "Load", ValueFromPipelineByPropertyName = true)]
    [Parameter(Position = 0, ParameterSetName = "List", ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    [SupportsWildcards]
    public string? Name { get; set; }

    [Parameter(ParameterSetName = "Load", ValueFromPipelineByPropertyName = true)]
    [ValidateRange(1, int.MaxValue)]
    public int? Version { get; set; }

    [Parameter(Mandatory = true, ParameterSetName = "List")]
    public SwitchParameter List { get; set; }

    protected override void ProcessRecord()
    {
        var store = OpenStore();
        if (List)
        {
            TryRun(() =>
            {
                var pattern = new WildcardPattern(Name ?? "*", WildcardOptions.IgnoreCase);
                var names = store.ReadableNames().Where(n => pattern.IsMatch(n)).ToArray();
                if (names.Length == 0 && Name != null && !WildcardPattern.ContainsWildcardCharacters(Name))
                    WriteDataError(new DataException("VersionNameNotFound", DataErrorKind.ObjectNotFound,
                        $"The version store has no dataset named '{Name}' that you may read.", "Save one with Save-DatasetVersion."), Name);
                foreach (var name in names)
                    foreach (var info in store.Versions(name)) WriteObject(info);
            }, Name);
            return;
        }
        var progress = new ProgressRecord((int)ProgressActivity.DatasetVersion, $"Get-DatasetVersion {Name}", "Reading and verifying chunks");
        var started = Elapsed;
        Dataset? dataset = null;
        TryRun(() => dataset = store.Load(Name!, Version, (done, total) =>
        {
            progress.PercentComplete = total > 0 ? (int)Math.Min(100, 100 * done / total) : -1;
            WriteProgress(progress);
        }, StopToken), Name);
        progress.RecordType = ProgressRecordType.Completed;
        WriteProgress(progress);
        if (dataset == null) return;
        WriteVerbose($"Read {Name} {(Version is { } v ? $"v{v}" : "(latest)")}: {dataset.RowCount:N0} rows, every chunk verified, in {(Elapsed - started).TotalSeconds:0.000} s.");
        WriteObject(dataset);
    }
}

using System.Management.Automation;
using DataCenterTools.Core.Data;
using DataCenterTools.Core.Management;
using DataCenterTools.Core.Security;
using DataCenterTools.Core.Text.Corpus;
using DataCenterTools.Infrastructure;

namespace DataCenterTools.Commands;

/// <summary>Records a dataset file in the catalog as the next version of its name.</summary>
[Cmdlet(VerbsLifecycle.Register, "Dataset", DefaultParameterSetName = DatasetSet, SupportsShouldProcess = true)]
[OutputType(typeof(CatalogEntry))]
public sealed class RegisterDatasetCommand : CatalogCmdlet
{
    private const string PathSet = "Path";
    private const string DatasetSet = "Dataset";

    [Parameter(Mandatory = true, ValueFromPipeline = true, ParameterSetName = DatasetSet)]
    public Dataset Dataset { get; set; } = null!;

    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true, ParameterSetName = PathSet)]
    [Alias("FullName", "PSPath")]
    [ValidateNotNullOrEmpty]
    public string[] Path { get; set; } = [];

    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? Name { get; set; }

    [Parameter]
    public string[]? Tag { get; set; }

    [Parameter]
    public string? Owner { get; set; }

    [Parameter]
    public string? Description { get; set; }

    /// <summary>Who may read the name: users (alice), groups (group:analysts), PostgreSQL roles (role:dct_readers); sets the name's policy.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string[]? Reader { get; set; }

    /// <summary>Who may register and unregister versions of the name (and read them).</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string[]? Writer { get; set; }



    protected override void ProcessRecord()
    {
        if (ParameterSetName == DatasetSet)
        {
            Register(Dataset, Dataset.Source?.Path ?? Dataset.Name);
            return;
        }
        foreach (var file in ResolveInputPaths(Path, literal: false))
        {
            // A training shard set (Export-TrainingShard) is registered as one entry: its manifest.json.
            if (System.IO.Path.GetFileName(file).Equals(ShardManifest.FileName, StringComparison.OrdinalIgnoreCase) || Directory.Exists(file))
            {
                CatalogRegistration? shards = null;
                if (TryRun(() => shards = ShardCatalog.Registration(file, Name, Tag, Owner, Description), file)) Register(shards!, file);
                continue;
            }
            Dataset? dataset = null;
            if (TryRun(() => dataset = DatasetReader.Read(file, new ReadOptions { Warning = WriteWarning, Cancellation = StopToken }), file))
                Register(dataset!, file);
        }
    }

    private void Register(Dataset dataset, string target) => Register(new CatalogRegistration(Name ?? dataset.Name, dataset, Tag, Owner, Description), target);

    private void Register(CatalogRegistration registration, string target)
    {
        var name = registration.Name;
        if (!ShouldProcess(target, $"Register as '{name}' in the catalog")) return;
        var progress = new ProgressRecord((int)ProgressActivity.RegisterDataset, "Register-Dataset", $"Hashing and registering '{target}'");
        WriteProgress(progress);
        var started = Elapsed;
        CatalogEntry? entry = null;
        var catalog = Catalog;
        // Sensitivity comes from Find-SensitiveData's scanner (a sample of rows per column).
        var access = Reader is null && Writer is null ? null : DatasetAccessPolicy.From(Reader, Writer);
        if (TryRun(() => entry = catalog.Register(registration with { Access = access }), target))
        {
            WriteVerbose($"Registered '{entry!.Location}' as '{entry.Name}' version {entry.Version} ({entry.Rows:N0} rows, {FormatBytes(entry.SizeBytes)}) in {catalog.Location} in {(Elapsed - started).TotalMilliseconds:0} ms.");
            WriteObject(entry);
        }
        progress.RecordType = ProgressRecordType.Completed;
        WriteProgress(progress);
    }
}

using System.Management.Automation;
using DataCenterTools.Core.Data;
using DataCenterTools.Core.Management;
using DataCenterTools.Core.Security;
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

    private readonly CancellationTokenSource _cancel = new();

    protected override void StopProcessing() => _cancel.Cancel();

    protected override void ProcessRecord()
    {
        if (ParameterSetName == DatasetSet)
        {
            Register(Dataset, Dataset.Source?.Path ?? Dataset.Name);
            return;
        }
        foreach (var file in ResolveInputPaths(Path, literal: false))
        {
            Dataset? dataset = null;
            if (TryRun(() => dataset = DatasetReader.Read(file, new ReadOptions { Warning = WriteWarning, Cancellation = _cancel.Token }), file))
                Register(dataset!, file);
        }
    }

    private void Register(Dataset dataset, string target)
    {
        var name = Name ?? dataset.Name;
        if (!ShouldProcess(target, $"Register as '{name}' in the catalog")) return;
        var progress = new ProgressRecord(31, "Register-Dataset", $"Hashing and registering '{target}'");
        WriteProgress(progress);
        var started = Elapsed;
        CatalogEntry? entry = null;
        var catalog = Catalog;
        // Sensitivity comes from Find-SensitiveData's scanner (a sample of rows per column).
        if (TryRun(() => entry = catalog.Register(new CatalogRegistration(name, dataset, Tag, Owner, Description,
            Access: Reader is null && Writer is null ? null : DatasetAccessPolicy.From(Reader, Writer))), target))
        {
            WriteVerbose($"Registered '{entry!.Location}' as '{entry.Name}' version {entry.Version} ({entry.Rows:N0} rows, {FormatBytes(entry.SizeBytes)}) in {catalog.Location} in {(Elapsed - started).TotalMilliseconds:0} ms.");
            WriteObject(entry);
        }
        progress.RecordType = ProgressRecordType.Completed;
        WriteProgress(progress);
    }
}

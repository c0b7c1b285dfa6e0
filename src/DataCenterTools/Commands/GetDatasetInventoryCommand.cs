using System.Management.Automation;
using DataCenterTools.Core.Data;
using DataCenterTools.Core.Distribution;
using DataCenterTools.Infrastructure;

namespace DataCenterTools.Commands;

/// <summary>Lists the data files under folders (format, size, rows, columns, last write, owner), or totals per group.</summary>
[Cmdlet(VerbsCommon.Get, "DatasetInventory")]
[OutputType(typeof(DatasetFileInfo))]
[OutputType(typeof(DatasetInventoryGroup))]
public sealed class GetDatasetInventoryCommand : DataCmdlet
{
    [Parameter(Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [Alias("PSPath", "FullName")]
    [ValidateNotNullOrEmpty]
    public string[] Path { get; set; } = ["."];

    [Parameter]
    public SwitchParameter Recurse { get; set; }

    [Parameter]
    [ValidateSet("Format", "Directory", "Owner", IgnoreCase = true)]
    public string? GroupBy { get; set; }

    private readonly List<DatasetFileInfo> _found = [];


    protected override void ProcessRecord()
    {
        foreach (var target in ResolveInputPaths(Path, literal: false))
        {
            var files = Directory.Exists(target) ? DatasetInventory.FindFiles(target, Recurse).ToArray() : [target];
            var progress = new ProgressRecord((int)ProgressActivity.GetDatasetInventory, "Get-DatasetInventory", $"Scanning '{target}'");
            var started = Elapsed;
            for (var i = 0; i < files.Length; i++)
            {
                progress.StatusDescription = System.IO.Path.GetFileName(files[i]);
                progress.PercentComplete = 100 * i / files.Length;
                WriteProgress(progress);
                DatasetFileInfo? info = null;
                if (!TryRun(() => info = DatasetInventory.Describe(files[i], OwnerOf(files[i]), StopToken), files[i])) continue;
                if (GroupBy == null) WriteObject(info);
                else _found.Add(info!);
            }
            progress.RecordType = ProgressRecordType.Completed;
            WriteProgress(progress);
            WriteVerbose($"Inventoried {files.Length} data files under '{target}' in {(Elapsed - started).TotalMilliseconds:0} ms.");
        }
    }

    protected override void EndProcessing()
    {
        if (GroupBy != null) WriteObject(DatasetInventory.Summarize(_found, GroupBy), enumerateCollection: true);
    }

    /// <summary>The file's owner as the FileSystem provider reports it (its User property on Linux and macOS); null where it has none.</summary>
    private string? OwnerOf(string file)
    {
        try
        {
            var item = InvokeProvider.Item.Get([file], force: true, literalPath: true).FirstOrDefault();
            return item?.Properties["User"]?.Value?.ToString();
        }
        catch (Exception e) when (e is ProviderInvocationException or IOException or UnauthorizedAccessException or GetValueInvocationException)
        {
            return null;
        }
    }
}

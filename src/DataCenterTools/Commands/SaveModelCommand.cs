using System.Management.Automation;
using DataCenterTools.Core.Training;
using DataCenterTools.Infrastructure;

namespace DataCenterTools.Commands;

/// <summary>Writes a trained model to an ML.NET model zip with DataCenterTools metadata inside.</summary>
[Cmdlet(VerbsData.Save, "Model", SupportsShouldProcess = true)]
[OutputType(typeof(System.IO.FileInfo))]
public sealed class SaveModelCommand : DataCmdlet
{
    [Parameter(Mandatory = true, ValueFromPipeline = true)]
    public TrainedModel Model { get; set; } = null!;

    [Parameter(Mandatory = true, Position = 0)]
    [ValidateNotNullOrEmpty]
    public string Path { get; set; } = null!;

    [Parameter]
    public SwitchParameter Force { get; set; }

    [Parameter]
    public SwitchParameter PassThru { get; set; }

    protected override void ProcessRecord()
    {
        var path = ResolveOutputPath(Path);
        if (!ShouldProcess(path, $"Save {Model.Task} model ({Model.Trainer})")) return;
        var started = Elapsed;
        if (TryRun(() => ModelFile.Save(Model, path, Force), path))
        {
            WriteVerbose($"Saved the {Model.Trainer} model to '{path}' in {(Elapsed - started).TotalSeconds:0.000} s.");
            if (PassThru) WriteObject(new System.IO.FileInfo(path));
        }
    }
}

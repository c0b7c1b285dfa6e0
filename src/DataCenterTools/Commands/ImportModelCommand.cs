using System.Management.Automation;
using DataCenterTools.Core.Training;
using DataCenterTools.Infrastructure;

namespace DataCenterTools.Commands;

/// <summary>Reads a model written by Save-Model.</summary>
[Cmdlet(VerbsData.Import, "Model")]
[OutputType(typeof(TrainedModel))]
public sealed class ImportModelCommand : DataCmdlet
{
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [Alias("FullName")]
    [ValidateNotNullOrEmpty]
    public string[] Path { get; set; } = null!;

    protected override void ProcessRecord()
    {
        foreach (var path in ResolveInputPaths(Path, literal: false))
        {
            var started = Elapsed;
            TryRun(() =>
            {
                var model = ModelFile.Load(path);
                WriteVerbose($"Imported the {model.Task} {model.Trainer} model from '{path}' in {(Elapsed - started).TotalSeconds:0.000} s.");
                WriteObject(model);
            }, path);
        }
    }
}

using System.Management.Automation;
using DataCenterTools.Core.Training;
using DataCenterTools.Infrastructure;

namespace DataCenterTools.Commands;

/// <summary>Writes a trained model in a format other tools serve (ONNX), through a temp file renamed into place.</summary>
[Cmdlet(VerbsData.Export, "Model", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
[OutputType(typeof(FileInfo))]
public sealed class ExportModelCommand : DataCmdlet
{
    [Parameter(Mandatory = true, ValueFromPipeline = true)]
    public TrainedModel Model { get; set; } = null!;

    [Parameter(Mandatory = true, Position = 0)]
    [ValidateNotNullOrEmpty]
    public string Path { get; set; } = null!;

    [Parameter]
    public ModelExportFormat Format { get; set; } = ModelExportFormat.Onnx;

    [Parameter]
    public SwitchParameter Force { get; set; }

    [Parameter]
    public SwitchParameter PassThru { get; set; }

    protected override void ProcessRecord()
    {
        var target = ResolveOutputPath(Path);
        // Refused before -WhatIf or -Confirm asks anything: a model the converter cannot express is an error either way.
        if (!TryRun(() => OnnxExport.CheckSupported(Model), target)) return;
        if (!ConfirmOutputFile(target, Force, $"the {Model.Task} {Model.Trainer} model as {Format}")) return;
        var started = Elapsed;
        IReadOnlyList<OnnxInput> inputs = [];
        if (!TryRun(() => inputs = OnnxExport.Save(Model, target, Force), target)) return;
        WriteVerbose($"Exported the {Model.Trainer} model to '{target}' as {Format} with inputs {string.Join(", ", inputs.Select(i => $"{i.Name} ({i.ElementType})"))} in {(Elapsed - started).TotalSeconds:0.000} s.");
        if (PassThru) WriteObject(new FileInfo(target));
    }
}

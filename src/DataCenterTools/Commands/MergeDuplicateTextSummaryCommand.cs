using System.Management.Automation;
using DataCenterTools.Core.Text.Dedup;
using DataCenterTools.Infrastructure;

namespace DataCenterTools.Commands;

/// <summary>Merges dedup summaries (.sketch files from Find-DuplicateText -AsSummary on many hosts) into one, for Find-DuplicateText -Summary.</summary>
[Cmdlet(VerbsData.Merge, "DuplicateTextSummary", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low)]
[OutputType(typeof(FileInfo))]
public sealed class MergeDuplicateTextSummaryCommand : DataCmdlet
{
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [Alias("FullName", "PSPath")]
    [ValidateNotNullOrEmpty]
    public string[] Path { get; set; } = [];

    [Parameter(Mandatory = true)]
    [ValidateNotNullOrEmpty]
    public string OutputPath { get; set; } = "";

    [Parameter]
    public SwitchParameter Force { get; set; }

    private readonly List<string> _inputs = [];

    protected override void ProcessRecord() => _inputs.AddRange(ResolveInputPaths(Path, literal: false));

    protected override void EndProcessing()
    {
        if (_inputs.Count == 0) return;
        var target = ResolveOutputPath(OutputPath);
        if (!ConfirmOutputFile(target, Force, $"the merge of {_inputs.Count} dedup summaries")) return;
        TryRun(() =>
        {
            var n = SketchFile.Merge(_inputs, target, Force);
            WriteVerbose($"Merged {_inputs.Count} summaries ({n:N0} documents) into '{target}' in {Elapsed.TotalSeconds:0.000} s.");
            WriteObject(new FileInfo(target));
        }, target);
    }
}

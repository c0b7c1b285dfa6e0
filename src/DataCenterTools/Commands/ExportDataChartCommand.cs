using System.Management.Automation;
using DataCenterTools.Core.Data;
using DataCenterTools.Core.Reporting;
using DataCenterTools.Infrastructure;

namespace DataCenterTools.Commands;

/// <summary>Draws a chart of a dataset's columns (histogram, box, bar, time series, scatter, correlation heatmap) to a PNG or SVG file.</summary>
[Cmdlet(VerbsData.Export, "DataChart", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
[OutputType(typeof(FileInfo))]
public sealed class ExportDataChartCommand : DataCmdlet
{
    [Parameter(Mandatory = true, ValueFromPipeline = true)]
    public Dataset Dataset { get; set; } = null!;

    [Parameter(Mandatory = true, Position = 0)]
    [ValidateNotNullOrEmpty]
    public string Path { get; set; } = "";

    [Parameter(Mandatory = true)]
    public ChartKind Kind { get; set; }

    [Parameter]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(ColumnNameCompleter))]
    public string[]? Column { get; set; }

    [Parameter]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(ColumnNameCompleter))]
    public string? GroupBy { get; set; }

    [Parameter]
    [ValidateRange(100, 10000)]
    public int Width { get; set; } = 800;

    [Parameter]
    [ValidateRange(100, 10000)]
    public int Height { get; set; } = 500;

    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? Title { get; set; }

    [Parameter]
    [ValidateRange(1, 1000)]
    public int Bins { get; set; } = 20;

    [Parameter]
    [ValidateRange(1, 100)]
    public int Top { get; set; } = 10;

    [Parameter]
    public SwitchParameter Force { get; set; }

    [Parameter]
    public SwitchParameter PassThru { get; set; }

    protected override void ProcessRecord()
    {
        var target = ResolveOutputPath(Path);
        var request = new ChartRequest
        {
            Kind = Kind, Columns = Column ?? [], GroupBy = GroupBy, Width = Width, Height = Height, Title = Title, Bins = Bins, Top = Top,
        };
        var started = Elapsed;
        byte[]? image = null;
        // Drawn before ShouldProcess so a bad column or extension is reported under -WhatIf too.
        if (!TryRun(() => image = DataChart.Render(Dataset, request, ChartFormats.FromPath(target)), target)) return;
        if (!ConfirmOutputFile(target, Force, $"a {Kind} chart of '{Dataset.Name}'")) return;
        if (!TryRun(() => AtomicFile.WriteAllBytes(target, image!, Force), target)) return;
        WriteVerbose($"Wrote a {Kind} chart of '{Dataset.Name}' ({Width}x{Height}, {FormatBytes(image!.Length)}) to '{target}' in {(Elapsed - started).TotalMilliseconds:0} ms.");
        if (PassThru) WriteObject(new FileInfo(target));
    }
}

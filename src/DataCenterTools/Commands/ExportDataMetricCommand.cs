using System.Collections;
using System.Globalization;
using System.Management.Automation;
using DataCenterTools.Core.Data;
using DataCenterTools.Core.Operations;
using DataCenterTools.Infrastructure;

namespace DataCenterTools.Commands;

/// <summary>Writes what the pipeline produced as Prometheus metrics for node_exporter's textfile collector, atomically.</summary>
[Cmdlet(VerbsData.Export, "DataMetric", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low)]
[OutputType(typeof(FileInfo))]
public sealed class ExportDataMetricCommand : DataCmdlet
{
    [Parameter(Mandatory = true, Position = 0)]
    [ValidateNotNullOrEmpty]
    public string Path { get; set; } = "";

    [Parameter(ValueFromPipeline = true)]
    public object[] InputObject { get; set; } = [];

    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? DatasetLabel { get; set; }

    [Parameter]
    public Hashtable? Label { get; set; }

    [Parameter]
    [ValidateNotNullOrEmpty]
    public string HostName { get; set; } = Environment.MachineName;

    [Parameter]
    [ValidateNotNullOrEmpty]
    public string Run { get; set; } = "total";

    [Parameter]
    public SwitchParameter Force { get; set; }

    [Parameter]
    public SwitchParameter PassThru { get; set; }

    private DataMetricCollector? _collector;

    protected override void BeginProcessing()
    {
        var labels = (Label ?? []).Cast<DictionaryEntry>()
            .Select(l => KeyValuePair.Create(l.Key.ToString() ?? "", l.Value?.ToString() ?? "")).ToArray();
        var context = new DataMetricContext { Host = HostName, Dataset = DatasetLabel, Run = Run, Labels = labels };
        try { _collector = new DataMetricCollector(context); }
        catch (DataException e) { ThrowDataError(e, Label); }
    }

    protected override void ProcessRecord()
    {
        foreach (var item in InputObject)
        {
            var input = item is PSObject ps ? ps.BaseObject : item;
            if (input is IDictionary table) TryRun(() => _collector!.TryAdd(ToCustomMetric(table)), null);
            else if (input != null && !_collector!.TryAdd(input))
                WriteDataError(new DataException("MetricInputNotSupported", DataErrorKind.InvalidArgument,
                    $"Export-DataMetric has no metrics for a {input.GetType().Name}.",
                    "Pipe one of: " + string.Join(", ", DataMetricCollector.SupportedTypes.Select(t => t.Name)) + ", or a hashtable @{ Name = ...; Value = ... }."), input);
        }
    }

    protected override void EndProcessing()
    {
        var target = ResolveOutputPath(Path);
        if (!ConfirmOutputFile(target, Force, "Prometheus metrics")) return;
        var samples = _collector!.Samples();
        if (!TryRun(() => DataMetricFile.Write(target, samples, Force, WriteWarning), target)) return;
        WriteVerbose($"Wrote {samples.Count:N0} samples of {samples.Select(s => s.Family.Name).Distinct().Count()} metrics to '{target}'.");
        if (PassThru) WriteObject(new FileInfo(target));
    }

    // @{ Name = 'rows_rejected'; Value = 3; Help = '...'; Labels = @{ step = 'import' } }
    private static CustomMetric ToCustomMetric(IDictionary table)
    {
        string? Text(string key) => table.Contains(key) ? table[key]?.ToString() : null;
        var name = Text("Name");
        var value = table.Contains("Value") ? table["Value"] : null;
        if (string.IsNullOrWhiteSpace(name) || value == null || !LanguagePrimitives.TryConvertTo(value, CultureInfo.InvariantCulture, out double number))
            throw new DataException("MetricInputInvalid", DataErrorKind.InvalidArgument,
                "A hashtable piped to Export-DataMetric needs a Name and a numeric Value.", "Pipe @{ Name = 'rows_rejected'; Value = 3 } (Help and Labels are optional).");
        var labels = new Dictionary<string, string>(StringComparer.Ordinal);
        if (table["Labels"] is IDictionary given)
            foreach (DictionaryEntry label in given) labels[label.Key.ToString()!] = label.Value?.ToString() ?? "";
        return new CustomMetric(name, number, Text("Help"), labels);
    }
}

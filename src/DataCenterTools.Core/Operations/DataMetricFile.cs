using System.Text;
using DataCenterTools.Core.Data;

namespace DataCenterTools.Core.Operations;

/// <summary>
/// Writes a metrics file for node_exporter's textfile collector the way its documentation asks: into a temp file
/// in the same folder, renamed into place, so the collector never reads half a file. The temp file is named
/// <c>.&lt;name&gt;.dct-&lt;pid&gt;-&lt;random&gt;.tmp</c> (<see cref="TempFiles"/>), which the collector skips as
/// it reads only <c>*.prom</c>. The file is UTF-8 without a byte-order mark, lines end in \n.
/// </summary>
public static class DataMetricFile
{
    public static void Write(string path, IReadOnlyList<MetricSample> samples, bool overwrite, Action<string>? warning = null)
    {
        var full = Path.GetFullPath(path);
        if (!full.EndsWith(".prom", StringComparison.Ordinal))
            warning?.Invoke($"'{Path.GetFileName(full)}' does not end in .prom, so node_exporter's textfile collector will not read it.");
        var text = new StringWriter(System.Globalization.CultureInfo.InvariantCulture);
        MetricExposition.Write(text, samples, warning);
        try
        {
            AtomicFile.WriteAllBytes(full, new UTF8Encoding(false).GetBytes(text.ToString()), overwrite);
        }
        catch (DataException e) when (e.ErrorId is "DataCenterTools.AccessDenied" or "DataCenterTools.DestinationReadOnly")
        {
            var folder = Path.GetDirectoryName(full);
            throw new DataException("MetricsFolderNotWritable", DataErrorKind.PermissionDenied,
                $"Cannot write metrics into '{folder}': {e.Message}",
                "Give the user running this job write permission on the textfile collector's folder (node_exporter only needs to read it), or write to another folder and point --collector.textfile.directory there.",
                full, inner: e);
        }
    }
}

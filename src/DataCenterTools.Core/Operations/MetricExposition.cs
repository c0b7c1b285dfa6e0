using System.Globalization;
using System.Text;

namespace DataCenterTools.Core.Operations;

/// <summary>The Prometheus metric types the text format names in its TYPE line.</summary>
public enum MetricType { Gauge, Counter, Untyped }

/// <summary>A metric family: one name, one type and one HELP text shared by all its samples.</summary>
public sealed record MetricFamily(string Name, MetricType Type, string Help)
{
    /// <summary>The label names this family's samples carry besides host (documentation and the dashboard check).</summary>
    public IReadOnlyList<string> Labels { get; init; } = [];
}

/// <summary>One sample: a family, its label pairs in order, and the value.</summary>
public sealed record MetricSample(MetricFamily Family, IReadOnlyList<KeyValuePair<string, string>> Labels, double Value);

/// <summary>
/// Writes the Prometheus text exposition format (version 0.0.4), as node_exporter's textfile collector reads it:
/// per family one HELP and one TYPE line, then its samples, families in name order and samples in label order so the
/// file is the same for the same input. Names are sanitized to [a-zA-Z_:][a-zA-Z0-9_:]* (labels without ':'), label
/// values escaped (\\, \", \n), HELP escaped (\\, \n); NaN, +Inf and -Inf are written as the format spells them and
/// whole numbers without an exponent up to 10^15. No timestamps: the textfile collector refuses them.
/// Of two samples with the same family and labels the last one is kept (the format forbids duplicates).
/// </summary>
public static class MetricExposition
{
    public static void Write(TextWriter writer, IEnumerable<MetricSample> samples, Action<string>? warning = null)
    {
        var families = new SortedDictionary<string, (MetricFamily Family, SortedDictionary<string, double> Samples)>(StringComparer.Ordinal);
        foreach (var sample in samples)
        {
            var name = SanitizeMetricName(sample.Family.Name);
            if (!families.TryGetValue(name, out var entry))
                families[name] = entry = (sample.Family, new SortedDictionary<string, double>(StringComparer.Ordinal));
            else if (entry.Family.Type != sample.Family.Type)
                throw new ArgumentException($"Metric '{name}' is given as both {entry.Family.Type} and {sample.Family.Type}.", nameof(samples));
            var labels = FormatLabels(sample.Labels);
            if (entry.Samples.ContainsKey(labels))
                warning?.Invoke($"Two inputs give {name}{labels}; the last one is written.");
            entry.Samples[labels] = sample.Value;
        }
        foreach (var (name, (family, byLabels)) in families)
        {
            writer.Write($"# HELP {name} {EscapeHelp(family.Help)}\n");
            writer.Write($"# TYPE {name} {family.Type.ToString().ToLowerInvariant()}\n");
            foreach (var (labels, value) in byLabels)
                writer.Write($"{name}{labels} {FormatValue(value)}\n");
        }
    }

    public static string ToText(IEnumerable<MetricSample> samples)
    {
        var text = new StringWriter(CultureInfo.InvariantCulture);
        Write(text, samples);
        return text.ToString();
    }

    /// <summary>A valid metric name: characters outside [a-zA-Z0-9_:] become '_', and a leading digit gets a '_' before it.</summary>
    public static string SanitizeMetricName(string name) => Sanitize(name, allowColon: true);

    /// <summary>A valid label name: characters outside [a-zA-Z0-9_] become '_'; names starting with "__" are reserved, so one '_' is kept.</summary>
    public static string SanitizeLabelName(string name)
    {
        var clean = Sanitize(name, allowColon: false);
        return clean.StartsWith("__", StringComparison.Ordinal) ? "_" + clean.TrimStart('_') : clean;
    }

    private static string Sanitize(string name, bool allowColon)
    {
        if (name.Length == 0) return "_";
        var text = new StringBuilder(name.Length + 1);
        if (name[0] is >= '0' and <= '9') text.Append('_');
        foreach (var c in name)
            text.Append(c is >= 'a' and <= 'z' or >= 'A' and <= 'Z' or >= '0' and <= '9' or '_' || (allowColon && c == ':') ? c : '_');
        return text.ToString();
    }

    public static string EscapeLabelValue(string value) =>
        value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal);

    public static string EscapeHelp(string help) =>
        help.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal);

    /// <summary>A value as the format (Go's ParseFloat) reads it: NaN, +Inf, -Inf, whole numbers as digits, else the shortest round-trip form.</summary>
    public static string FormatValue(double value)
    {
        if (double.IsNaN(value)) return "NaN";
        if (double.IsPositiveInfinity(value)) return "+Inf";
        if (double.IsNegativeInfinity(value)) return "-Inf";
        if (value == 0) return "0"; // also -0
        if (Math.Abs(value) < 1e15 && value == Math.Floor(value)) return ((long)value).ToString(CultureInfo.InvariantCulture);
        return value.ToString("R", CultureInfo.InvariantCulture);
    }

    // {a="x",b="y"} with names sanitized and values escaped; a label with an empty value is the same as none, so it is left out.
    private static string FormatLabels(IReadOnlyList<KeyValuePair<string, string>> labels)
    {
        var text = new StringBuilder();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (key, value) in labels)
        {
            if (string.IsNullOrEmpty(value)) continue;
            var name = SanitizeLabelName(key);
            if (!seen.Add(name)) throw new ArgumentException($"Label '{name}' is given twice.", nameof(labels));
            text.Append(text.Length == 0 ? '{' : ',').Append(name).Append("=\"").Append(EscapeLabelValue(value)).Append('"');
        }
        return text.Length == 0 ? "" : text.Append('}').ToString();
    }
}

using System.Globalization;
using DataCenterTools.Core.Data;

namespace DataCenterTools.Core.Text.Quality;

/// <summary>
/// The thresholds a run uses: the published defaults, overridden by name (-Threshold @{ gopher_min_words = 20 }).
/// A name no selected rule knows is an error, so a typo never silently keeps the default.
/// </summary>
public sealed class QualityThresholds
{
    private readonly Dictionary<string, double> _overrides;
    private readonly HashSet<string> _known = new(StringComparer.OrdinalIgnoreCase);
    private readonly SortedDictionary<string, double> _used = new(StringComparer.Ordinal);

    public QualityThresholds(IReadOnlyDictionary<string, double>? overrides = null) =>
        _overrides = new Dictionary<string, double>(overrides ?? new Dictionary<string, double>(), StringComparer.OrdinalIgnoreCase);

    /// <summary>The value of a threshold: the override if given, else the default.</summary>
    public double Get(string name, double defaultValue)
    {
        _known.Add(name);
        var value = _overrides.TryGetValue(name, out var v) ? v : defaultValue;
        if (double.IsNaN(value) || value < 0)
            throw new DataException("InvalidQualityThreshold", DataErrorKind.InvalidArgument,
                $"The threshold '{name}' must be a number at least 0; got {value.ToString(CultureInfo.InvariantCulture)}.",
                $"Its published default is {defaultValue.ToString(CultureInfo.InvariantCulture)}.");
        _used[name] = value;
        return value;
    }

    /// <summary>Every threshold in use with its value (for lineage).</summary>
    public IReadOnlyDictionary<string, double> Used => _used;

    /// <summary>Fails when an override names no threshold of the selected rules.</summary>
    public void EnsureAllKnown()
    {
        var unknown = _overrides.Keys.Where(k => !_known.Contains(k)).OrderBy(k => k, StringComparer.Ordinal).ToList();
        if (unknown.Count > 0)
            throw new DataException("UnknownQualityThreshold", DataErrorKind.InvalidArgument,
                $"{{option:Threshold}} names {string.Join(", ", unknown.Select(u => $"'{u}'"))}, which no selected rule uses.",
                $"Known thresholds: {string.Join(", ", _known.OrderBy(k => k, StringComparer.Ordinal))}.");
    }
}

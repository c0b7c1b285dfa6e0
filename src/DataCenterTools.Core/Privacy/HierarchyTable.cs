using System.Text;
using DataCenterTools.Core.Data;

namespace DataCenterTools.Core.Privacy;

/// <summary>
/// A value generalization hierarchy in ARX's CSV format: one row per value, one column per level, the value itself
/// first and ever coarser groups after it (United-States;North America;*). Fields are separated by semicolons,
/// ARX's default (commas when the first line has no semicolon) and may be quoted. Read by hand rather than with the
/// dataset reader, which infers types: a hierarchy must keep every value byte for byte as the data holds it.
/// When the last level still has more than one value, a level "*" is added on top, so the column can always be
/// generalized to one value.
/// </summary>
public sealed class HierarchyTable
{
    private readonly Dictionary<string, string[]> _levels;

    private HierarchyTable(string path, Dictionary<string, string[]> levels, int maxLevel)
    {
        Path = path;
        _levels = levels;
        MaxLevel = maxLevel;
    }

    public string Path { get; }

    /// <summary>The coarsest level (the values themselves are level 0).</summary>
    public int MaxLevel { get; }

    public bool Contains(string value) => _levels.ContainsKey(value);

    /// <summary>The value at <paramref name="level"/> (0: the value itself); "*" above the file's last level.</summary>
    public string Generalize(string value, int level)
    {
        var levels = _levels[value];
        return level < levels.Length ? levels[level] : "*";
    }

    public static HierarchyTable Load(string path)
    {
        var full = System.IO.Path.GetFullPath(path);
        if (!File.Exists(full))
            throw new DataException("HierarchyFileNotFound", DataErrorKind.ObjectNotFound, $"The hierarchy file '{full}' does not exist.",
                "Give a CSV file with one row per value and one column per level (ARX's hierarchy format), e.g. United-States;North America;*.", full);
        var lines = File.ReadAllLines(full, Encoding.UTF8);
        var separator = lines.FirstOrDefault(l => l.Length > 0) is { } first && !first.Contains(';') && first.Contains(',') ? ',' : ';';
        var levels = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var width = -1;
        for (var i = 0; i < lines.Length; i++)
        {
            if (lines[i].Length == 0) continue;
            var fields = Split(lines[i], separator, full, i + 1);
            if (width < 0) width = fields.Length;
            if (fields.Length != width)
                throw Invalid(full, i + 1, $"line {i + 1} has {fields.Length} level(s) where the first row has {width}: every value needs a group at every level");
            if (levels.TryGetValue(fields[0], out var earlier) && !earlier.SequenceEqual(fields))
                throw Invalid(full, i + 1, $"the value '{fields[0]}' is listed twice with different groups (line {i + 1})");
            levels[fields[0]] = fields;
        }
        if (levels.Count == 0) throw Invalid(full, null, "it has no rows");
        if (width < 2) throw Invalid(full, null, "it has one column only: the values, and no level to generalize them to");
        // The levels are nested: values that share a group at one level share it at every coarser level.
        for (var level = 1; level < width - 1; level++)
        {
            var parent = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var row in levels.Values)
                if (parent.TryGetValue(row[level], out var up) && up != row[level + 1])
                    throw Invalid(full, null, $"'{row[level]}' at level {level} belongs to both '{up}' and '{row[level + 1]}' at level {level + 1}: the levels must nest");
                else parent[row[level]] = row[level + 1];
        }
        var top = levels.Values.Select(r => r[^1]).Distinct(StringComparer.Ordinal).Count();
        return new HierarchyTable(full, levels, top == 1 ? width - 1 : width);
    }

    // Fields separated by the separator; a field may be quoted ("a;b"), with "" for a quote inside.
    private static string[] Split(string line, char separator, string path, int lineNumber)
    {
        var fields = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (quoted)
            {
                if (c != '"') field.Append(c);
                else if (i + 1 < line.Length && line[i + 1] == '"') { field.Append('"'); i++; }
                else quoted = false;
            }
            else if (c == '"' && field.Length == 0) quoted = true;
            else if (c == separator) { fields.Add(field.ToString()); field.Clear(); }
            else field.Append(c);
        }
        if (quoted) throw Invalid(path, lineNumber, $"line {lineNumber} has a quote that is not closed");
        fields.Add(field.ToString().TrimEnd('\r'));
        return fields.ToArray();
    }

    private static DataException Invalid(string path, long? line, string why) =>
        new("HierarchyInvalid", DataErrorKind.InvalidData, $"The hierarchy file '{path}' is not a generalization hierarchy: {why}.",
            "Write one row per value and one column per level, each value's groups from fine to coarse (ARX's format), e.g. United-States;North America;*.",
            path, line);
}

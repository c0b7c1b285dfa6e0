using DataCenterTools.Core.Data;

namespace DataCenterTools.Core.Query;

/// <summary>Resolving the column names users type: exact (case-insensitive), wildcards, and the nearest names for an error.</summary>
public static class ColumnNames
{
    /// <summary>
    /// The columns a list of names and wildcards selects, in the order given (a wildcard adds its matches in the
    /// Dataset's order), each once. A name or wildcard that matches nothing is DataCenterTools.ColumnNotFound.
    /// </summary>
    public static IReadOnlyList<string> Resolve(Schema schema, IEnumerable<string> patterns, string parameter)
    {
        var result = new List<string>();
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var pattern in patterns)
        {
            var matches = Match(schema, pattern);
            if (matches.Count == 0) throw NotFound(schema, pattern, parameter);
            foreach (var m in matches) if (seen.Add(m)) result.Add(m);
        }
        return result;
    }

    /// <summary>The Dataset's column names that the name or wildcard matches, in the Dataset's order.</summary>
    public static IReadOnlyList<string> Match(Schema schema, string pattern)
    {
        // An exact name wins, so a column called 'Timestamp [ms]' is not read as a wildcard set.
        if (schema.Contains(pattern)) return [schema[pattern].Name];
        if (!HasWildcard(pattern)) return [];
        var regex = WildcardRegex(pattern);
        return schema.Select(c => c.Name).Where(n => regex.IsMatch(n)).ToList();
    }

    /// <summary>The one column a parameter names (no wildcards), or DataCenterTools.ColumnNotFound.</summary>
    public static string Single(Schema schema, string name, string parameter) =>
        schema.Contains(name) ? schema[name].Name : throw NotFound(schema, name, parameter);

    public static DataException NotFound(Schema schema, string name, string parameter)
    {
        var near = Nearest(name, schema.Select(c => c.Name));
        var hint = near.Count > 0 ? $" Did you mean {string.Join(" or ", near.Select(n => $"'{n}'"))}?" : "";
        return new DataException("ColumnNotFound", DataErrorKind.ObjectNotFound,
            $"{parameter} names '{name}', which matches no column.{hint} Columns: {Preview(schema)}.",
            "Check the spelling (names ignore case; * and ? are wildcards).", column: name);
    }

    private static string Preview(Schema schema)
    {
        var names = schema.Select(c => c.Name).ToList();
        return names.Count <= 20 ? string.Join(", ", names) : string.Join(", ", names.Take(20)) + $", ... ({names.Count} in all)";
    }

    public static bool HasWildcard(string pattern) => pattern.AsSpan().IndexOfAny('*', '?') >= 0 || pattern.Contains('[') && pattern.Contains(']');

    /// <summary>PowerShell's wildcard rules (* ? [set]), case-insensitive, as a regular expression.</summary>
    internal static System.Text.RegularExpressions.Regex WildcardRegex(string pattern)
    {
        var sb = new System.Text.StringBuilder("^");
        for (var i = 0; i < pattern.Length; i++)
        {
            var c = pattern[i];
            switch (c)
            {
                case '*': sb.Append(".*"); break;
                case '?': sb.Append('.'); break;
                case '`' when i + 1 < pattern.Length: sb.Append(System.Text.RegularExpressions.Regex.Escape(pattern[++i].ToString())); break;
                case '[':
                    var close = pattern.IndexOf(']', i + 1);
                    if (close < 0) { sb.Append("\\["); break; }
                    var set = pattern[(i + 1)..close];
                    sb.Append('[').Append(set.Replace("\\", "\\\\").Replace("^", "\\^")).Append(']');
                    i = close;
                    break;
                default: sb.Append(System.Text.RegularExpressions.Regex.Escape(c.ToString())); break;
            }
        }
        sb.Append('$');
        return new System.Text.RegularExpressions.Regex(sb.ToString(),
            System.Text.RegularExpressions.RegexOptions.IgnoreCase | System.Text.RegularExpressions.RegexOptions.CultureInvariant | System.Text.RegularExpressions.RegexOptions.Singleline);
    }

    /// <summary>Up to three names closest to <paramref name="name"/> by edit distance (ignoring case), nearest first.</summary>
    public static IReadOnlyList<string> Nearest(string name, IEnumerable<string> candidates)
    {
        var target = name.ToLowerInvariant();
        var limit = Math.Max(2, target.Length / 3);
        return candidates
            .Select(c => (Name: c, Distance: Distance(target, c.ToLowerInvariant())))
            .Where(c => c.Distance <= limit || c.Name.Contains(name, StringComparison.OrdinalIgnoreCase) || name.Contains(c.Name, StringComparison.OrdinalIgnoreCase)
                        || CommonPrefix(target, c.Name.ToLowerInvariant()) >= Math.Min(3, target.Length))
            .OrderBy(c => c.Distance).ThenBy(c => c.Name, StringComparer.OrdinalIgnoreCase)
            .Take(3).Select(c => c.Name).ToList();
    }

    private static int CommonPrefix(string a, string b)
    {
        var n = 0;
        while (n < a.Length && n < b.Length && a[n] == b[n]) n++;
        return n;
    }

    /// <summary>Levenshtein distance (insert, delete, substitute; a swap of neighbours counts one, as Damerau's).</summary>
    internal static int Distance(string a, string b)
    {
        var d = new int[a.Length + 1, b.Length + 1];
        for (var i = 0; i <= a.Length; i++) d[i, 0] = i;
        for (var j = 0; j <= b.Length; j++) d[0, j] = j;
        for (var i = 1; i <= a.Length; i++)
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
            }
        return d[a.Length, b.Length];
    }
}

using System.Text.RegularExpressions;

namespace DataCenterTools.Core.Query;

/// <summary>
/// A text pattern compiled once: SQL LIKE (% and _), PowerShell -like (* ? [set]) or a regular expression.
/// Patterns that are only a prefix, suffix, substring or exact value skip the regex engine.
/// </summary>
internal sealed class TextPattern
{
    private enum Shape { Exact, Prefix, Suffix, Contains, Regex }

    private readonly Shape _shape;
    private readonly string _literal = "";
    private readonly Regex? _regex;
    private readonly StringComparison _comparison;

    private TextPattern(Shape shape, string literal, Regex? regex, bool ignoreCase)
    {
        _shape = shape;
        _literal = literal;
        _regex = regex;
        _comparison = ignoreCase ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;
    }

    public static TextPattern Create(string pattern, PatternKind kind, bool ignoreCase)
    {
        var options = RegexOptions.CultureInvariant | RegexOptions.Singleline | (ignoreCase ? RegexOptions.IgnoreCase : RegexOptions.None);
        if (kind == PatternKind.Regex) return new TextPattern(Shape.Regex, "", new Regex(pattern, options, TimeSpan.FromSeconds(1)), ignoreCase);
        char any = kind == PatternKind.SqlLike ? '%' : '*', one = kind == PatternKind.SqlLike ? '_' : '?';
        var special = kind == PatternKind.SqlLike ? "%_\\" : "*?[`";
        // Fast shapes: literal text with a wildcard-run only at the start and/or the end.
        var core = pattern.Trim(any);
        if (core.IndexOfAny(special.ToCharArray()) < 0)
        {
            var starts = pattern.StartsWith(any);
            var ends = pattern.EndsWith(any);
            if (core.Length == 0 && pattern.Length > 0) return new TextPattern(Shape.Contains, "", null, ignoreCase); // % alone: anything
            var shape = (starts, ends) switch { (false, false) => Shape.Exact, (false, true) => Shape.Prefix, (true, false) => Shape.Suffix, _ => Shape.Contains };
            return new TextPattern(shape, core, null, ignoreCase);
        }
        return new TextPattern(Shape.Regex, "", new Regex(ToRegex(pattern, kind, any, one), options, TimeSpan.FromSeconds(1)), ignoreCase);
    }

    private static string ToRegex(string pattern, PatternKind kind, char any, char one)
    {
        var sb = new System.Text.StringBuilder("^");
        for (var i = 0; i < pattern.Length; i++)
        {
            var c = pattern[i];
            if (c == any) sb.Append(".*");
            else if (c == one) sb.Append('.');
            else if (kind == PatternKind.SqlLike && c == '\\' && i + 1 < pattern.Length) sb.Append(Regex.Escape(pattern[++i].ToString()));
            else if (kind == PatternKind.Wildcard && c == '`' && i + 1 < pattern.Length) sb.Append(Regex.Escape(pattern[++i].ToString()));
            else if (kind == PatternKind.Wildcard && c == '[' && pattern.IndexOf(']', i + 1) is var close and > 0)
            {
                sb.Append('[').Append(pattern[(i + 1)..close].Replace("\\", "\\\\").Replace("^", "\\^")).Append(']');
                i = close;
            }
            else sb.Append(Regex.Escape(c.ToString()));
        }
        return sb.Append('$').ToString();
    }

    public bool IsMatch(string value) => IsMatch(value.AsSpan());

    public bool IsMatch(ReadOnlySpan<char> value) => _shape switch
    {
        Shape.Exact => value.Equals(_literal, _comparison),
        Shape.Prefix => value.StartsWith(_literal, _comparison),
        Shape.Suffix => value.EndsWith(_literal, _comparison),
        Shape.Contains => value.Contains(_literal, _comparison),
        _ => _regex!.IsMatch(value),
    };
}

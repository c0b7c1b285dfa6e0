using System.Text;

namespace DataCenterTools.Core.Operations;

/// <summary>
/// Infers a regular expression that every value of an identifier-like column fits: each value is cut into runs of
/// one character class (digits, lower-case, upper-case letters) and single punctuation characters, and when all
/// values give the same sequence of runs the pattern is that sequence with each run's shortest and longest length,
/// e.g. vm-001, vm-017 give ^[a-z]{2}-[0-9]{3}$. When they do not, letters of either case are merged, then letters
/// and digits; when values still differ in shape, or hold spaces or other characters, there is no pattern.
/// </summary>
public static class IdentifierPattern
{
    /// <summary>Values longer than this are text, not identifiers.</summary>
    public const int MaxLength = 64;

    private const string Punctuation = "-_.:/#@";

    private enum Kind : byte { Digit, Lower, Upper, Letter, Alphanumeric, Literal }

    /// <summary>The anchored pattern all <paramref name="values"/> fit, or null (none given, or no shared shape).</summary>
    public static string? Infer(IEnumerable<string> values)
    {
        var distinct = values.Distinct(StringComparer.Ordinal).ToList();
        if (distinct.Count == 0 || distinct.Any(v => v.Length == 0 || v.Length > MaxLength || !v.All(IsIdentifierChar))) return null;
        for (var level = 0; level < 3; level++)
            if (Shape(distinct, level) is { } pattern) return pattern;
        return null;
    }

    private static bool IsIdentifierChar(char c) => char.IsAsciiLetterOrDigit(c) || Punctuation.Contains(c);

    private static Kind KindOf(char c, int level)
    {
        if (!char.IsAsciiLetterOrDigit(c)) return Kind.Literal;
        if (level == 2) return Kind.Alphanumeric;
        if (char.IsAsciiDigit(c)) return Kind.Digit;
        return level == 1 ? Kind.Letter : char.IsAsciiLetterLower(c) ? Kind.Lower : Kind.Upper;
    }

    private static string? Shape(List<string> values, int level)
    {
        List<(Kind Kind, char Literal, int Min, int Max)>? runs = null;
        foreach (var value in values)
        {
            var mine = Runs(value, level);
            if (runs == null) { runs = mine.Select(r => (r.Kind, r.Literal, r.Length, r.Length)).ToList(); continue; }
            if (mine.Count != runs.Count) return null;
            for (var i = 0; i < mine.Count; i++)
            {
                var (kind, literal, min, max) = runs[i];
                if (mine[i].Kind != kind || mine[i].Literal != literal) return null;
                runs[i] = (kind, literal, Math.Min(min, mine[i].Length), Math.Max(max, mine[i].Length));
            }
        }
        var sb = new StringBuilder("^");
        foreach (var (kind, literal, min, max) in runs!)
        {
            sb.Append(kind switch
            {
                Kind.Digit => "[0-9]",
                Kind.Lower => "[a-z]",
                Kind.Upper => "[A-Z]",
                Kind.Letter => "[A-Za-z]",
                Kind.Alphanumeric => "[A-Za-z0-9]",
                _ => System.Text.RegularExpressions.Regex.Escape(literal.ToString()),
            });
            if (min != max) sb.Append('{').Append(min).Append(',').Append(max).Append('}');
            else if (min > 1) sb.Append('{').Append(min).Append('}');
        }
        return sb.Append('$').ToString();
    }

    /// <summary>The runs of a value: a class run grows while the class holds; each punctuation character is a run of its own.</summary>
    private static List<(Kind Kind, char Literal, int Length)> Runs(string value, int level)
    {
        var runs = new List<(Kind Kind, char Literal, int Length)>();
        foreach (var c in value)
        {
            var kind = KindOf(c, level);
            if (kind != Kind.Literal && runs.Count > 0 && runs[^1].Kind == kind) runs[^1] = (kind, '\0', runs[^1].Length + 1);
            else runs.Add((kind, kind == Kind.Literal ? c : '\0', 1));
        }
        return runs;
    }
}

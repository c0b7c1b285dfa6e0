using System.Text.RegularExpressions;

namespace DataCenterTools.Core.Text.Cleaning;

/// <summary>One boilerplate rule: a name and a pattern a whole short line must match to be removed.</summary>
public sealed record BoilerplateRule(string Name, Regex Pattern);

/// <summary>
/// Lines that are page furniture rather than content, removed by rule: cookie banners, copyright and "All rights
/// reserved" lines, links to privacy/terms pages, newsletter and social prompts, navigation stubs. A line is removed
/// only when it is short (at most <see cref="MaxLineLength"/> characters), so a paragraph that mentions cookies stays.
/// </summary>
public static partial class BoilerplateRules
{
    public const int MaxLineLength = 200;

    [GeneratedRegex(@"\b(we|this (web)?site|our (web)?site)\s+uses?\s+cookies\b|\baccept (all )?cookies\b|\bcookie (policy|settings|preferences)\b", RegexOptions.IgnoreCase)]
    private static partial Regex Cookies();

    [GeneratedRegex(@"\ball rights reserved\b|^\s*(©|\(c\)|copyright)\s*(\d{4}|\w)", RegexOptions.IgnoreCase)]
    private static partial Regex Copyright();

    [GeneratedRegex(@"^\W*(privacy policy|terms (of (use|service)|and conditions)|cookie policy|imprint|impressum)(\W+(privacy policy|terms (of (use|service)|and conditions)|cookie policy|contact( us)?|sitemap))*\W*$", RegexOptions.IgnoreCase)]
    private static partial Regex LegalLinks();

    [GeneratedRegex(@"\b(subscribe to our newsletter|sign up for our newsletter|follow us on|share (this|on) (facebook|twitter|x)|click here to)\b", RegexOptions.IgnoreCase)]
    private static partial Regex Prompts();

    [GeneratedRegex(@"^\W*(skip to (main )?content|back to top|read more|log ?in|sign ?in|sign ?up|menu|home|search)\W*$", RegexOptions.IgnoreCase)]
    private static partial Regex Navigation();

    public static IReadOnlyList<BoilerplateRule> BuiltIn { get; } =
    [
        new("cookies", Cookies()), new("copyright", Copyright()), new("legal_links", LegalLinks()),
        new("prompts", Prompts()), new("navigation", Navigation()),
    ];

    /// <summary>The text without boilerplate lines; <paramref name="removed"/> counts them.</summary>
    public static string RemoveLines(string text, IReadOnlyList<BoilerplateRule> rules, out int removed)
    {
        removed = 0;
        var lines = text.Split('\n');
        var kept = new List<string>(lines.Length);
        foreach (var line in lines)
        {
            if (line.Length <= MaxLineLength && line.Trim().Length > 0 && rules.Any(r => r.Pattern.IsMatch(line))) { removed++; continue; }
            kept.Add(line);
        }
        return removed == 0 ? text : string.Join('\n', kept);
    }
}

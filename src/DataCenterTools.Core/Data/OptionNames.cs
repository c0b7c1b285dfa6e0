using System.Text.RegularExpressions;

namespace DataCenterTools.Core.Data;

/// <summary>
/// How user-facing text (error messages, recommendations, warnings) names an option of a core call without knowing
/// who called: <c>{option:KeyPath}</c>, by the option's core name (the property of the options object). The core and
/// a C# program read it as the bare name (<c>KeyPath</c>); the cmdlet layer renders it as its parameter (<c>-KeyPath</c>),
/// so a PowerShell parameter name never reaches an SDK user and a pwsh user still reads which parameter to change.
/// A <see cref="DataException"/> renders its own message for code; plain strings the core hands back (warnings, notes)
/// keep the mentions, for the caller to read with <see cref="ForCode"/> or render as the cmdlets do.
/// </summary>
public static partial class OptionNames
{
    /// <summary>The mention of <paramref name="option"/> in a message, for names that are not known when the message is written.</summary>
    public static string Mention(string option) => "{option:" + option + "}";

    /// <summary>The text with each mention replaced by what <paramref name="name"/> makes of the option's core name.</summary>
    public static string Render(string text, Func<string, string> name)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(name);
        return text.Contains("{option:", StringComparison.Ordinal) ? MentionPattern().Replace(text, m => name(m.Groups[1].Value)) : text;
    }

    /// <summary>The text as a C# program reads it: each option by its core name, e.g. <c>KeyPath</c>.</summary>
    public static string ForCode(string text) => Render(text, static option => option);

    /// <summary>The options the text mentions, each once, in order of first mention.</summary>
    public static IReadOnlyList<string> Mentioned(string? text) =>
        text == null ? [] : MentionPattern().Matches(text).Select(m => m.Groups[1].Value).Distinct(StringComparer.Ordinal).ToList();

    [GeneratedRegex(@"\{option:([A-Za-z][A-Za-z0-9]*)\}", RegexOptions.CultureInvariant)]
    private static partial Regex MentionPattern();
}

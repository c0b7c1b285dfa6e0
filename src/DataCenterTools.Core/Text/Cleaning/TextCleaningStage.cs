using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using DataCenterTools.Core.Data;
using DataCenterTools.Core.Text.Corpus;

namespace DataCenterTools.Core.Text.Cleaning;

/// <summary>Unicode normalization form applied by Invoke-TextCleaning.</summary>
public enum TextNormalization { None, NFC, NFKC }

/// <summary>When to convert HTML to text: never, always, or when a document looks like HTML.</summary>
public enum HtmlHandling { None, Auto, Always }

/// <summary>What Invoke-TextCleaning does; each step is off unless set, except the defaults noted.</summary>
public sealed record TextCleaningOptions
{
    public TextNormalization Normalization { get; init; } = TextNormalization.NFC;
    /// <summary>Remove control characters (not newline or tab) and zero-width characters (U+200B, U+2060, U+FEFF, soft hyphen).</summary>
    public bool RemoveControlCharacters { get; init; } = true;
    /// <summary>Collapse spaces and tabs, trim lines, at most one blank line in a row, trim the document.</summary>
    public bool NormalizeWhitespace { get; init; } = true;
    public HtmlHandling Html { get; init; } = HtmlHandling.None;
    public bool RepairMojibake { get; init; }
    /// <summary>Remove boilerplate lines by the built-in rules.</summary>
    public bool RemoveBoilerplate { get; init; }
    /// <summary>More boilerplate line patterns (regular expressions, case-insensitive).</summary>
    public IReadOnlyList<string> BoilerplatePatterns { get; init; } = [];
    /// <summary>Drop documents left with fewer characters than this after cleaning (0: keep all).</summary>
    public int MinLength { get; init; }
}

/// <summary>
/// Cleans each document's text in a fixed order: HTML to text, mojibake repair, Unicode normalization, control and
/// zero-width characters, boilerplate lines, whitespace. Zero-width joiner and non-joiner (U+200C, U+200D) are kept:
/// emoji sequences and Persian and Indic words need them. Adds cleaning_changes, the steps that changed the text.
/// </summary>
public sealed class TextCleaningStage : IDocumentStage
{
    public const string ChangesColumn = "cleaning_changes";
    private readonly TextCleaningOptions _options;
    private readonly List<BoilerplateRule> _rules = [];

    public TextCleaningStage(TextCleaningOptions options)
    {
        _options = options;
        if (options.RemoveBoilerplate) _rules.AddRange(BoilerplateRules.BuiltIn);
        for (var i = 0; i < options.BoilerplatePatterns.Count; i++)
        {
            try { _rules.Add(new BoilerplateRule($"pattern{i + 1}", new Regex(options.BoilerplatePatterns[i], RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1)))); }
            catch (ArgumentException e)
            {
                throw new DataException("InvalidPattern", DataErrorKind.InvalidArgument, $"{{option:BoilerplatePattern}} '{options.BoilerplatePatterns[i]}' is not a valid regular expression: {e.Message}",
                    "Fix the pattern (it is a .NET regular expression).");
            }
        }
        Parameters = new Dictionary<string, string>
        {
            ["Normalization"] = options.Normalization.ToString(),
            ["RemoveControlCharacters"] = options.RemoveControlCharacters.ToString(),
            ["NormalizeWhitespace"] = options.NormalizeWhitespace.ToString(),
            ["Html"] = options.Html.ToString(),
            ["RepairMojibake"] = options.RepairMojibake.ToString(),
            ["RemoveBoilerplate"] = options.RemoveBoilerplate.ToString(),
            ["BoilerplatePatterns"] = string.Join(" | ", options.BoilerplatePatterns),
            ["MinLength"] = options.MinLength.ToString(CultureInfo.InvariantCulture),
        };
    }

    public string Operation => "Invoke-TextCleaning";
    public IReadOnlyDictionary<string, string> Parameters { get; }

    public StageResult Process(IReadOnlyList<string> texts, IReadOnlyList<string> ids, StageBatch batch, CancellationToken cancellation)
    {
        var result = new StageResult(texts.Count) { Texts = new string?[texts.Count] };
        var changes = result.Add(ChangesColumn, StageFieldKind.String);
        if (_options.MinLength > 0) result.Rejections = new string?[texts.Count];
        for (var i = 0; i < texts.Count; i++)
        {
            var cleaned = Clean(texts[i], out var steps);
            result.Texts[i] = cleaned;
            changes.SetString(i, steps.Count == 0 ? null : string.Join(",", steps));
            if (_options.MinLength > 0 && cleaned.Length < _options.MinLength) result.Rejections![i] = $"shorter than {_options.MinLength} characters after cleaning";
        }
        return result;
    }

    public string Clean(string text, out List<string> steps)
    {
        steps = [];
        if (_options.Html == HtmlHandling.Always || (_options.Html == HtmlHandling.Auto && HtmlToText.LooksLikeHtml(text))) Step(ref text, HtmlToText.Convert(text), "html", steps);
        if (_options.RepairMojibake) Step(ref text, MojibakeRepair.Repair(text, out _), "mojibake", steps);
        if (_options.Normalization != TextNormalization.None)
        {
            var form = _options.Normalization == TextNormalization.NFKC ? NormalizationForm.FormKC : NormalizationForm.FormC;
            if (!text.IsNormalized(form)) Step(ref text, text.Normalize(form), _options.Normalization.ToString().ToLowerInvariant(), steps);
        }
        if (_options.RemoveControlCharacters) Step(ref text, RemoveControls(text), "control", steps);
        if (_rules.Count > 0) Step(ref text, BoilerplateRules.RemoveLines(text, _rules, out _), "boilerplate", steps);
        if (_options.NormalizeWhitespace) Step(ref text, Whitespace(text), "whitespace", steps);
        return text;
    }

    private static void Step(ref string text, string next, string name, List<string> steps)
    {
        if (ReferenceEquals(next, text) || next == text) return;
        text = next;
        steps.Add(name);
    }

    private static bool IsRemovable(char c) =>
        c is '\u200B' or '\u2060' or '\uFEFF' or '\u00AD' or '\u180E' || (char.IsControl(c) && c is not ('\n' or '\t' or '\r'));

    private static string RemoveControls(string text)
    {
        var i = 0;
        while (i < text.Length && !IsRemovable(text[i]) && text[i] != '\r') i++;
        if (i == text.Length) return text;
        var sb = new StringBuilder(text.Length);
        sb.Append(text, 0, i);
        for (; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '\r') { if (i + 1 >= text.Length || text[i + 1] != '\n') sb.Append('\n'); continue; }
            if (!IsRemovable(c)) sb.Append(c);
        }
        return sb.ToString();
    }

    /// <summary>Spaces and tabs collapse to one space, lines are trimmed, no more than one blank line in a row, the document trimmed.</summary>
    public static string Whitespace(string text)
    {
        var sb = new StringBuilder(text.Length);
        var blank = 0;
        foreach (var raw in text.Replace("\r\n", "\n").Split('\n'))
        {
            var line = CollapseSpaces(raw);
            if (line.Length == 0) { blank++; continue; }
            if (sb.Length > 0) sb.Append(blank > 0 ? "\n\n" : "\n");
            sb.Append(line);
            blank = 0;
        }
        return sb.ToString();
    }

    private static string CollapseSpaces(string line)
    {
        var sb = new StringBuilder(line.Length);
        var space = false;
        foreach (var c in line)
        {
            if (char.IsWhiteSpace(c)) { space = sb.Length > 0; continue; }
            if (space) sb.Append(' ');
            space = false;
            sb.Append(c);
        }
        return sb.ToString();
    }
}

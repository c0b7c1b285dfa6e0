using System.Text;
using DataCenterTools.Core.Data;

namespace DataCenterTools.Core.Cleaning;

/// <summary>
/// The string rules, applied to each cell in this order: Trim, CollapseWhitespace (runs of white
/// space become one space), Unicode NFC normalization, then Lower/Upper case (invariant culture).
/// A dictionary-encoded column is cleaned once per distinct value, not once per row.
/// </summary>
internal sealed class TextRules(bool trim, bool collapseWhitespace, bool normalize, TextCase textCase)
{
    public bool Any => trim || collapseWhitespace || normalize || textCase != TextCase.None;

    /// <summary>Per rule (in the order of <see cref="Actions"/>), how many cells it changed.</summary>
    public static readonly CleaningAction[] Actions =
        [CleaningAction.Trimmed, CleaningAction.WhitespaceCollapsed, CleaningAction.Normalized, CleaningAction.CaseChanged];

    /// <summary>The cleaned text, or null when no rule changed it; <paramref name="changed"/> gets a flag per rule that did.</summary>
    public string? Apply(ReadOnlySpan<char> cell, Span<bool> changed)
    {
        string? text = null;
        if (trim)
        {
            var t = cell.Trim();
            if (t.Length != cell.Length) { text = t.ToString(); changed[0] = true; }
        }
        if (collapseWhitespace && Collapse(text ?? cell) is { } collapsed) { text = collapsed; changed[1] = true; }
        if (normalize && !IsAscii(text ?? cell))
        {
            var s = text ?? cell.ToString();
            if (!s.IsNormalized(NormalizationForm.FormC)) { text = s.Normalize(NormalizationForm.FormC); changed[2] = true; }
        }
        if (textCase != TextCase.None)
        {
            var s = (text ?? cell).ToString();
            var cased = textCase == TextCase.Lower ? s.ToLowerInvariant() : s.ToUpperInvariant();
            if (!string.Equals(cased, s, StringComparison.Ordinal)) { text = cased; changed[3] = true; }
        }
        return text;
    }

    /// <summary>The cleaned column (the same object when nothing changed) and the count of cells each rule changed.</summary>
    public (Column Column, int[] Counts) Clean(StringColumn column)
    {
        var counts = new int[Actions.Length];
        Span<bool> changed = stackalloc bool[Actions.Length];
        if (column.IsDictionaryEncoded)
        {
            // Clean each distinct value once, then count the rows that hold it.
            var dictionary = column.Dictionary!;
            var cleaned = new string?[dictionary.Count];
            var rulesHit = new bool[dictionary.Count, Actions.Length];
            for (var d = 0; d < dictionary.Count; d++)
            {
                changed.Clear();
                cleaned[d] = Apply(dictionary[d], changed);
                for (var r = 0; r < changed.Length; r++) rulesHit[d, r] = changed[r];
            }
            if (cleaned.All(c => c == null)) return (column, counts);
            var builder = new StringColumnBuilder(column.Length);
            var codes = column.Codes;
            for (var row = 0; row < column.Length; row++)
            {
                var code = codes[row];
                if (code < 0) { builder.AppendNull(); continue; }
                builder.Append(cleaned[code] ?? dictionary[code]);
                for (var r = 0; r < Actions.Length; r++) if (rulesHit[code, r]) counts[r]++;
            }
            return (builder.Build(column.Name), counts);
        }

        var editor = new StringEditor(column);
        for (var row = 0; row < column.Length; row++)
        {
            if (column.IsNull(row)) continue;
            changed.Clear();
            if (Apply(column.GetSpan(row), changed) is not { } text) continue;
            editor.SetValue(row, text);
            for (var r = 0; r < changed.Length; r++) if (changed[r]) counts[r]++;
        }
        return (editor.Build(), counts);
    }

    private static string? Collapse(ReadOnlySpan<char> s)
    {
        var needed = false;
        for (var i = 0; i < s.Length && !needed; i++)
            needed = char.IsWhiteSpace(s[i]) && (s[i] != ' ' || (i + 1 < s.Length && char.IsWhiteSpace(s[i + 1])));
        if (!needed) return null;
        var sb = new StringBuilder(s.Length);
        var inSpace = false;
        foreach (var c in s)
        {
            if (char.IsWhiteSpace(c))
            {
                if (!inSpace) sb.Append(' ');
                inSpace = true;
            }
            else
            {
                sb.Append(c);
                inSpace = false;
            }
        }
        return sb.ToString();
    }

    private static bool IsAscii(ReadOnlySpan<char> s) => System.Text.Ascii.IsValid(s);
}

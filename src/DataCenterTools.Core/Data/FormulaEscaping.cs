namespace DataCenterTools.Core.Data;

/// <summary>
/// CSV formula injection (OWASP "CSV Injection"): a spreadsheet runs a cell that starts with = + - @, a tab or a
/// carriage return as a formula (=HYPERLINK(...), =cmd|' /C calc'!A0). Escaping prefixes such string cells with
/// a single quote, which spreadsheets show as text. Only string cells are escaped: -1.5 in a numeric column is
/// a number, written as it is. When it is on by default is <c>Privacy.FormulaEscapingDefault</c>'s decision.
/// </summary>
public static class FormulaEscaping
{
    /// <summary>The cell with a ' in front when it starts with a formula trigger; null and other cells unchanged.</summary>
    public static string? Escape(string? cell) =>
        cell is { Length: > 0 } && cell[0] is '=' or '+' or '-' or '@' or '\t' or '\r' ? "'" + cell : cell;

}

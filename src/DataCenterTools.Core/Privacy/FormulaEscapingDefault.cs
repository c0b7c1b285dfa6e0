using DataCenterTools.Core.Data;

namespace DataCenterTools.Core.Privacy;

/// <summary>When Export-Dataset escapes spreadsheet formulas (<see cref="FormulaEscaping"/>) without being told.</summary>
public static class FormulaEscapingDefault
{
    /// <summary>
    /// On for a .csv file (what a spreadsheet opens by double-click) with string columns whose data went through
    /// Protect-Dataset (its lineage says so) or in which Find-SensitiveData's scanner finds something: data that
    /// is likely to be handed to other people. Off otherwise, so plain exports round-trip unchanged.
    /// </summary>
    public static bool IsOn(Dataset dataset, string path)
    {
        if (!Path.GetExtension(path).Equals(".csv", StringComparison.OrdinalIgnoreCase)) return false;
        if (!dataset.Columns.Any(c => c.Type == ColumnType.String)) return false;
        if (dataset.Lineage.Any(l => l.Operation == ProtectionLineage.ProtectOperation)) return true;
        return SensitiveDataScanner.Scan(dataset).Count > 0;
    }

    /// <summary>
    /// Columns Protect-Dataset encrypted or tokenized: their cells are ciphertext or tokens (Base64 may start with +)
    /// that Unprotect-Dataset must read back exactly, and no person typed them, so they are never escaped.
    /// </summary>
    public static IReadOnlyCollection<string> ProtectedColumns(Dataset dataset) =>
        ProtectionLineage.ReversibleColumns(dataset).Select(c => c.Column).ToArray();
}

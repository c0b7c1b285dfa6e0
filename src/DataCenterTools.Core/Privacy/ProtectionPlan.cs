using DataCenterTools.Core.Data;

namespace DataCenterTools.Core.Privacy;

/// <summary>
/// The -Auto plan: one operator per column Find-SensitiveData flags, chosen by kind.
/// E-mail → Hash (joins on the person still work); phone → Mask (last 4 digits stay readable);
/// card → Tokenize when the cells are all digits (a card stays 16 digits), else Hash;
/// IBAN, US SSN, Chinese resident ID, MAC → Hash (their separators and letters do not fit an FF1 alphabet
/// reliably); IPv4/IPv6 → Generalize (to /24, /48); date of birth → Generalize to the year (Redact when
/// it is text); URL → Redact; any kind found inside free text → Redact the whole cell.
/// </summary>
public static class ProtectionPlan
{
    public static IReadOnlyList<ProtectionStep> Auto(Dataset dataset, IEnumerable<SensitiveColumnFinding> findings)
    {
        var steps = new List<ProtectionStep>();
        foreach (var finding in findings)
        {
            var column = dataset[finding.Column];
            var kind = finding.Kind.ToString();
            steps.Add(finding.FreeText
                ? new ProtectionStep(finding.Column, ProtectionOperator.Redact, kind)
                : finding.Kind switch
                {
                    SensitiveDataKind.Email => new ProtectionStep(finding.Column, ProtectionOperator.Hash, kind),
                    SensitiveDataKind.Phone => new ProtectionStep(finding.Column, ProtectionOperator.Mask, kind),
                    SensitiveDataKind.CreditCard => new ProtectionStep(finding.Column,
                        AllDigits(column) ? ProtectionOperator.Tokenize : ProtectionOperator.Hash, kind),
                    SensitiveDataKind.IPv4 or SensitiveDataKind.IPv6 => new ProtectionStep(finding.Column, ProtectionOperator.Generalize, kind),
                    SensitiveDataKind.DateOfBirth when column.Type == ColumnType.DateTime =>
                        new ProtectionStep(finding.Column, ProtectionOperator.Generalize, kind, DatePrecision.Year),
                    SensitiveDataKind.DateOfBirth or SensitiveDataKind.Url => new ProtectionStep(finding.Column, ProtectionOperator.Redact, kind),
                    _ => new ProtectionStep(finding.Column, ProtectionOperator.Hash, kind),
                });
        }
        return steps;
    }

    // FF1 with the digit alphabet fits only when every cell is digits, long enough to tokenize.
    private static bool AllDigits(Column column)
    {
        if (column.Type == ColumnType.Int64) return ColumnCells.FindCells(column, t => t.Length < Ff1Tokenizer.MinimumLength(10), keep: 0).Count == 0;
        return column.Type == ColumnType.String &&
               ColumnCells.FindCells(column, t => t.Length < Ff1Tokenizer.MinimumLength(10) || t.AsSpan().IndexOfAnyExceptInRange('0', '9') >= 0, keep: 0).Count == 0;
    }
}

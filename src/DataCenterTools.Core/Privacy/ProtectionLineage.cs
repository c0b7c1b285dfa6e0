using System.Globalization;
using DataCenterTools.Core.Data;

namespace DataCenterTools.Core.Privacy;

/// <summary>
/// The lineage steps Protect-Dataset and Unprotect-Dataset add, and how Unprotect reads them back.
/// A step holds operator → columns, the key id (a fingerprint), the FF1 alphabet per column and the
/// tweak (public parameters, not secrets), and the original type of each reversibly protected column.
/// Never a key or passphrase.
/// </summary>
public static class ProtectionLineage
{
    public const string ProtectOperation = "Protect-Dataset";
    public const string UnprotectOperation = "Unprotect-Dataset";
    public const string KeyId = "KeyId";
    public const string KeyName = "KeyName";
    public const string KeySalt = "KeySalt";
    public const string Tweak = "Tweak";
    public const string Restored = "Restored";
    public const string Envelope = "Envelope";
    public const string Recipients = "Recipients";
    public const string AlphabetPrefix = "Alphabet:";
    public const string TypePrefix = "Type:";
    public const string PadToPrefix = "PadTo:";

    /// <summary>The Tokenize and Encrypt columns still protected: protected by a step and not restored by a later one.</summary>
    public static IReadOnlyList<ReversibleColumn> ReversibleColumns(Dataset dataset)
    {
        var open = new Dictionary<string, ReversibleColumn>(StringComparer.Ordinal);
        foreach (var step in dataset.Lineage)
        {
            var p = step.Parameters;
            if (step.Operation == UnprotectOperation)
            {
                foreach (var column in Columns(p, Restored)) open.Remove(column);
                continue;
            }
            if (step.Operation != ProtectOperation) continue;
            // Any later operator on a column (Drop, Hash...) makes an earlier protection irreversible.
            foreach (var op in Enum.GetValues<ProtectionOperator>())
                foreach (var column in Columns(p, op.ToString())) open.Remove(column);
            var tweak = p.TryGetValue(Tweak, out var hex) ? Convert.FromHexString(hex) : [];
            if (p.TryGetValue(Envelope, out var json))
            {
                foreach (var column in ColumnKeyEnvelope.FromJson(json).Columns) open[column.Column] = ColumnKeyEnvelope.ToReversible(column);
                continue;
            }
            foreach (var op in new[] { ProtectionOperator.Tokenize, ProtectionOperator.Encrypt })
                foreach (var column in Columns(p, op.ToString()))
                {
                    ColumnType? type = p.TryGetValue(TypePrefix + column, out var t) && Enum.TryParse<ColumnType>(t, out var parsed) ? parsed : null;
                    int? padTo = p.TryGetValue(PadToPrefix + column, out var pad) && int.TryParse(pad, CultureInfo.InvariantCulture, out var n) ? n : null;
                    open[column] = new ReversibleColumn(column, op, p.GetValueOrDefault(KeyId), p.GetValueOrDefault(KeyName),
                        op == ProtectionOperator.Tokenize ? p.GetValueOrDefault(AlphabetPrefix + column) : null,
                        op == ProtectionOperator.Tokenize ? tweak : [], type, p.GetValueOrDefault(KeySalt), padTo);
                }
        }
        return open.Values.ToArray();
    }

    /// <summary>
    /// The column key envelope of the still-protected columns in lineage: wrapped data keys for columns protected with
    /// recipients, and for the others the public parameters and the id of the key they were protected with (no key).
    /// Null when lineage holds no tokenized or encrypted column.
    /// </summary>
    public static ColumnKeyEnvelope? EnvelopeOf(Dataset dataset)
    {
        var open = ReversibleColumns(dataset);
        if (open.Count == 0) return null;
        var wrapped = dataset.Lineage
            .Where(s => s.Operation == ProtectOperation && s.Parameters.ContainsKey(Envelope))
            .SelectMany(s => ColumnKeyEnvelope.FromJson(s.Parameters[Envelope]).Columns)
            .GroupBy(c => c.Column).ToDictionary(g => g.Key, g => g.Last(), StringComparer.Ordinal);
        return new ColumnKeyEnvelope(open.Select(c => wrapped.GetValueOrDefault(c.Column) ?? ColumnKeyEnvelope.ForKey(c)).ToArray());
    }

    /// <summary>Whether the open columns of lineage came from <see cref="EnvelopeOf"/> with wrapped keys (recipients).</summary>
    public static bool HasWrappedKeys(ColumnKeyEnvelope envelope) => envelope.Columns.Any(c => c.Keys.Count > 0);

    public static string JoinColumns(IEnumerable<string> columns) => string.Join(",", columns);

    private static IEnumerable<string> Columns(IReadOnlyDictionary<string, string> parameters, string key) =>
        parameters.TryGetValue(key, out var list) && list.Length > 0 ? list.Split(',') : [];

    internal static string Text(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}

/// <summary>
/// A column that Unprotect-Dataset can restore, with what it needs to know to do so: the id of the key it was
/// protected with (null when nothing recorded it: a re-imported file), and for a passphrase key its name and salt.
/// </summary>
public sealed record ReversibleColumn(string Column, ProtectionOperator Operator, string? KeyId, string? KeyName, string? Alphabet, byte[] Tweak,
    ColumnType? OriginalType, string? KeySalt = null, int? PadTo = null);

using DataCenterTools.Core.Data;
using DataCenterTools.Core.Features;
using DataCenterTools.Core.Security;

namespace DataCenterTools.Core.Privacy;

/// <summary>
/// Reverses Tokenize and Encrypt. Every column is decrypted before anything is returned, so a wrong
/// key or an altered cell fails the whole call (DataCenterTools.DecryptionFailed) and yields nothing.
/// AES-GCM and AES-GCM-SIV detect a wrong key themselves; FF1 cannot, so a key whose id differs from
/// the one recorded in lineage or the envelope is refused up front (DataCenterTools.KeyMismatch). Without
/// such a record (a re-imported file and no envelope) a wrong FF1 key gives wrong symbols, not an error:
/// <see cref="UnprotectionPlan"/> asks for the envelope or -Force first.
/// </summary>
public static class DatasetUnprotector
{
    public static Dataset Unprotect(Dataset dataset, IReadOnlyList<ReversibleColumn> columns, DataProtectionKey key) =>
        Unprotect(dataset, columns.Select(c => (c, key)).ToArray());

    /// <summary>Restores each column with its own key (the column keys unwrapped from an envelope).</summary>
    public static Dataset Unprotect(Dataset dataset, IReadOnlyList<(ReversibleColumn Column, DataProtectionKey Key)> columnsWithKeys)
    {
        var columns = columnsWithKeys.Select(p => p.Column).ToArray();
        foreach (var (c, key) in columnsWithKeys)
        {
            FeatureColumns.Require(dataset, c.Column, $"-{(c.Operator == ProtectionOperator.Tokenize ? "Tokenize" : "Decrypt")}");
            if (c.KeyId != null && c.KeyId != key.KeyId)
                throw new DataException("KeyMismatch", DataErrorKind.InvalidArgument,
                    $"Column '{c.Column}' was protected with key {c.KeyId}{(c.KeyName is null ? "" : $" (passphrase key name '{c.KeyName}')")}; the key given is {key.KeyId}. Nothing was decrypted or output.",
                    "Give the key file (or passphrase and {option:KeyName}) the data was protected with.", column: c.Column);
        }
        var restored = new Dictionary<string, Column>(StringComparer.Ordinal);
        foreach (var (c, key) in columnsWithKeys)
        {
            var ff1Key = key.DeriveSubkey("ff1");
            var encryptor = new CellEncryptor(key);
            var column = dataset[c.Column];
            Column plain;
            if (c.Operator == ProtectionOperator.Tokenize)
            {
                if (column.Type != ColumnType.String)
                    throw ColumnCells.TypeMismatch(column, ProtectionOperator.Tokenize, "tokens are text, and a number loses the leading zeros a token may have",
                        $"Import the file with {{option:Schema}} @{{ {c.Column} = 'String' }} so the tokens stay text.");
                var tokenizer = new Ff1Tokenizer(ff1Key, c.Alphabet ?? Ff1Tokenizer.InferAlphabet(DatasetProtector.DistinctTexts(column)), c.Tweak);
                if (DatasetProtector.CheckCells(column, new DatasetProtector.ColumnTokenizer(tokenizer, null)) is { } problem) throw problem;
                plain = c.PadTo is null
                    ? ColumnCells.MapValues(column, tokenizer.Decrypt)
                    : ColumnCells.MapValues(column, token => DatasetProtector.ColumnTokenizer.Unpad(tokenizer.Decrypt(token)));
            }
            else
            {
                plain = ColumnCells.MapValues(column, cell => encryptor.Decrypt(cell, c.Column));
            }
            restored[c.Column] = c.OriginalType is { } type and not ColumnType.String ? Retype(plain, type) : plain;
        }
        var parameters = new Dictionary<string, string>
        {
            [ProtectionLineage.Restored] = ProtectionLineage.JoinColumns(columns.Select(c => c.Column)),
            [ProtectionLineage.KeyId] = string.Join(",", columnsWithKeys.Select(p => p.Key.KeyId).Distinct()),
        };
        return dataset.WithColumns(dataset.Columns.Select(c => restored.GetValueOrDefault(c.Name, c)),
            new LineageEntry(ProtectionLineage.UnprotectOperation, parameters));
    }

    // Back to the type the column had before it was protected (recorded in lineage).
    private static Column Retype(Column text, ColumnType type)
    {
        var strings = (StringColumn)text;
        var values = Enumerable.Range(0, strings.Length).Select(r => strings[r]).ToArray();
        return TextColumnBuilder.Build(text.Name, new StringListCells(values), new NullValueSet([]), type).Column!;
    }
}

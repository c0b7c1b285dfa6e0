using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using DataCenterTools.Core.Data;
using DataCenterTools.Core.Security;

namespace DataCenterTools.Core.Privacy;

/// <summary>A column's data key, wrapped for one holder: a recipient's public key, or a data protection key (Algorithm "Symmetric").</summary>
public sealed record WrappedColumnKey(string KeyId, string Algorithm, string Wrapped);

/// <summary>
/// One protected column in an envelope: how it was protected, its data key's id, and that key wrapped for each holder.
/// A column protected directly with a key file or passphrase key (no recipients) has no wrapped keys: its
/// <paramref name="ColumnKeyId"/> is that key's id, and for a passphrase key <paramref name="KeyName"/> and
/// <paramref name="KeySalt"/> say how to derive it again (both public; neither tells anything about the passphrase).
/// </summary>
public sealed record EnvelopeColumn(string Column, ProtectionOperator Operator, string? Alphabet, string Tweak, ColumnType? OriginalType,
    string ColumnKeyId, IReadOnlyList<WrappedColumnKey> Keys, string? KeyName = null, string? KeySalt = null, int? PadTo = null);

/// <summary>
/// Column access by key, and the record of which key protected which column. With recipients, every tokenized or
/// encrypted column gets its own random data key, wrapped for each recipient's public key (and for the key file,
/// when one is given); without, the entry names the id of the key the column was protected with, so that
/// Unprotect-Dataset can refuse a wrong key (FF1 cannot tell one) for data re-imported from a file.
/// The envelope is JSON holding only wrapped keys and public parameters (operator, alphabet, tweak,
/// type, key ids), never a key in the clear: it travels in the Dataset's lineage and, for data written
/// to files, as a sidecar file (-EnvelopePath) next to the data, since a CSV cannot carry it.
/// </summary>
public sealed class ColumnKeyEnvelope
{
    public const string SymmetricAlgorithm = "Symmetric";
    private const int Version = 1;
    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() },
    };

    public ColumnKeyEnvelope(IReadOnlyList<EnvelopeColumn> columns) => Columns = columns;

    public IReadOnlyList<EnvelopeColumn> Columns { get; }

    /// <summary>What Unprotect-Dataset needs to restore <paramref name="column"/> once its data key is unwrapped.</summary>
    public static ReversibleColumn ToReversible(EnvelopeColumn column) =>
        new(column.Column, column.Operator, column.ColumnKeyId.Length == 0 ? null : column.ColumnKeyId, column.KeyName, column.Alphabet, Convert.FromHexString(column.Tweak), column.OriginalType,
            column.KeySalt, column.PadTo);

    /// <summary>The envelope entry of a column protected directly with a key: its parameters and key id, no wrapped key.</summary>
    public static EnvelopeColumn ForKey(ReversibleColumn column) =>
        new(column.Column, column.Operator, column.Alphabet, Convert.ToHexString(column.Tweak), column.OriginalType,
            column.KeyId ?? "", [], column.KeyName, column.KeySalt, column.PadTo);

    /// <summary>Wraps <paramref name="columnKey"/> for every recipient and for <paramref name="keyFileKey"/> when given.</summary>
    public static IReadOnlyList<WrappedColumnKey> Wrap(string column, DataProtectionKey columnKey, IEnumerable<RecipientPublicKey> recipients, DataProtectionKey? keyFileKey)
    {
        var wrapped = recipients.Select(r => new WrappedColumnKey(r.KeyId, r.Algorithm, Convert.ToBase64String(r.WrapKey(columnKey.Material)))).ToList();
        if (keyFileKey != null)
            wrapped.Add(new WrappedColumnKey(keyFileKey.KeyId, SymmetricAlgorithm,
                Convert.ToBase64String(AesGcmSealer.Seal(keyFileKey.DeriveSubkey("column-key-wrap"), columnKey.Material, Encoding.UTF8.GetBytes(column)))));
        return wrapped;
    }

    /// <summary>The column's data key, if this holder can unwrap it; null when it was not wrapped for them.</summary>
    public static DataProtectionKey? Unwrap(EnvelopeColumn column, RecipientPrivateKey? recipient, DataProtectionKey? keyFileKey)
    {
        foreach (var wrapped in column.Keys)
        {
            byte[]? material = null;
            if (recipient != null && wrapped.KeyId == recipient.KeyId && wrapped.Algorithm == recipient.Algorithm)
                material = recipient.UnwrapKey(Convert.FromBase64String(wrapped.Wrapped));
            else if (keyFileKey != null && wrapped.KeyId == keyFileKey.KeyId && wrapped.Algorithm == SymmetricAlgorithm)
                material = AesGcmSealer.Open(keyFileKey.DeriveSubkey("column-key-wrap"), Convert.FromBase64String(wrapped.Wrapped), Encoding.UTF8.GetBytes(column.Column));
            if (material == null) continue;
            var key = DataProtectionKey.FromBytes(material);
            CryptographicOperations.ZeroMemory(material);
            return key;
        }
        return null;
    }

    public string ToJson() => JsonSerializer.Serialize(new Document(Version, Columns.ToList()), Json);

    public static ColumnKeyEnvelope FromJson(string json, string? file = null)
    {
        try
        {
            var document = JsonSerializer.Deserialize<Document>(json, Json);
            if (document is { Version: Version, Columns: { } columns }) return new ColumnKeyEnvelope(columns);
        }
        catch (JsonException) { }
        throw new DataException("EnvelopeInvalid", DataErrorKind.InvalidData,
            $"{(file is null ? "The key envelope" : $"'{file}'")} is not a DataCenterTools column key envelope.",
            "Give the file Protect-Dataset -EnvelopePath wrote for this data.", file);
    }

    /// <summary>The wrap of a column key for a passphrase key names it by key name and salt, so the passphrase holder can derive it again.</summary>
    internal static EnvelopeColumn WithPassphrase(EnvelopeColumn column, DataProtectionKey? key) =>
        key?.Passphrase is { } origin ? column with { KeyName = origin.KeyName, KeySalt = origin.Salt } : column;

    public void Save(string path, bool force) =>
        AtomicFile.WriteAllBytes(Path.GetFullPath(path), Encoding.UTF8.GetBytes(ToJson()), force);

    public static ColumnKeyEnvelope Load(string path)
    {
        var full = Path.GetFullPath(path);
        if (!File.Exists(full))
            throw new DataException("EnvelopeNotFound", DataErrorKind.ObjectNotFound, $"The key envelope '{full}' does not exist.",
                "Give the file Protect-Dataset -EnvelopePath wrote for this data.", full);
        return FromJson(File.ReadAllText(full, Encoding.UTF8), full);
    }

    private sealed record Document(int Version, List<EnvelopeColumn> Columns);
}

using System.Text.Json;
using DataCenterTools.Core.Data;

namespace DataCenterTools.Core.Management;

/// <summary>
/// A store's <c>config.json</c> (see docs/store-format.md): its format version, how it is keyed
/// (<c>none</c>, <c>keyfile</c> or <c>passphrase</c>), the Argon2id salt of a passphrase store and a key check
/// value. Read strictly: a damaged or hand-edited config, or a format newer than this module knows, is a
/// DataCenterTools error naming the file, never a .NET exception or a guess.
/// </summary>
internal sealed record StoreConfig(int Format, string KeyKind, string? Salt, string? KeyCheck)
{
    public const string FileName = "config.json";
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = false };

    public bool IsEncrypted => KeyKind != "none";
    public bool IsPassphrase => KeyKind == "passphrase";

    /// <summary>
    /// Reads and checks <paramref name="path"/>: <paramref name="corruptErrorId"/> when it is not a valid config,
    /// StoreFormatUnsupported when its format is not one of <paramref name="knownFormats"/>.
    /// </summary>
    public static StoreConfig Read(string path, string corruptErrorId, string what, IReadOnlyCollection<int> knownFormats, IReadOnlyCollection<string> keyKinds)
    {
        byte[] bytes;
        try { bytes = File.ReadAllBytes(path); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new DataException("StoreUnreadable", DataErrorKind.ReadError, $"The {what} config '{path}' cannot be read: {e.Message}",
                "Check the file's permissions.", path, inner: e);
        }
        StoreConfig? config;
        try { config = JsonSerializer.Deserialize<StoreConfig>(bytes, Json); }
        catch (JsonException e) { throw Damaged(path, corruptErrorId, what, $"it is not valid JSON ({e.Message})", e); }
        if (config is null) throw Damaged(path, corruptErrorId, what, "it holds no settings");
        if (!knownFormats.Contains(config.Format))
            throw new DataException("StoreFormatUnsupported", DataErrorKind.NotSupported,
                $"The {what} '{Path.GetDirectoryName(path)}' is in store format {config.Format}; this DataCenterTools reads format{(knownFormats.Count > 1 ? "s" : "")} {string.Join(" and ", knownFormats.Order())}.",
                config.Format > knownFormats.Max() ? "Use the DataCenterTools version that wrote it, or a newer one (Update-PSResource DataCenterTools)."
                    : "The config was altered: restore config.json from a copy of the store.", path);
        if (config.KeyKind is null || !keyKinds.Contains(config.KeyKind))
            throw Damaged(path, corruptErrorId, what, $"its KeyKind is '{config.KeyKind}', not one of {string.Join(", ", keyKinds)}");
        if (config.IsEncrypted && (config.KeyCheck is not { Length: 64 } || !IsHex(config.KeyCheck)))
            throw Damaged(path, corruptErrorId, what, "its KeyCheck is not 64 hexadecimal digits");
        if (config.IsPassphrase && !IsSalt(config.Salt))
            throw Damaged(path, corruptErrorId, what, "its Salt is not the base64 of a 16-byte or longer salt");
        return config;
    }

    public byte[]? SaltBytes => Salt is null ? null : Convert.FromBase64String(Salt);

    public void Write(string path) => AtomicFile.WriteAllBytes(path, JsonSerializer.SerializeToUtf8Bytes(this, Json), overwrite: false);

    private static bool IsHex(string text) => text.All(Uri.IsHexDigit);

    private static bool IsSalt(string? text)
    {
        if (text is null) return false;
        var buffer = new byte[text.Length];
        return Convert.TryFromBase64String(text, buffer, out var length) && length >= 16;
    }

    private static DataException Damaged(string path, string errorId, string what, string why, Exception? inner = null) =>
        new(errorId, DataErrorKind.InvalidData, $"The {what} config '{path}' is damaged: {why}.",
            $"Restore {FileName} from a copy of the store; without it the store cannot be opened.", path, inner: inner);
}

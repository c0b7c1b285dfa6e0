using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using DataCenterTools.Core.Data;

namespace DataCenterTools.Core.Security;

/// <summary>
/// The passphrase keys this host has used on datasets, by key name: each name's random Argon2id salt, chosen on
/// first use, and a check value that tells a mistyped passphrase from the right one. Kept in an owner-only JSON
/// Lines file in the DataCenterTools home (<c>passphrase-keys.jsonl</c>), never in output: nothing that travels
/// with the data (lineage, envelopes, the audit log, key ids) lets anyone test a passphrase guess. Copy the file to
/// another host (owner-only) to use the same passphrase keys there. The first line for a name wins.
/// </summary>
public static class PassphraseKeyRing
{
    public const string FileName = "passphrase-keys.jsonl";
    public const string DefaultKeyName = "default";
    private static readonly byte[] CheckMessage = Encoding.ASCII.GetBytes("DataCenterTools passphrase check v1");
    private static readonly object Gate = new();

    public static string DefaultPath => Path.Combine(DataCenterToolsHome.Path, FileName);

    private sealed record Entry(string Name, byte[] Salt, string Check, string Created);

    /// <summary>
    /// The key for protecting: a name used before is derived with its salt and its passphrase checked
    /// (DataCenterTools.KeyMismatch when it is another); a new name gets a random salt and is registered.
    /// </summary>
    public static DataProtectionKey ForProtect(string keyName, Func<byte[], DataProtectionKey> derive, string? ringPath = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(keyName);
        var path = ringPath ?? DefaultPath;
        lock (Gate)
        {
            using var file = Open(path, FileMode.OpenOrCreate);
            if (Find(file, path, keyName) is { } entry) return Checked(keyName, entry, derive);
            var salt = DataProtectionKey.NewSalt();
            var key = derive(salt);
            Append(file, new Entry(keyName, salt, CheckValue(key), DateTime.UtcNow.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture)));
            key.Passphrase = new PassphraseOrigin(keyName, Convert.ToBase64String(salt), Checked: true);
            return key;
        }
    }

    /// <summary>
    /// The key for restoring data protected with <paramref name="keyName"/> and, when the data records it, its
    /// <paramref name="recordedSalt"/>. Checked when this host registered that name with that salt; otherwise derived
    /// unchecked (<see cref="PassphraseOrigin.Checked"/> false). DataCenterTools.PassphraseKeyUnknown when neither
    /// the data nor this host knows the salt.
    /// </summary>
    public static DataProtectionKey ForUnprotect(string keyName, byte[]? recordedSalt, Func<byte[], DataProtectionKey> derive, string? ringPath = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(keyName);
        var path = ringPath ?? DefaultPath;
        Entry? entry = null;
        if (File.Exists(path))
            lock (Gate)
            {
                using var file = Open(path, FileMode.Open);
                entry = Find(file, path, keyName);
            }
        if (entry != null && (recordedSalt is null || entry.Salt.AsSpan().SequenceEqual(recordedSalt))) return Checked(keyName, entry, derive);
        if (recordedSalt is null)
            throw new DataException("PassphraseKeyUnknown", DataErrorKind.ObjectNotFound,
                $"The passphrase key name '{keyName}' was never used on this host, and the data does not say which salt its key was derived with.",
                $"Give {{option:EnvelopePath}} with the envelope Protect-Dataset -EnvelopePath wrote beside the data, or copy {FileName} from the host that protected it into the DataCenterTools home (owner-only), or check {{option:KeyName}}.");
        var key = derive(recordedSalt);
        key.Passphrase = new PassphraseOrigin(keyName, Convert.ToBase64String(recordedSalt), Checked: false);
        return key;
    }

    private static DataProtectionKey Checked(string keyName, Entry entry, Func<byte[], DataProtectionKey> derive)
    {
        var key = derive(entry.Salt);
        if (!CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(CheckValue(key)), Encoding.ASCII.GetBytes(entry.Check)))
        {
            key.Dispose();
            throw new DataException("KeyMismatch", DataErrorKind.InvalidArgument,
                $"The passphrase is not the one the key name '{keyName}' was first used with on this host ({entry.Created}). Nothing was output.",
                $"Give the passphrase used with {{option:KeyName}} {keyName} before; for a new passphrase, give a new {{option:KeyName}}.");
        }
        key.Passphrase = new PassphraseOrigin(keyName, Convert.ToBase64String(entry.Salt), Checked: true);
        return key;
    }

    // 128 bits of HMAC under a subkey of the derived key: it tells right from wrong only to whoever reads this file.
    private static string CheckValue(DataProtectionKey key) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(key.DeriveSubkey("passphrase-check"), CheckMessage).AsSpan(0, 16));

    private static FileStream Open(string path, FileMode mode)
    {
        var folder = Path.GetDirectoryName(path)!;
        if (mode == FileMode.OpenOrCreate && !Directory.Exists(folder))
        {
            if (OperatingSystem.IsWindows()) Directory.CreateDirectory(folder);
            else Directory.CreateDirectory(folder, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
        var options = new FileStreamOptions { Mode = mode, Access = mode == FileMode.Open ? FileAccess.Read : FileAccess.ReadWrite, Share = FileShare.Read, BufferSize = 0 };
        if (!OperatingSystem.IsWindows() && mode == FileMode.OpenOrCreate) options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        FileStream stream;
        try { stream = new FileStream(path, options); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new DataException("PassphraseKeyRingUnavailable", DataErrorKind.ReadError,
                $"The passphrase key file '{path}' cannot be opened: {e.Message}", "Check that you own the file and its folder.", path, inner: e);
        }
        if (mode == FileMode.OpenOrCreate && !OperatingSystem.IsWindows() && !OperatingSystem.IsMacOS()) stream.Lock(0, long.MaxValue);
        KeyFilePermissions.EnsureOwnerOnly(path);
        return stream;
    }

    private static Entry? Find(FileStream file, string path, string keyName)
    {
        file.Seek(0, SeekOrigin.Begin);
        var bytes = new byte[file.Length];
        file.ReadExactly(bytes);
        long lineNumber = 0;
        foreach (var line in Encoding.UTF8.GetString(bytes).Split('\n'))
        {
            lineNumber++;
            if (line.Length == 0) continue;
            try
            {
                using var doc = JsonDocument.Parse(line);
                var root = doc.RootElement;
                if (root.GetProperty("name").GetString() != keyName) continue;
                return new Entry(keyName, Convert.FromBase64String(root.GetProperty("salt").GetString()!),
                    root.GetProperty("check").GetString()!, root.GetProperty("created").GetString() ?? "");
            }
            catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or FormatException or NullReferenceException)
            {
                // A line cut off by a crash ends the file; it named a key whose protect did not complete.
                if (!line.TrimEnd().EndsWith('}')) continue;
                throw new DataException("PassphraseKeyRingDamaged", DataErrorKind.InvalidData,
                    $"Line {lineNumber} of the passphrase key file '{path}' is not a passphrase key entry.",
                    "Restore the file from a backup of the DataCenterTools home; the keys it names cannot be checked without it.", path, lineNumber, inner: e);
            }
        }
        return null;
    }

    private static void Append(FileStream file, Entry entry)
    {
        using var buffer = new MemoryStream();
        // A line cut off by an earlier crash must not swallow this one.
        if (file.Length > 0)
        {
            file.Seek(-1, SeekOrigin.End);
            if (file.ReadByte() != '\n') buffer.WriteByte((byte)'\n');
        }
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("name", entry.Name);
            json.WriteString("salt", Convert.ToBase64String(entry.Salt));
            json.WriteString("check", entry.Check);
            json.WriteString("created", entry.Created);
            json.WriteEndObject();
        }
        buffer.WriteByte((byte)'\n');
        var length = file.Length;
        try
        {
            file.Seek(0, SeekOrigin.End);
            file.Write(buffer.GetBuffer(), 0, (int)buffer.Length);
            file.Flush(flushToDisk: true);
        }
        catch (IOException e)
        {
            try { file.SetLength(length); } catch (IOException) { }
            throw new DataException("PassphraseKeyRingUnavailable", DataErrorKind.WriteError,
                $"The new passphrase key name '{entry.Name}' cannot be recorded in '{file.Name}': {e.Message}. Nothing was protected.",
                "Free disk space or fix the folder's permissions, then run the command again.", file.Name, inner: e);
        }
    }
}

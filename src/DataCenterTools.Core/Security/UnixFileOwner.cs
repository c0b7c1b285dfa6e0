using System.Runtime.InteropServices;
using System.Runtime.Versioning;

namespace DataCenterTools.Core.Security;

/// <summary>
/// Who owns a file on Unix, and who we are. .NET exposes a file's mode but not its owner, so this asks the
/// runtime's own native shim (libSystem.Native, part of every .NET install on Unix) for the stat record its
/// File APIs use: its first fields (Flags, Mode, Uid, Gid, 32 bits each) have not changed since .NET Core 1.0.
/// Written by hand because no served package fits: Mono.Unix and Tmds.LibC bring a native library of their own
/// for one field.
/// </summary>
[UnsupportedOSPlatform("windows")]
internal static partial class UnixFileOwner
{
    private const string SystemNative = "libSystem.Native";
    // The whole FileStatus is about 120 bytes today; a larger buffer leaves room for fields added later.
    private const int StatusBufferBytes = 256;

    public readonly record struct Status(uint Uid, int Mode);

    public static uint EffectiveUserId => GetEUid();

    /// <summary>The owner and mode of <paramref name="path"/>, following symbolic links (as opening it does).</summary>
    public static Status Stat(string path)
    {
        Span<byte> buffer = stackalloc byte[StatusBufferBytes];
        if (StatNative(path, ref MemoryMarshal.GetReference(buffer)) != 0)
            throw new IOException($"Cannot read the owner of '{path}': {Marshal.GetLastPInvokeErrorMessage()}");
        return new Status(MemoryMarshal.Read<uint>(buffer[8..]), MemoryMarshal.Read<int>(buffer[4..]));
    }

    [LibraryImport(SystemNative, EntryPoint = "SystemNative_Stat", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    private static partial int StatNative(string path, ref byte status);

    [LibraryImport(SystemNative, EntryPoint = "SystemNative_GetEUid")]
    private static partial uint GetEUid();
}

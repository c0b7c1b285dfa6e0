using System.Runtime.InteropServices;

namespace DataCenterTools.Core.Data;

/// <summary>
/// The few POSIX calls .NET does not expose: link(2) for a commit that never replaces a file, and the
/// process's credentials (effective uid and groups) for access checks. Unix only; callers check the OS.
/// </summary>
internal static partial class UnixNative
{
    public const int EEXIST = 17;

    [LibraryImport("libc", EntryPoint = "link", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int LinkNative(string oldPath, string newPath);

    [LibraryImport("libc", EntryPoint = "geteuid")]
    public static partial uint GetEffectiveUserId();

    [LibraryImport("libc", EntryPoint = "getegid")]
    public static partial uint GetEffectiveGroupId();

    [LibraryImport("libc", EntryPoint = "getgroups", SetLastError = true)]
    private static partial int GetGroupsNative(int size, [Out] uint[]? list);

    [StructLayout(LayoutKind.Sequential)]
    private struct GroupEntry
    {
        public IntPtr Name;
        public IntPtr Password;
        public uint Id;
        public IntPtr Members;
    }

    [LibraryImport("libc", EntryPoint = "getgrgid_r")]
    private static unsafe partial int GetGroupByIdNative(uint gid, out GroupEntry group, byte* buffer, nuint size, out IntPtr result);

    /// <summary>The name of group <paramref name="gid"/> through NSS (files, LDAP, sssd), or null when it has none.</summary>
    public static unsafe string? GroupName(uint gid)
    {
        for (var size = 1024; size <= 1 << 20; size *= 4)
        {
            var buffer = new byte[size];
            fixed (byte* b = buffer)
            {
                var error = GetGroupByIdNative(gid, out var group, b, (nuint)size, out var result);
                if (error == 34) continue; // ERANGE: a larger buffer
                return error != 0 || result == IntPtr.Zero ? null : Marshal.PtrToStringUTF8(group.Name);
            }
        }
        return null;
    }

    /// <summary>link(2): 0, or the errno it failed with (EEXIST when <paramref name="newPath"/> exists).</summary>
    public static int Link(string oldPath, string newPath) => LinkNative(oldPath, newPath) == 0 ? 0 : Marshal.GetLastPInvokeError();

    /// <summary>The process's supplementary group ids (getgroups(2)).</summary>
    public static uint[] SupplementaryGroups()
    {
        var count = GetGroupsNative(0, null);
        if (count <= 0) return [];
        var groups = new uint[count];
        count = GetGroupsNative(count, groups);
        return count < 0 ? [] : groups[..count];
    }
}

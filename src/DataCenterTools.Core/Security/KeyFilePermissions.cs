using System.Runtime.Versioning;
using System.Security.AccessControl;
using System.Security.Principal;
using DataCenterTools.Core.Data;

namespace DataCenterTools.Core.Security;

/// <summary>
/// The checks ssh makes before it trusts a key file: the file is owned by the current user and nobody else can
/// read or write it (0600-style on Unix, an owner-only ACL on Windows), and on Unix no folder above it can be
/// written by anyone else (group- or world-writable without the sticky bit, or owned by another user who is not
/// root), since whoever can write a folder can swap the key file in it for theirs.
/// </summary>
public static class KeyFilePermissions
{
    private const UnixFileMode OthersAccess =
        UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute |
        UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute;
    private const int OthersWrite = 0x10 | 0x02;   // S_IWGRP | S_IWOTH
    private const int Sticky = 0x200;              // S_ISVTX: only an entry's owner may rename or delete it

    /// <summary>
    /// Throws DataCenterTools.KeyFileNotOwned when another user owns the file, DataCenterTools.KeyFileInsecure when
    /// anyone but the owner (and, on Windows, SYSTEM/Administrators) can access it, DataCenterTools.KeyFolderInsecure
    /// when a folder above it can be written by others.
    /// </summary>
    public static void EnsureOwnerOnly(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            if (WindowsOwnerIfNotMe(path) is { } owner)
                throw new DataException("KeyFileNotOwned", DataErrorKind.PermissionDenied,
                    $"The key file '{path}' belongs to '{owner}', not to you: its owner could replace the key, so it is refused.",
                    $"Use a key file of your own, or take it over: takeown /f \"{path}\"", path);
            var stranger = FindWindowsStranger(path);
            if (stranger is not null) throw Insecure(path, $"'{stranger}' has access to it",
                $"Remove other accounts' access: icacls \"{path}\" /inheritance:r /grant:r \"%USERNAME%:F\"");
            return;
        }
        var me = UnixFileOwner.EffectiveUserId;
        var status = UnixFileOwner.Stat(path);
        if (status.Uid != me)
            throw new DataException("KeyFileNotOwned", DataErrorKind.PermissionDenied,
                $"The key file '{path}' belongs to {UserName(status.Uid)}, not to you ({UserName(me)}): its owner could replace the key, so it is refused.",
                $"Use a key file of your own, or take it over: sudo chown {UserName(me)} '{path}' && chmod 600 '{path}'", path);
        var mode = File.GetUnixFileMode(path);
        if ((mode & OthersAccess) != 0)
            throw Insecure(path, $"its permissions are {FormatMode((int)mode)}, so other users can access it",
                $"Make it owner-only: chmod 600 '{path}'");
        EnsureSafeFolders(path, me);
    }

    [UnsupportedOSPlatform("windows")]
    private static void EnsureSafeFolders(string path, uint me)
    {
        // The folders of the path as given and, when it is a symbolic link, of the file it points to.
        var target = new FileInfo(path).ResolveLinkTarget(returnFinalTarget: true)?.FullName;
        foreach (var file in target is null ? [path] : new[] { path, target })
            for (var folder = System.IO.Path.GetDirectoryName(file); !string.IsNullOrEmpty(folder); folder = System.IO.Path.GetDirectoryName(folder))
            {
                var status = UnixFileOwner.Stat(folder);
                if (status.Uid != 0 && status.Uid != me)
                    throw UnsafeFolder(path, folder, $"it belongs to {UserName(status.Uid)}, who could replace the key file in it",
                        $"Keep key files in a folder you or root own, e.g. ~/keys (mkdir -m 700 ~/keys)");
                if ((status.Mode & OthersWrite) != 0 && (status.Mode & Sticky) == 0)
                    throw UnsafeFolder(path, folder, $"its permissions are {FormatMode(status.Mode)}: group or other users can write it and so replace the key file",
                        $"Remove their write access (chmod go-w '{folder}'), or keep key files in a folder only you can write, e.g. ~/keys");
            }
    }

    private static DataException UnsafeFolder(string path, string folder, string why, string fix) =>
        new("KeyFolderInsecure", DataErrorKind.PermissionDenied,
            $"The key file '{path}' is in an unsafe folder: '{folder}' is not protected, {why}. A key someone else can swap protects nothing, so it is refused.",
            fix, path);

    // The user name for a uid from /etc/passwd, for messages; the number when it is not there (LDAP, containers).
    private static string UserName(uint uid)
    {
        try
        {
            foreach (var line in File.ReadLines("/etc/passwd"))
            {
                var fields = line.Split(':');
                if (fields.Length > 2 && fields[2] == uid.ToString(System.Globalization.CultureInfo.InvariantCulture)) return fields[0];
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { }
        return $"uid {uid}";
    }

    [SupportedOSPlatform("windows")]
    public static void RestrictToOwner(string path)
    {
        var security = new FileSecurity();
        security.SetAccessRuleProtection(isProtected: true, preserveInheritance: false);
        var owner = WindowsIdentity.GetCurrent().User!;
        security.SetOwner(owner);
        security.AddAccessRule(new FileSystemAccessRule(owner, FileSystemRights.FullControl, AccessControlType.Allow));
        new FileInfo(path).SetAccessControl(security);
    }

    [SupportedOSPlatform("windows")]
    private static string? WindowsOwnerIfNotMe(string path)
    {
        var owner = new FileInfo(path).GetAccessControl().GetOwner(typeof(SecurityIdentifier)) as SecurityIdentifier;
        var identity = WindowsIdentity.GetCurrent();
        // Files an elevated administrator creates belong to the Administrators group.
        if (owner is null || owner == identity.User || owner.IsWellKnown(WellKnownSidType.BuiltinAdministratorsSid) && identity.Groups?.Contains(owner) == true) return null;
        try { return owner.Translate(typeof(NTAccount)).Value; }
        catch (IdentityNotMappedException) { return owner.Value; }
    }

    [SupportedOSPlatform("windows")]
    private static string? FindWindowsStranger(string path)
    {
        var security = new FileInfo(path).GetAccessControl();
        var owner = security.GetOwner(typeof(SecurityIdentifier)) as SecurityIdentifier;
        var current = WindowsIdentity.GetCurrent().User;
        foreach (FileSystemAccessRule rule in security.GetAccessRules(true, true, typeof(SecurityIdentifier)))
        {
            if (rule.AccessControlType != AccessControlType.Allow) continue;
            if (rule.IdentityReference is not SecurityIdentifier sid) continue;
            if (sid == owner || sid == current) continue;
            if (sid.IsWellKnown(WellKnownSidType.LocalSystemSid) || sid.IsWellKnown(WellKnownSidType.BuiltinAdministratorsSid)) continue;
            try { return sid.Translate(typeof(NTAccount)).Value; }
            catch (IdentityNotMappedException) { return sid.Value; }
        }
        return null;
    }

    private static DataException Insecure(string path, string why, string fix) =>
        new("KeyFileInsecure", DataErrorKind.PermissionDenied,
            $"The key file '{path}' is not protected: {why}. A key others can read protects nothing, so it is refused.",
            fix, path);

    private static string FormatMode(int mode) => Convert.ToString(mode & 0xFFF, 8).PadLeft(4, '0');
}

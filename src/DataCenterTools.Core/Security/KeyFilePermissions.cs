using System.Runtime.Versioning;
using System.Security.AccessControl;
using System.Security.Principal;
using DataCenterTools.Core.Data;

namespace DataCenterTools.Core.Security;

/// <summary>Owner-only checks for secret files: 0600-style on Unix, an owner-only ACL on Windows.</summary>
public static class KeyFilePermissions
{
    private const UnixFileMode OthersAccess =
        UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute |
        UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute;

    /// <summary>Throws DataCenterTools.KeyFileInsecure when anyone but the owner (and, on Windows, SYSTEM/Administrators) can access the file.</summary>
    public static void EnsureOwnerOnly(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            var stranger = FindWindowsStranger(path);
            if (stranger is not null) throw Insecure(path, $"'{stranger}' has access to it",
                $"Remove other accounts' access: icacls \"{path}\" /inheritance:r /grant:r \"%USERNAME%:F\"");
            return;
        }
        var mode = File.GetUnixFileMode(path);
        if ((mode & OthersAccess) != 0)
            throw Insecure(path, $"its permissions are {FormatMode(mode)}, so other users can access it",
                $"Make it owner-only: chmod 600 '{path}'");
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

    private static string FormatMode(UnixFileMode mode)
    {
        var value = (int)mode & 0x1FF;
        return Convert.ToString(value, 8).PadLeft(4, '0');
    }
}

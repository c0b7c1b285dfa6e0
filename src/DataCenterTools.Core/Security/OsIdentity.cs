using System.Runtime.Versioning;
using DataCenterTools.Core.Data;

namespace DataCenterTools.Core.Security;

/// <summary>
/// Who the process runs as, by the operating system's account: the effective user and every group it holds
/// (on Unix the effective and supplementary groups from the kernel, named through NSS; on Windows the token's
/// groups). Access policies are checked against this, never against anything the caller says about itself.
/// </summary>
public sealed record OsIdentity(string User, IReadOnlyList<string> Groups)
{
    /// <summary>The identity of this process, read afresh (a runbook may change user between calls only by starting a new process).</summary>
    public static OsIdentity Current()
    {
        if (OperatingSystem.IsWindows()) return CurrentWindows();
        var gids = new HashSet<uint>(UnixNative.SupplementaryGroups()) { UnixNative.GetEffectiveGroupId() };
        var groups = gids.Select(g => UnixNative.GroupName(g) ?? g.ToString(System.Globalization.CultureInfo.InvariantCulture))
            .Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
        return new OsIdentity(Environment.UserName, groups);
    }

    [SupportedOSPlatform("windows")]
    private static OsIdentity CurrentWindows()
    {
        using var identity = System.Security.Principal.WindowsIdentity.GetCurrent();
        var groups = identity.Groups?.Select(g =>
        {
            try { return g.Translate(typeof(System.Security.Principal.NTAccount)).Value; }
            catch (System.Security.Principal.IdentityNotMappedException) { return g.Value; }
        }).Order(StringComparer.OrdinalIgnoreCase).ToArray() ?? [];
        return new OsIdentity(identity.Name, groups);
    }

    /// <summary>Whether the identity is <paramref name="principal"/> (user:NAME or group:NAME; names compare as the OS does).</summary>
    public bool Matches(AccessPrincipal principal)
    {
        var comparison = OperatingSystem.IsWindows() ? StringComparer.OrdinalIgnoreCase : StringComparer.Ordinal;
        return principal.Kind switch
        {
            AccessPrincipalKind.User => comparison.Equals(principal.Name, User) || (OperatingSystem.IsWindows() && comparison.Equals(principal.Name, User.Split('\\')[^1])),
            AccessPrincipalKind.Group => Groups.Any(g => comparison.Equals(g, principal.Name) || (OperatingSystem.IsWindows() && comparison.Equals(g.Split('\\')[^1], principal.Name))),
            _ => false,
        };
    }

    public override string ToString() => $"{User} (groups {string.Join(", ", Groups)})";
}

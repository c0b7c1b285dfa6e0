using System.Text.Json.Serialization;
using DataCenterTools.Core.Data;

namespace DataCenterTools.Core.Security;

public enum AccessPrincipalKind { User, Group, Role }

public enum DatasetAccess { Read, Write }

/// <summary>
/// One entry of a readers or writers list: an operating-system user (<c>alice</c> or <c>user:alice</c>), an
/// operating-system group (<c>group:analysts</c>) or a PostgreSQL role (<c>role:dct_readers</c>, enforced by the
/// server's row-level security on a PostgreSQL catalog).
/// </summary>
public readonly record struct AccessPrincipal(AccessPrincipalKind Kind, string Name)
{
    public static AccessPrincipal Parse(string text)
    {
        var trimmed = text?.Trim() ?? "";
        var colon = trimmed.IndexOf(':');
        var (kind, name) = colon < 0
            ? (AccessPrincipalKind.User, trimmed)
            : (trimmed[..colon].ToLowerInvariant() switch
            {
                "user" => AccessPrincipalKind.User,
                "group" => AccessPrincipalKind.Group,
                "role" => AccessPrincipalKind.Role,
                _ => throw Invalid(text ?? ""),
            }, trimmed[(colon + 1)..].Trim());
        if (name.Length == 0 || name.Length > 256 || name.Any(char.IsControl) || name.Contains(','))
            throw Invalid(text ?? "");
        return new AccessPrincipal(kind, name);
    }

    private static DataException Invalid(string text) =>
        new("AccessPrincipalInvalid", DataErrorKind.InvalidArgument,
            $"'{text}' is not a reader or writer: give a user name (alice or user:alice), a group (group:analysts) or a PostgreSQL role (role:dct_readers).",
            "Use one of those three forms.");

    public override string ToString() => $"{Kind.ToString().ToLowerInvariant()}:{Name}";
}

/// <summary>
/// Who may read and who may write a dataset (a catalog name or a version-store name). An empty list leaves that
/// access open to everyone who can open the store; writers may always read. Operating-system users and groups are
/// checked against the process's <see cref="OsIdentity"/>; PostgreSQL roles are checked by the server. When a list
/// names both, a caller must pass both checks: match one OS user or group, and connect as a member of one role.
/// </summary>
public sealed record DatasetAccessPolicy
{
    public static DatasetAccessPolicy Open { get; } = new();

    [JsonPropertyName("readers")] public IReadOnlyList<string> Readers { get; init; } = [];
    [JsonPropertyName("writers")] public IReadOnlyList<string> Writers { get; init; } = [];

    [JsonIgnore] public bool IsOpen => Readers.Count == 0 && Writers.Count == 0;

    /// <summary>A policy from user input: each entry parsed and written canonically (user:, group:, role:), duplicates dropped.</summary>
    public static DatasetAccessPolicy From(IEnumerable<string>? readers, IEnumerable<string>? writers) => new()
    {
        Readers = Canonical(readers),
        Writers = Canonical(writers),
    };

    private static string[] Canonical(IEnumerable<string>? entries) =>
        (entries ?? []).SelectMany(e => (e ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            .Select(e => AccessPrincipal.Parse(e).ToString()).Distinct(StringComparer.Ordinal).ToArray();

    /// <summary>
    /// Who may do <paramref name="access"/>: for writing, the writers (everyone when there are none); for reading,
    /// the readers and the writers (everyone when there are no readers).
    /// </summary>
    public IEnumerable<AccessPrincipal> PrincipalsFor(DatasetAccess access) =>
        (access == DatasetAccess.Write ? Writers : Readers.Count == 0 ? [] : Readers.Concat(Writers)).Select(AccessPrincipal.Parse);

    /// <summary>
    /// Whether <paramref name="identity"/> passes the operating-system part of the policy: a list that names no OS
    /// user or group (it is empty, or names only PostgreSQL roles) puts no condition on the OS account.
    /// </summary>
    public bool AllowsOs(OsIdentity identity, DatasetAccess access)
    {
        var list = access == DatasetAccess.Write ? Writers : Readers;
        if (!list.Select(AccessPrincipal.Parse).Any(p => p.Kind != AccessPrincipalKind.Role)) return true;
        return PrincipalsFor(access).Where(p => p.Kind != AccessPrincipalKind.Role).Any(identity.Matches);
    }

    /// <summary>Whether any entry is a PostgreSQL role (only a PostgreSQL catalog can enforce those).</summary>
    [JsonIgnore] public bool NamesRoles => Readers.Concat(Writers).Any(p => AccessPrincipal.Parse(p).Kind == AccessPrincipalKind.Role);

    /// <summary>Whether the list for <paramref name="access"/> names a PostgreSQL role (the server then checks the caller's role).</summary>
    public bool RestrictsRoles(DatasetAccess access) =>
        (access == DatasetAccess.Write ? Writers : Readers).Any(p => AccessPrincipal.Parse(p).Kind == AccessPrincipalKind.Role);

    public override string ToString() =>
        IsOpen ? "open" : $"readers: {(Readers.Count == 0 ? "anyone" : string.Join(", ", Readers))}; writers: {(Writers.Count == 0 ? "anyone" : string.Join(", ", Writers))}";
}

/// <summary>Enforces a <see cref="DatasetAccessPolicy"/>: a denial is an audit record, then a DataCenterTools.AccessDenied error.</summary>
public static class DatasetAccessGate
{
    public const string DeniedErrorId = "AccessDenied";

    /// <summary>
    /// Throws AccessDenied (and appends a denial record to <paramref name="audit"/>, the default audit log when null)
    /// unless <paramref name="identity"/> (the process's own when null) may <paramref name="access"/> <paramref name="target"/>.
    /// </summary>
    public static void Demand(DatasetAccessPolicy policy, DatasetAccess access, string operation, string target,
        OsIdentity? identity = null, DataAuditLog? audit = null)
    {
        identity ??= OsIdentity.Current();
        if (policy.AllowsOs(identity, access)) return;
        throw Denied(policy, access, operation, target, identity.User, audit);
    }

    /// <summary>Records a denial (by this gate or by the database's row-level security) and returns the error to throw.</summary>
    public static DataException Denied(DatasetAccessPolicy policy, DatasetAccess access, string operation, string target, string who, DataAuditLog? audit = null)
    {
        var allowed = string.Join(", ", policy.PrincipalsFor(access).Select(p => p.ToString()));
        string? auditProblem = null;
        try { (audit ?? new DataAuditLog()).Append(new DataAuditEntry($"{operation} denied", target, null, [], null)); }
        catch (DataException e) { auditProblem = e.MessageTemplate; }
        return new DataException(DeniedErrorId, DataErrorKind.PermissionDenied,
            $"{who} may not {(access == DatasetAccess.Read ? "read" : "write")} {target}: its access policy allows {(allowed.Length == 0 ? "nobody" : allowed)}." +
            (auditProblem == null ? " The denial was recorded in the audit log." : $" The denial could not be recorded: {auditProblem}"),
            $"Ask a writer of {target} to add you (Register-Dataset or Save-DatasetVersion with -Reader/-Writer), or run as an allowed user.");
    }
}

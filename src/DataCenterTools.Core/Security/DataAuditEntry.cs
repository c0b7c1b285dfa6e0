namespace DataCenterTools.Core.Security;

/// <summary>
/// What one audited operation did. Time, user, host and the chain MAC are added by the log.
/// <paramref name="Detail"/> is a short free-text note (why access was denied, what a repair discarded).
/// </summary>
public sealed record DataAuditEntry(
    string Operation, string? Target, string? DatasetSha256, IReadOnlyList<string> Columns, string? KeyId, string? Detail = null);

using System.Net.Sockets;
using System.Text;

namespace DataCenterTools.Core.Security;

/// <summary>
/// Copies each new audit head (log path, record count, last MAC) to the system log, so that someone who can
/// rewrite the log, its head and even read its key still cannot rewrite history without the journal (owned by
/// root, kept by syslog or journald) disagreeing. Sent as one datagram to the local syslog socket, as
/// <c>logger</c> does, without starting a process. <c>$env:DATACENTERTOOLS_AUDIT_SYSLOG</c> names another
/// socket, or <c>off</c>; by default <c>/dev/log</c> when it exists. Best effort: a missing or full syslog never
/// fails the audited operation (the log and its head are the record; the journal is the outside witness).
/// </summary>
public static class AuditJournal
{
    public const string EnvironmentVariable = "DATACENTERTOOLS_AUDIT_SYSLOG";
    public const string Tag = "DataCenterTools-audit";
    private const string DefaultSocket = "/dev/log";
    // authpriv (10) * 8 + info (6): the facility for security messages, readable by admins only.
    private const int Priority = 10 * 8 + 6;

    /// <summary>The socket the journal copy goes to, or null when it is off or there is none.</summary>
    public static string? SocketPath()
    {
        if (OperatingSystem.IsWindows()) return null;
        var configured = Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (string.IsNullOrWhiteSpace(configured)) return File.Exists(DefaultSocket) ? DefaultSocket : null;
        return configured.Trim().ToLowerInvariant() is "off" or "0" or "none" or "false" ? null : configured.Trim();
    }

    /// <summary>The message for one head: what an admin compares with Test-DataAuditLog's Records and LastMac.</summary>
    public static string Message(string logPath, long records, string mac) => $"log={logPath} records={records} mac={mac}";

    internal static void Send(string? socketPath, string message)
    {
        if (socketPath is null) return;
        try
        {
            using var socket = new Socket(AddressFamily.Unix, SocketType.Dgram, ProtocolType.Unspecified);
            var datagram = Encoding.UTF8.GetBytes($"<{Priority}>{Tag}[{Environment.ProcessId}]: {message}");
            socket.SendTo(datagram, new UnixDomainSocketEndPoint(socketPath));
        }
        catch (Exception e) when (e is SocketException or IOException or ArgumentException or PlatformNotSupportedException)
        {
            // The journal is an extra witness; the record itself is already in the log and its head.
        }
    }
}

using DataCenterTools.Core.Data;

namespace DataCenterTools.Core.Operations;

/// <summary>
/// What a fan-out over many hosts will do: the hosts (as hosts.txt lines give them: blanks and # comments dropped,
/// duplicates once, in their order), how many run at once, each host's own time limit, and the ssh options that keep
/// an unattended run from hanging (never a password prompt, a connect timeout within the host's limit).
/// </summary>
public sealed record FleetPlan(IReadOnlyList<string> Hosts, int ThrottleLimit, TimeSpan HostTimeout, IReadOnlyDictionary<string, string> SshOptions)
{
    public const int DefaultThrottleLimit = 32;
    public const int DefaultTimeoutSeconds = 300;
    private const int MaxConnectTimeoutSeconds = 30;

    public static FleetPlan Build(IEnumerable<string?> computerNames, int throttleLimit, int timeoutSeconds, IReadOnlyDictionary<string, string>? sshOptions = null)
    {
        if (throttleLimit < 1) throw new DataException("InvalidThrottleLimit", DataErrorKind.InvalidArgument, $"{{option:ThrottleLimit}} {throttleLimit} is below 1.", "Give at least 1.");
        if (timeoutSeconds < 1) throw new DataException("InvalidTimeout", DataErrorKind.InvalidArgument, $"{{option:TimeoutSeconds}} {timeoutSeconds} is below 1.", "Give at least 1 second.");
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var hosts = new List<string>();
        foreach (var line in computerNames)
        {
            var name = line?.Split('#', 2)[0].Trim();
            if (string.IsNullOrEmpty(name)) continue;
            if (name.Any(c => char.IsWhiteSpace(c) || char.IsControl(c)))
                throw new DataException("InvalidComputerName", DataErrorKind.InvalidArgument, $"'{name}' is not a host name: it holds a space or a control character.",
                    "Give one host name or address per line (user@host and host:port are not read; use {option:UserName} and {option:Port}).");
            if (seen.Add(name)) hosts.Add(name);
        }
        if (hosts.Count == 0)
            throw new DataException("FleetNoHosts", DataErrorKind.InvalidArgument, "No host name was given (only blank lines or # comments).",
                "Give {option:ComputerName} host1, host2 or {option:ComputerName} (Get-Content hosts.txt).");
        var options = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
        {
            // A scheduled run has nobody to type a password or accept a prompt: fail that host instead of waiting.
            ["BatchMode"] = "yes",
            ["ConnectTimeout"] = Math.Min(timeoutSeconds, MaxConnectTimeoutSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["LogLevel"] = "ERROR",
        };
        foreach (var (key, value) in sshOptions ?? new Dictionary<string, string>()) options[key] = value;
        return new FleetPlan(hosts, Math.Min(throttleLimit, hosts.Count), TimeSpan.FromSeconds(timeoutSeconds), options);
    }
}

/// <summary>How one host's run ended.</summary>
public enum FleetHostOutcome { Succeeded, Failed, Unreachable, TimedOut, Stopped }

/// <summary>One host's run: how it ended, how long it took, how many objects it returned, and the first error.</summary>
public sealed record FleetHostStatus(string ComputerName, FleetHostOutcome Outcome, TimeSpan Duration, int OutputCount, string? ErrorId = null, string? Error = null)
{
    public bool Succeeded => Outcome == FleetHostOutcome.Succeeded;

    /// <summary>
    /// The outcome of a run that raised errors: the connection never came up (a transport error, a broken session,
    /// ssh refusing or timing out) is Unreachable; anything the remote script raised is Failed.
    /// </summary>
    public static FleetHostOutcome Classify(string fullyQualifiedErrorId, string exceptionType)
    {
        if (exceptionType.Contains("PSRemotingTransportException", StringComparison.Ordinal) ||
            fullyQualifiedErrorId.Contains("PSSessionStateBroken", StringComparison.OrdinalIgnoreCase) ||
            fullyQualifiedErrorId.Contains("PSSessionOpenFailed", StringComparison.OrdinalIgnoreCase) ||
            fullyQualifiedErrorId.Contains("RemoteRunspaceOpenFailed", StringComparison.OrdinalIgnoreCase))
            return FleetHostOutcome.Unreachable;
        return FleetHostOutcome.Failed;
    }

    /// <summary>The DataCenterTools error id a host's outcome is reported under (Succeeded has none).</summary>
    public static string? ErrorIdOf(FleetHostOutcome outcome) => outcome switch
    {
        FleetHostOutcome.Unreachable => "FleetHostUnreachable",
        FleetHostOutcome.TimedOut => "FleetHostTimedOut",
        FleetHostOutcome.Stopped => "FleetHostStopped",
        FleetHostOutcome.Failed => "FleetHostFailed",
        _ => null,
    };
}

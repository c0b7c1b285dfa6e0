using System.Collections;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Management.Automation;
using System.Management.Automation.Runspaces;
using DataCenterTools.Core.Data;
using DataCenterTools.Core.Distribution;
using DataCenterTools.Core.Operations;
using DataCenterTools.Core.Text.Tokens;
using DataCenterTools.Infrastructure;

namespace DataCenterTools.Commands;

/// <summary>
/// Runs a script block on many hosts over SSH remoting, each host on its own time limit, and returns one status per
/// host next to everything the hosts returned and the merged summaries.
/// </summary>
/// <remarks>
/// Each host is one Invoke-Command -HostName in a runspace of a local pool, started when a -ThrottleLimit slot is free
/// and stopped on its own when it runs past -TimeoutSeconds. One Invoke-Command over all hosts would share one error
/// stream and one time limit, so a slow or broken host could hold up or hide the others' results (PowerShell #25087).
/// Invoke-Command itself (not SSHConnectionInfo) keeps every SSH option, -Subsystem and WinRM's behaviour as
/// PowerShell documents them; the module compiles against PowerShellStandard, which has no SSH connection types.
/// </remarks>
[Cmdlet(VerbsLifecycle.Invoke, "DataFleet")]
[OutputType(typeof(FleetRun))]
public sealed class InvokeDataFleetCommand : DataCmdlet
{
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true)]
    [Alias("HostName", "Cn")]
    [AllowEmptyString]
    public string[] ComputerName { get; set; } = [];

    [Parameter(Mandatory = true, Position = 1)]
    public ScriptBlock ScriptBlock { get; set; } = null!;

    [Parameter]
    [Alias("Args")]
    public object[]? ArgumentList { get; set; }

    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? UserName { get; set; }

    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? KeyFilePath { get; set; }

    [Parameter]
    [ValidateRange(1, 65535)]
    public int Port { get; set; }

    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? Subsystem { get; set; }

    [Parameter]
    [ValidateNotNull]
    public Hashtable? Options { get; set; }

    [Parameter]
    [ValidateRange(1, 1024)]
    public int ThrottleLimit { get; set; } = FleetPlan.DefaultThrottleLimit;

    [Parameter]
    [ValidateRange(1, 7 * 24 * 3600)]
    public int TimeoutSeconds { get; set; } = FleetPlan.DefaultTimeoutSeconds;

    private readonly List<string> _hosts = [];

    protected override void ProcessRecord() => _hosts.AddRange(ComputerName);

    protected override void EndProcessing()
    {
        FleetPlan plan = null!;
        try
        {
            plan = FleetPlan.Build(_hosts, ThrottleLimit, TimeoutSeconds,
                Options?.Cast<DictionaryEntry>().ToDictionary(e => e.Key.ToString()!, e => LanguagePrimitives.ConvertTo<string>(e.Value), StringComparer.OrdinalIgnoreCase));
        }
        catch (DataException e) { ThrowDataError(e); }
        var keyFile = KeyFilePath is null ? null : ResolveOutputPath(KeyFilePath);
        if (keyFile != null && !File.Exists(keyFile))
            ThrowDataError(new DataException("KeyFileNotFound", DataErrorKind.ObjectNotFound, $"The SSH key file '{keyFile}' does not exist.",
                "Give the private key that the hosts' authorized_keys accept.", keyFile));

        var clock = Stopwatch.StartNew();
        var runs = new HostRun[plan.Hosts.Count];
        var finished = new BlockingCollection<int>();
        using var pool = RunspaceFactory.CreateRunspacePool(1, plan.ThrottleLimit);
        pool.Open();
        using var slots = new SemaphoreSlim(plan.ThrottleLimit);
        var tasks = plan.Hosts.Select((host, i) => Task.Factory.StartNew(() =>
        {
            runs[i] = RunHost(host, plan, keyFile, pool, slots);
            finished.Add(i);
        }, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default)).ToArray();

        var progress = new ProgressRecord((int)ProgressActivity.InvokeDataFleet, "Invoke-DataFleet", $"{plan.Hosts.Count} hosts, {plan.ThrottleLimit} at a time");
        for (var done = 0; done < plan.Hosts.Count;)
        {
            if (StopToken.IsCancellationRequested)
            {
                foreach (var run in _running.Values) run.BeginStop(null, null);
                Task.WaitAll(tasks, TimeSpan.FromSeconds(5));
                throw new PipelineStoppedException();
            }
            if (!finished.TryTake(out var index, 200)) continue;
            done++;
            progress.PercentComplete = 100 * done / plan.Hosts.Count;
            progress.StatusDescription = $"{done} of {plan.Hosts.Count} hosts done; {plan.Hosts[index]}: {runs[index].Status.Outcome}";
            WriteProgress(progress);
        }
        Task.WaitAll(tasks);
        progress.RecordType = ProgressRecordType.Completed;
        WriteProgress(progress);

        var output = new List<object>();
        var summaries = new List<(string, ColumnSummary)>();
        var tokens = new List<(string, TokenCountSummary)>();
        foreach (var run in runs)
        {
            if (run.Status.ErrorId is { } errorId)
                WriteDataError(new DataException(errorId, run.Status.Outcome switch
                {
                    FleetHostOutcome.Unreachable => DataErrorKind.ConnectionError,
                    FleetHostOutcome.TimedOut => DataErrorKind.OperationTimeout,
                    _ => DataErrorKind.InvalidData,
                }, $"{run.Status.ComputerName}: {run.Status.Error}", RecommendationFor(run.Status.Outcome)), run.Status.ComputerName);
            foreach (var item in run.Output)
            {
                output.Add(item);
                if (IsOfType(item, typeof(ColumnSummary))) summaries.Add((run.Status.ComputerName, SummaryConverter.From(item)));
                else if (IsOfType(item, typeof(TokenCountSummary))) tokens.Add((run.Status.ComputerName, SummaryConverter.TokenCountsFrom(item)));
            }
        }
        FleetRun result = null!;
        if (!TryRun(() => result = FleetRun.Merge(runs.Select(r => r.Status).ToArray(), output, summaries, tokens, new DistributionOptions(), clock.Elapsed), null)) return;
        WriteVerbose($"Invoke-DataFleet: {result.Succeeded} of {result.Hosts.Count} hosts succeeded in {clock.Elapsed.TotalSeconds:0.0} s; {output.Count} objects, {result.Summaries.Count} merged column summaries.");
        WriteObject(result);
    }

    private sealed record HostRun(FleetHostStatus Status, IReadOnlyList<PSObject> Output);

    private readonly ConcurrentDictionary<string, PowerShell> _running = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>One host, on a worker thread: waits for a slot, runs, and ends on its own time limit.</summary>
    private HostRun RunHost(string host, FleetPlan plan, string? keyFile, RunspacePool pool, SemaphoreSlim slots)
    {
        try { slots.Wait(StopToken); }
        catch (OperationCanceledException) { return new HostRun(new FleetHostStatus(host, FleetHostOutcome.Stopped, TimeSpan.Zero, 0, "FleetHostStopped", "Stopped before it started."), []); }
        var clock = Stopwatch.StartNew();
        try
        {
            using var ps = PowerShell.Create();
            ps.RunspacePool = pool;
            ps.AddCommand("Invoke-Command").AddParameter("HostName", host).AddParameter("ScriptBlock", ScriptBlock)
                .AddParameter("Options", new Hashtable(plan.SshOptions.ToDictionary(o => o.Key, o => (object)o.Value), StringComparer.OrdinalIgnoreCase));
            if (ArgumentList != null) ps.AddParameter("ArgumentList", ArgumentList);
            if (UserName != null) ps.AddParameter("UserName", UserName);
            if (keyFile != null) ps.AddParameter("KeyFilePath", keyFile);
            if (Port > 0) ps.AddParameter("Port", Port);
            if (Subsystem != null) ps.AddParameter("Subsystem", Subsystem);
            var output = new PSDataCollection<PSObject>();
            _running[host] = ps;
            var pending = ps.BeginInvoke<PSObject, PSObject>(null, output);
            var inTime = pending.AsyncWaitHandle.WaitOne(plan.HostTimeout);
            string? failure = null;
            if (!inTime) ps.Stop();
            else
            {
                try { ps.EndInvoke(pending); }
                catch (PipelineStoppedException) { }
                catch (RuntimeException e) { failure = e.Message; }
            }
            _running.TryRemove(host, out _);
            var items = output.ToArray();
            var elapsed = clock.Elapsed;
            if (!inTime)
                return Ended(host, FleetHostOutcome.TimedOut, elapsed, items, $"Stopped after the {plan.HostTimeout.TotalSeconds:0} s time limit (-TimeoutSeconds).");
            if (StopToken.IsCancellationRequested) return Ended(host, FleetHostOutcome.Stopped, elapsed, items, "Stopped (Ctrl+C).");
            if (ps.Streams.Error.Count > 0)
            {
                var first = ps.Streams.Error[0];
                var outcome = FleetHostStatus.Classify(first.FullyQualifiedErrorId ?? "", first.Exception?.GetType().Name ?? "");
                return Ended(host, outcome, elapsed, items, first.Exception?.Message ?? first.ToString());
            }
            return failure == null ? new HostRun(new FleetHostStatus(host, FleetHostOutcome.Succeeded, elapsed, items.Length), items)
                : Ended(host, FleetHostOutcome.Failed, elapsed, items, failure);
        }
        finally { slots.Release(); }
    }

    private static HostRun Ended(string host, FleetHostOutcome outcome, TimeSpan elapsed, PSObject[] items, string error) =>
        new(new FleetHostStatus(host, outcome, elapsed, items.Length, FleetHostStatus.ErrorIdOf(outcome), error), items);

    private static string RecommendationFor(FleetHostOutcome outcome) => outcome switch
    {
        FleetHostOutcome.Unreachable => "Check the host name, that sshd runs there with a powershell subsystem, and -UserName, -KeyFilePath and -Port.",
        FleetHostOutcome.TimedOut => "Raise -TimeoutSeconds, or look at what the host was doing (the other hosts' results are kept).",
        _ => "Run the script block on that host alone (Invoke-Command -HostName) to see the whole error.",
    };

    private static bool IsOfType(PSObject item, Type type) =>
        item.BaseObject.GetType() == type || item.TypeNames.Contains("Deserialized." + type.FullName);
}

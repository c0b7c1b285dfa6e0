using DataCenterTools.Core.Distribution;
using DataCenterTools.Core.Text.Tokens;

namespace DataCenterTools.Core.Operations;

/// <summary>
/// A fan-out's result: one status per host (in the order the hosts were given), every object the hosts returned,
/// and what merges across hosts merged: column summaries (Get-DataDistribution -AsSummary) into one summary and one
/// distribution per column, token counts (Measure-TextToken) into one total. A host that failed or timed out adds
/// its status and none of its partial output to the merge, so a merged figure never silently covers part of a host.
/// </summary>
public sealed record FleetRun(
    IReadOnlyList<FleetHostStatus> Hosts,
    IReadOnlyList<object> Output,
    IReadOnlyList<ColumnSummary> Summaries,
    IReadOnlyList<ColumnDistribution> Distributions,
    TokenCountSummary? Tokens,
    TimeSpan Duration)
{
    public int Succeeded => Hosts.Count(h => h.Succeeded);
    public int Failed => Hosts.Count - Succeeded;
    public bool AllSucceeded => Failed == 0;

    /// <summary>
    /// Merges the mergeable outputs of the hosts that succeeded. <paramref name="summaries"/> and
    /// <paramref name="tokens"/> are per host, already recognised in what each host returned.
    /// </summary>
    public static FleetRun Merge(IReadOnlyList<FleetHostStatus> hosts, IReadOnlyList<object> output,
        IReadOnlyList<(string Host, ColumnSummary Summary)> summaries, IReadOnlyList<(string Host, TokenCountSummary Tokens)> tokens,
        DistributionOptions options, TimeSpan duration)
    {
        var succeeded = new HashSet<string>(hosts.Where(h => h.Succeeded).Select(h => h.ComputerName), StringComparer.OrdinalIgnoreCase);
        var merged = ColumnSummary.MergeAll(summaries.Where(s => succeeded.Contains(s.Host)).Select(s => s.Summary));
        var counted = tokens.Where(t => succeeded.Contains(t.Host)).Select(t => t.Tokens).ToList();
        return new FleetRun(hosts, output, merged, merged.Select(s => s.ToDistribution(options)).ToArray(),
            counted.Count == 0 ? null : TokenCountSummary.Merge(counted), duration);
    }
}

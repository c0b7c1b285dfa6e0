using DataCenterTools.Core.Data;
using DataCenterTools.Core.Operations;
using DataCenterTools.Core.Text.Tokens;
using Xunit;

namespace DataCenterTools.Core.Tests;

public class FleetPlanTests
{
    [Fact]
    public void Hosts_file_lines_become_hosts_in_order_once_each()
    {
        var plan = FleetPlan.Build(["web1", "  db1  ", "", "# rack 7", "gpu-3 # spare", "WEB1", null], 32, 300);
        Assert.Equal(["web1", "db1", "gpu-3"], plan.Hosts);
        Assert.Equal(3, plan.ThrottleLimit);
        Assert.Equal(TimeSpan.FromSeconds(300), plan.HostTimeout);
    }

    [Fact]
    public void Unattended_ssh_options_are_set_and_can_be_overridden()
    {
        var plan = FleetPlan.Build(["a"], 4, 10, new Dictionary<string, string> { ["loglevel"] = "DEBUG", ["StrictHostKeyChecking"] = "accept-new" });
        Assert.Equal("yes", plan.SshOptions["BatchMode"]);
        Assert.Equal("10", plan.SshOptions["ConnectTimeout"]);
        Assert.Equal("DEBUG", plan.SshOptions["LogLevel"]);
        Assert.Equal("accept-new", plan.SshOptions["StrictHostKeyChecking"]);
        Assert.Equal("30", FleetPlan.Build(["a"], 4, 300).SshOptions["ConnectTimeout"]);
    }

    [Theory]
    [InlineData(new[] { "", "# none" }, 1, 1, "DataCenterTools.FleetNoHosts")]
    [InlineData(new[] { "user@host x" }, 1, 1, "DataCenterTools.InvalidComputerName")]
    [InlineData(new[] { "a" }, 0, 1, "DataCenterTools.InvalidThrottleLimit")]
    [InlineData(new[] { "a" }, 1, 0, "DataCenterTools.InvalidTimeout")]
    public void Bad_plans_are_errors(string[] hosts, int throttle, int timeout, string errorId)
    {
        var e = Assert.Throws<DataException>(() => FleetPlan.Build(hosts, throttle, timeout));
        Assert.Equal(errorId, e.ErrorId);
    }

    [Theory]
    [InlineData("PSSessionStateBroken", "RemoteException", FleetHostOutcome.Unreachable)]
    [InlineData("System.Management.Automation.Remoting.PSRemotingDataStructureException", "PSRemotingTransportException", FleetHostOutcome.Unreachable)]
    [InlineData("disk /data is not mounted", "RemoteException", FleetHostOutcome.Failed)]
    public void Errors_are_classified(string errorId, string exceptionType, FleetHostOutcome expected) =>
        Assert.Equal(expected, FleetHostStatus.Classify(errorId, exceptionType));
}

public class TokenCountMergeTests
{
    [Fact]
    public void Counts_add_up_and_the_mean_is_recomputed()
    {
        var a = new TokenCountSummary("o200k_base", "pin", 3, 30, 5, 15, 10, TimeSpan.FromSeconds(2));
        var b = new TokenCountSummary("o200k_base", "pin", 1, 2, 2, 2, 2, TimeSpan.FromSeconds(5));
        var empty = new TokenCountSummary("o200k_base", "pin", 0, 0, 0, 0, 0, TimeSpan.FromSeconds(1));
        var m = TokenCountSummary.Merge([a, b, empty]);
        Assert.Equal(4, m.Documents);
        Assert.Equal(32, m.Tokens);
        Assert.Equal(2, m.MinTokens);   // the empty part's 0 is not a document's count
        Assert.Equal(15, m.MaxTokens);
        Assert.Equal(8.0, m.MeanTokens);
        Assert.Equal(TimeSpan.FromSeconds(5), m.Elapsed);
    }

    [Fact]
    public void Counts_by_different_tokenizers_do_not_merge()
    {
        var e = Assert.Throws<DataException>(() => TokenCountSummary.Merge([
            new TokenCountSummary("o200k_base", "p1", 1, 1, 1, 1, 1, TimeSpan.Zero),
            new TokenCountSummary("cl100k_base", "p2", 1, 1, 1, 1, 1, TimeSpan.Zero)]));
        Assert.Equal("DataCenterTools.TokenizerMismatch", e.ErrorId);
    }
}

using DataCenterTools.Core.Operations;

namespace DataCenterTools.Core.Tests;

/// <summary>The ordered parallel map behind -ThrottleLimit: input order whatever finishes first, one failure stays one item's, bounded degree, stops.</summary>
public class OrderedParallelTests
{
    [Fact]
    public void Results_come_in_input_order_whatever_finishes_first_and_equal_a_serial_run()
    {
        var items = Enumerable.Range(0, 40).ToArray();
        // Item 0 waits until items 1-3 (running beside it on the other 3 workers) have finished, so they finish first.
        using var othersDone = new CountdownEvent(3);
        var finished = new System.Collections.Concurrent.ConcurrentQueue<int>();
        int Work(int i, CancellationToken _)
        {
            if (i == 0) othersDone.Wait(TimeSpan.FromSeconds(10));
            finished.Enqueue(i);
            if (i is >= 1 and <= 3) othersDone.Signal();
            return i * i;
        }
        var parallel = OrderedParallel.Map(items, 4, Work, CancellationToken.None).Select(o => (o.Item, o.Index, o.Value)).ToArray();
        Assert.NotEqual(0, finished.First());
        Assert.Equal(items.Select(i => (i, i, i * i)), parallel);
        var serial = OrderedParallel.Map(items, 1, (i, _) => i * i, CancellationToken.None).Select(o => (o.Item, o.Index, o.Value)).ToArray();
        Assert.Equal(serial, parallel);
    }

    [Fact]
    public void A_failing_item_is_its_own_outcome_and_the_rest_go_on()
    {
        var outcomes = OrderedParallel.Map(["a", "bad", "c"], 3, (s, _) => s == "bad" ? throw new IOException("broken " + s) : s.ToUpperInvariant(), CancellationToken.None).ToArray();
        Assert.Equal(["A", null, "C"], outcomes.Select(o => o.Value));
        Assert.Equal([true, false, true], outcomes.Select(o => o.Succeeded));
        Assert.Equal("broken bad", Assert.IsType<IOException>(outcomes[1].Error).Message);
    }

    [Fact]
    public void Never_runs_more_than_the_degree_at_once()
    {
        var running = 0;
        var most = 0;
        var outcomes = OrderedParallel.Map(Enumerable.Range(0, 30).ToArray(), 3, (i, _) =>
        {
            var now = Interlocked.Increment(ref running);
            InterlockedMax(ref most, now);
            Thread.Sleep(2);
            Interlocked.Decrement(ref running);
            return i;
        }, CancellationToken.None).ToArray();
        Assert.Equal(30, outcomes.Length);
        Assert.InRange(most, 1, 3);
    }

    [Fact]
    public void Results_waiting_for_a_slow_first_item_never_exceed_the_degree()
    {
        // Item 0 blocks until the test has seen how far the others got: with 3 slots only items 1 and 2 may start.
        using var release = new ManualResetEventSlim();
        var started = 0;
        var consumed = 0;
        var mostAhead = 0;
        var outcomes = new List<int>();
        var map = OrderedParallel.Map(Enumerable.Range(0, 20).ToArray(), 3, (i, _) =>
        {
            var now = Interlocked.Increment(ref started);
            InterlockedMax(ref mostAhead, now - Volatile.Read(ref consumed));
            if (i == 0) release.Wait(TimeSpan.FromSeconds(10));
            return i;
        }, CancellationToken.None);
        using var e = map.GetEnumerator();
        var waiting = Task.Run(() => { Thread.Sleep(200); release.Set(); });
        while (e.MoveNext())
        {
            outcomes.Add(e.Current.Value);
            Interlocked.Increment(ref consumed);
        }
        waiting.Wait();
        Assert.Equal(Enumerable.Range(0, 20), outcomes);
        Assert.InRange(mostAhead, 1, 3);
    }

    [Fact]
    public void Degree_one_runs_on_the_calling_thread()
    {
        var caller = Environment.CurrentManagedThreadId;
        Assert.All(OrderedParallel.Map([1, 2, 3], 1, (i, _) => Environment.CurrentManagedThreadId, CancellationToken.None), o => Assert.Equal(caller, o.Value));
    }

    [Fact]
    public void Cancellation_stops_the_enumeration_and_waits_for_running_items()
    {
        using var cancel = new CancellationTokenSource();
        var finished = 0;
        var seen = new List<int>();
        Assert.ThrowsAny<OperationCanceledException>(() =>
        {
            foreach (var o in OrderedParallel.Map(Enumerable.Range(0, 100).ToArray(), 4, (i, token) =>
                     {
                         try { Task.Delay(5, token).Wait(token); return i; }
                         finally { Interlocked.Increment(ref finished); }
                     }, cancel.Token))
            {
                seen.Add(o.Value);
                if (seen.Count == 3) cancel.Cancel();
            }
        });
        Assert.Equal([0, 1, 2], seen);
        var after = Volatile.Read(ref finished);
        Thread.Sleep(50);
        // Nothing still runs once the enumeration has thrown, and far from all 100 items were started.
        Assert.Equal(after, Volatile.Read(ref finished));
        Assert.InRange(after, 3, 20);
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int current;
        while (value > (current = Volatile.Read(ref target)) && Interlocked.CompareExchange(ref target, value, current) != current) { }
    }
}

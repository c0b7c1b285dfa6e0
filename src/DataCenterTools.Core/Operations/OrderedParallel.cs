namespace DataCenterTools.Core.Operations;

/// <summary>The outcome of one item of an <see cref="OrderedParallel.Map"/>: its value, or the exception its work threw.</summary>
public readonly record struct ItemOutcome<TIn, TOut>(TIn Item, int Index, TOut? Value, Exception? Error)
{
    public bool Succeeded => Error == null;
}

/// <summary>
/// -ThrottleLimit for the cmdlets that take many files: runs one piece of work per item on up to <c>degree</c> threads
/// and hands the outcomes back in input order, on the enumerating thread (the pipeline thread, the only one that may
/// write objects, errors and progress). One item's failure is its outcome, never the others'. An item holds one of
/// <c>degree</c> slots from the moment its work starts until the consumer has taken its outcome, so at most
/// <c>degree</c> results are ever running or waiting to be written, however slow the first item is. With degree 1 the
/// work runs on the enumerating thread itself, exactly as a plain loop would (its progress callbacks may write to the
/// host). Cancellation stops the workers from starting more items; leaving the enumeration early (an error, Ctrl+C)
/// waits for the running items to finish unwinding, so no temp file outlives the command.
/// </summary>
public static class OrderedParallel
{
    public static IEnumerable<ItemOutcome<TIn, TOut>> Map<TIn, TOut>(IReadOnlyList<TIn> items, int degree, Func<TIn, CancellationToken, TOut> work, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(items);
        ArgumentNullException.ThrowIfNull(work);
        ArgumentOutOfRangeException.ThrowIfLessThan(degree, 1);
        return degree == 1 || items.Count <= 1 ? Inline(items, work, cancellation) : Parallel(items, Math.Min(degree, items.Count), work, cancellation);
    }

    private static IEnumerable<ItemOutcome<TIn, TOut>> Inline<TIn, TOut>(IReadOnlyList<TIn> items, Func<TIn, CancellationToken, TOut> work, CancellationToken cancellation)
    {
        for (var i = 0; i < items.Count; i++)
        {
            cancellation.ThrowIfCancellationRequested();
            yield return Run(items, i, work, cancellation);
        }
    }

    private static IEnumerable<ItemOutcome<TIn, TOut>> Parallel<TIn, TOut>(IReadOnlyList<TIn> items, int degree, Func<TIn, CancellationToken, TOut> work, CancellationToken cancellation)
    {
        var done = new ItemOutcome<TIn, TOut>[items.Count];
        var ready = new ManualResetEventSlim[items.Count];
        for (var i = 0; i < ready.Length; i++) ready[i] = new ManualResetEventSlim();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        using var slots = new SemaphoreSlim(degree);
        var next = -1;
        var workers = new Task[degree];
        for (var w = 0; w < degree; w++)
            workers[w] = Task.Factory.StartNew(() =>
            {
                while (true)
                {
                    // The slot is taken before the index, so a later item never holds a slot the consumer's next item needs.
                    try { slots.Wait(stop.Token); }
                    catch (OperationCanceledException) { return; }
                    var i = Interlocked.Increment(ref next);
                    if (i >= items.Count) return;
                    try { done[i] = Run(items, i, work, stop.Token); }
                    catch (OperationCanceledException e) { done[i] = new(items[i], i, default, e); } // the consumer rethrows the stop
                    ready[i].Set();
                }
            }, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        try
        {
            for (var i = 0; i < items.Count; i++)
            {
                ready[i].Wait(cancellation);
                cancellation.ThrowIfCancellationRequested();
                var outcome = done[i];
                done[i] = default; // written results are not kept: memory holds at most `degree` of them
                yield return outcome;
                slots.Release(); // only once the consumer is done with it, so that one counts among the `degree` too
            }
        }
        finally
        {
            stop.Cancel();
            Task.WaitAll(workers, CancellationToken.None); // workers catch everything their items throw, so this only waits
            foreach (var r in ready) r.Dispose();
        }
    }

    private static ItemOutcome<TIn, TOut> Run<TIn, TOut>(IReadOnlyList<TIn> items, int i, Func<TIn, CancellationToken, TOut> work, CancellationToken cancellation)
    {
        try { return new(items[i], i, work(items[i], cancellation), null); }
        catch (OperationCanceledException) when (cancellation.IsCancellationRequested) { throw; }
        catch (Exception e) { return new(items[i], i, default, e); }
    }
}

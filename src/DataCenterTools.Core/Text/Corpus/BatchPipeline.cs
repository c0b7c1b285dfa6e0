namespace DataCenterTools.Core.Text.Corpus;

/// <summary>
/// Groups streamed documents into batches of about <c>batchBytes</c> and hands each to <c>work</c> on the thread pool
/// while the caller reads the next. Reading is serial; with the work inline, the workers of a batch sat idle
/// (spinning) while each batch was read, a third of a batch's work time as measured on the Text benchmark. At most two
/// batches are held (the one in work and the one being read), and work runs on one batch at a time, in input order,
/// since a batch starts only once the one before it is done. Reading, and so progress and reader warnings, stays on
/// the caller's thread, which may be the pipeline thread.
/// </summary>
internal sealed class BatchPipeline(long batchBytes, Action<List<CorpusDocument>, long> work, CancellationToken cancellation) : IDisposable
{
    private List<CorpusDocument> _batch = [];
    private long _bytes;
    private Task? _inWork;

    /// <summary>Documents handed to work so far (the ordinal of the next batch's first document).</summary>
    public long Handed { get; private set; }
    /// <summary>Documents read but not yet handed to work.</summary>
    public int Waiting => _batch.Count;

    public void Add(CorpusDocument document)
    {
        _batch.Add(document);
        _bytes += document.Bytes;
        if (_bytes >= batchBytes) Hand();
    }

    /// <summary>Hands the last batch over and waits until all work is done, rethrowing what the work threw.</summary>
    public void Complete()
    {
        Hand();
        WaitForWork();
    }

    private void Hand()
    {
        cancellation.ThrowIfCancellationRequested();
        if (_batch.Count == 0) return;
        var docs = _batch;
        var first = Handed;
        _batch = new List<CorpusDocument>(docs.Count);
        _bytes = 0;
        Handed += docs.Count;
        WaitForWork();
        _inWork = Task.Run(() => work(docs, first), cancellation);
    }

    // Rethrows the work's own exception (not wrapped), so errors and Ctrl+C read as they did inline.
    private void WaitForWork()
    {
        var previous = _inWork;
        _inWork = null;
        previous?.GetAwaiter().GetResult();
    }

    /// <summary>An error or Ctrl+C while reading: the batch in work unwinds before the caller disposes its writers.</summary>
    public void Dispose()
    {
        if (_inWork != null) ((IAsyncResult)_inWork).AsyncWaitHandle.WaitOne();
        _inWork = null;
    }
}

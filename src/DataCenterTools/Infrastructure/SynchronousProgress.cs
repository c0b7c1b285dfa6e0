namespace DataCenterTools.Infrastructure;

/// <summary>
/// An IProgress that calls back on the reporting thread. Progress&lt;T&gt; posts to the thread pool, where a cmdlet may
/// not call WriteProgress; a core routine that runs on the pipeline thread reports through this instead.
/// </summary>
internal sealed class SynchronousProgress<T>(Action<T> report) : IProgress<T>
{
    public void Report(T value) => report(value);
}

namespace DataCenterTools.Core.Data;

/// <summary>
/// Runs Parquet.Net's async calls to completion for our synchronous readers and writers. The work
/// runs on the thread pool so a host with a synchronization context (a GUI, some runspaces) cannot
/// deadlock on it.
/// </summary>
internal static class AsyncBridge
{
    public static void Run(Func<Task> work) => Task.Run(work).GetAwaiter().GetResult();

    public static T Run<T>(Func<Task<T>> work) => Task.Run(work).GetAwaiter().GetResult();
}

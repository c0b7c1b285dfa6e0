using DataCenterTools.Core.Data;

namespace DataCenterTools.Core.Management;

/// <summary>
/// An exclusive lock on a store held through an open file (the operating system releases it when
/// the process ends, even when it is killed), so a prune never deletes chunks that a concurrent save
/// or backup has written but not yet listed in its manifest.
/// </summary>
public sealed class StoreLock : IDisposable
{
    private readonly FileStream _file;

    private StoreLock(FileStream file) => _file = file;

    public static StoreLock Acquire(string folder, TimeSpan? wait = null)
    {
        IoFailure.Write(folder, () => Directory.CreateDirectory(folder));
        var path = Path.Combine(folder, "lock");
        var deadline = DateTime.UtcNow + (wait ?? TimeSpan.FromSeconds(60));
        while (true)
        {
            try { return new StoreLock(new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None)); }
            catch (Exception e) when (e is UnauthorizedAccessException || (e is IOException io && (IoFailure.IsDiskFull(io) || IoFailure.IsReadOnlyFileSystem(io))))
            {
                throw IoFailure.ForWrite(e, folder); // not busy: it can never be taken
            }
            catch (IOException) when (DateTime.UtcNow < deadline) { Thread.Sleep(200); }
            catch (IOException e)
            {
                throw new DataException("StoreBusy", DataErrorKind.WriteError,
                    $"'{folder}' is in use by another save, backup or prune.", "Wait for it to finish, then try again.", folder, inner: e);
            }
        }
    }

    public void Dispose() => _file.Dispose();
}

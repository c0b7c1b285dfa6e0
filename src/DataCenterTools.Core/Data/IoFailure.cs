namespace DataCenterTools.Core.Data;

/// <summary>
/// Turns the operating system's write failures into DataCenterTools errors that say what happened and what
/// to do: DiskFull, DestinationReadOnly, AccessDenied, else IOError. On Unix .NET keeps the errno in
/// IOException.HResult; on Windows it is the Win32 error as an HRESULT.
/// </summary>
public static class IoFailure
{
    private const int ENOSPC = 28, EDQUOT = 122, EROFS = 30;
    private const int ErrorHandleDiskFull = 0x27, ErrorDiskFull = 0x70, ErrorWriteProtect = 0x13;

    public static bool IsDiskFull(IOException e) =>
        OperatingSystem.IsWindows() ? (e.HResult & 0xFFFF) is ErrorDiskFull or ErrorHandleDiskFull : e.HResult is ENOSPC or EDQUOT;

    public static bool IsReadOnlyFileSystem(IOException e) =>
        OperatingSystem.IsWindows() ? (e.HResult & 0xFFFF) == ErrorWriteProtect : e.HResult == EROFS;

    /// <summary>The DataException for a failed write of <paramref name="path"/> (a DataException is returned as it is).</summary>
    public static DataException ForWrite(Exception e, string path) => e switch
    {
        DataException data => data,
        IOException io when IsDiskFull(io) => new DataException("DiskFull", DataErrorKind.WriteError,
            $"The disk is full (or the quota is used up) while writing '{path}'; nothing was written there and the partial file was removed.",
            "Free space on that file system (df -h shows it), or write to another one, then run the command again.", path, inner: e),
        IOException io when IsReadOnlyFileSystem(io) => new DataException("DestinationReadOnly", DataErrorKind.PermissionDenied,
            $"'{path}' is on a read-only file system, so it cannot be written.",
            "Write to a writable folder, or remount the file system read-write.", path, inner: e),
        UnauthorizedAccessException => new DataException("AccessDenied", DataErrorKind.PermissionDenied,
            $"Permission denied writing '{path}': {e.Message}",
            "Write to a folder you may write to, or ask its owner for write permission.", path, inner: e),
        _ => new DataException("IOError", DataErrorKind.WriteError, $"Writing '{path}' failed: {e.Message}",
            "Check the path and that the disk is available.", path, inner: e),
    };

    /// <summary>Runs a file-system write, turning IO and permission failures into DataExceptions naming <paramref name="path"/>.</summary>
    public static T Write<T>(string path, Func<T> work)
    {
        try { return work(); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { throw ForWrite(e, path); }
    }

    public static void Write(string path, Action work) => Write(path, () => { work(); return 0; });
}

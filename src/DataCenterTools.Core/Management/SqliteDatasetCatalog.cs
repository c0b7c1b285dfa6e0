using System.Data.Common;
using DataCenterTools.Core.Data;
using Microsoft.Data.Sqlite;

namespace DataCenterTools.Core.Management;

/// <summary>
/// The catalog in one SQLite file: WAL so readers never block the writer, a busy timeout so a second
/// process waits for the write lock instead of failing, and BEGIN IMMEDIATE so each write takes that
/// lock before it reads the version counter.
/// </summary>
public sealed class SqliteDatasetCatalog : DatasetCatalog
{
    private const int BusyTimeoutSeconds = 30;
    private readonly string _connectionString;
    private readonly bool _ownerOnly;
    private const UnixFileMode OthersAccess = UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute |
        UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute;

    /// <summary>
    /// The catalog in <paramref name="path"/>. A new file is created owner-only (0600; SQLite gives its -wal and
    /// -shm files the same mode). With <paramref name="ownerOnly"/> (the default catalog in the module's home) an
    /// existing file that others can read is made owner-only too; a shared catalog named by a connection string
    /// keeps the mode its admin gave it.
    /// </summary>
    public SqliteDatasetCatalog(string path, bool ownerOnly = false)
    {
        FilePath = Path.GetFullPath(path);
        _ownerOnly = ownerOnly;
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = FilePath,
            Mode = SqliteOpenMode.ReadWriteCreate,
            DefaultTimeout = BusyTimeoutSeconds,
            Pooling = true,
        }.ToString();
    }

    public string FilePath { get; }

    public override string Location => FilePath;

    protected override DbConnection Connect()
    {
        var connection = new SqliteConnection(_connectionString);
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(FilePath)!);
            if (!OperatingSystem.IsWindows()) Protect();
            connection.Open();
            using var pragmas = connection.CreateCommand();
            pragmas.CommandText = $"PRAGMA busy_timeout = {BusyTimeoutSeconds * 1000}; PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL;";
            pragmas.ExecuteNonQuery();
            return connection;
        }
        catch (Exception e) when (e is SqliteException or IOException or UnauthorizedAccessException)
        {
            connection.Dispose();
            throw new DataException("CatalogUnavailable", DataErrorKind.ReadError,
                $"Cannot open the catalog file '{FilePath}': {e.Message}",
                $"Check that the folder is writable, or point $env:DATACENTERTOOLS_HOME (or {ConnectionStringVariable}) elsewhere.", FilePath, inner: e);
        }
    }

    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    private void Protect()
    {
        if (!File.Exists(FilePath))
        {
            try { new FileStream(FilePath, new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite }).Dispose(); }
            catch (IOException) when (File.Exists(FilePath)) { } // another process created it first
            return;
        }
        if (!_ownerOnly) return;
        foreach (var file in new[] { FilePath, FilePath + "-wal", FilePath + "-shm" })
            if (File.Exists(file) && (File.GetUnixFileMode(file) & OthersAccess) != 0)
                File.SetUnixFileMode(file, File.GetUnixFileMode(file) & ~OthersAccess);
    }

    // Microsoft.Data.Sqlite begins non-deferred transactions with BEGIN IMMEDIATE: the write lock is taken up front.
    protected override DbTransaction BeginWrite(DbConnection connection) => ((SqliteConnection)connection).BeginTransaction(deferred: false);
}

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

    public SqliteDatasetCatalog(string path)
    {
        FilePath = Path.GetFullPath(path);
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

    // Microsoft.Data.Sqlite begins non-deferred transactions with BEGIN IMMEDIATE: the write lock is taken up front.
    protected override DbTransaction BeginWrite(DbConnection connection) => ((SqliteConnection)connection).BeginTransaction(deferred: false);
}

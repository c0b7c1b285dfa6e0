using System.Data.Common;
using System.Net.Sockets;
using DataCenterTools.Core.Data;
using Npgsql;

namespace DataCenterTools.Core.Management;

/// <summary>
/// The catalog on a PostgreSQL server, shared by every host that points at it. Version numbers come
/// from an atomic upsert, so concurrent registrations need no table lock; migrations take an advisory lock.
/// </summary>
public sealed class PostgresDatasetCatalog : DatasetCatalog
{
    /// <summary>Seconds to wait for a connection when the connection string does not say: short, so a dead server is an error, not a hang.</summary>
    public const int DefaultConnectTimeoutSeconds = 5;

    // An arbitrary constant naming the catalog's migration lock among the server's advisory locks.
    private const long MigrationLockKey = 0x44435443_41544C47;

    private readonly NpgsqlDataSource _dataSource;
    private readonly string _server;

    public PostgresDatasetCatalog(string connectionString)
    {
        NpgsqlConnectionStringBuilder builder;
        try { builder = new NpgsqlConnectionStringBuilder(connectionString); }
        catch (ArgumentException e)
        {
            throw new DataException("CatalogConnectionStringInvalid", DataErrorKind.InvalidArgument,
                $"The PostgreSQL connection string is not valid: {e.Message}", "Use for example 'Host=db.example;Port=5432;Database=dct;Username=dct'.");
        }
        if (!new DbConnectionStringBuilder { ConnectionString = connectionString }.ContainsKey("Timeout"))
            builder.Timeout = DefaultConnectTimeoutSeconds;
        _server = $"{builder.Host}:{builder.Port}";
        Location = $"{_server}/{builder.Database ?? builder.Username}";
        _dataSource = NpgsqlDataSource.Create(builder);
    }

    public override string Location { get; }

    protected override DbConnection Connect()
    {
        try
        {
            return _dataSource.OpenConnection();
        }
        catch (Exception e) when (e is NpgsqlException or SocketException or TimeoutException)
        {
            throw new DataException("CatalogUnavailable", DataErrorKind.ReadError,
                $"Cannot reach the PostgreSQL catalog at {_server}: {e.Message}",
                $"Check that the server runs and accepts connections, and the connection string (-ConnectionString or ${ConnectionStringVariable}).",
                inner: e);
        }
    }

    protected override DbTransaction BeginWrite(DbConnection connection) => connection.BeginTransaction();

    protected override void LockForMigration(DbConnection connection, DbTransaction transaction)
    {
        using var command = new NpgsqlCommand($"SELECT pg_advisory_xact_lock({MigrationLockKey})", (NpgsqlConnection)connection, (NpgsqlTransaction)transaction);
        command.ExecuteNonQuery();
    }
}

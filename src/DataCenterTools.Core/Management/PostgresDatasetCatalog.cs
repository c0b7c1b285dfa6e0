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
    private readonly string? _role;

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
        _role = builder.Username;
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
                $"Check that the server runs and accepts connections, and the connection string ({{option:ConnectionString}} or ${ConnectionStringVariable}).",
                inner: e);
        }
    }

    protected override DbTransaction BeginWrite(DbConnection connection) => connection.BeginTransaction();

    protected override bool EnforcesRoles => true;

    protected override string? DatabaseRole => _role;

    // 42501 insufficient_privilege: what a row-level security policy raises for a forbidden INSERT or UPDATE.
    protected override bool IsRowSecurityDenial(System.Data.Common.DbException e) => e is PostgresException { SqlState: "42501" };

    /// <summary>
    /// With schema step 3, row-level security: a name's row (its version counter and policy) is visible to every
    /// role, but only a writer role may update it; an entry or tag is visible only to a role its name's policy lets
    /// read, and only a writer role may add or delete one. Roles come from role:NAME entries; a list without any
    /// puts no condition on the role. The table owner and superusers bypass row-level security, as PostgreSQL
    /// always lets them: connect as other roles for day-to-day work.
    /// </summary>
    private protected override void AfterMigrationStep(DbConnection connection, DbTransaction transaction, int version)
    {
        if (version != 3) return;
        var schema = (string)Scalar(connection, transaction, "SELECT quote_ident(current_schema())")!;
        string[] statements =
        [
            $"CREATE FUNCTION {schema}.dct_roles(principals text) RETURNS SETOF text LANGUAGE sql IMMUTABLE AS " +
                "$$ SELECT substr(p, 6) FROM json_array_elements_text(COALESCE(principals, '[]')::json) AS t(p) WHERE p LIKE 'role:%' $$",
            $"CREATE FUNCTION {schema}.dct_member_of_any(principals text) RETURNS boolean LANGUAGE sql STABLE AS " +
                $"$$ SELECT EXISTS (SELECT 1 FROM {schema}.dct_roles(principals) AS n(name) JOIN pg_catalog.pg_roles r ON r.rolname = n.name " +
                "WHERE pg_catalog.pg_has_role(current_user, r.oid, 'MEMBER')) $$",
            $"CREATE FUNCTION {schema}.dct_may_read(readers text, writers text) RETURNS boolean LANGUAGE sql STABLE AS " +
                $"$$ SELECT NOT EXISTS (SELECT 1 FROM {schema}.dct_roles(readers)) OR {schema}.dct_member_of_any(readers) OR {schema}.dct_member_of_any(writers) $$",
            $"CREATE FUNCTION {schema}.dct_may_write(writers text) RETURNS boolean LANGUAGE sql STABLE AS " +
                $"$$ SELECT NOT EXISTS (SELECT 1 FROM {schema}.dct_roles(writers)) OR {schema}.dct_member_of_any(writers) $$",
            "ALTER TABLE dataset_name ENABLE ROW LEVEL SECURITY",
            "CREATE POLICY dct_name_select ON dataset_name FOR SELECT USING (true)",
            "CREATE POLICY dct_name_insert ON dataset_name FOR INSERT WITH CHECK (true)",
            $"CREATE POLICY dct_name_update ON dataset_name FOR UPDATE USING ({schema}.dct_may_write(writers_json)) WITH CHECK (true)",
            .. Guarded("dataset_catalog", schema), .. Guarded("dataset_tag", schema),
        ];
        foreach (var statement in statements) Execute(connection, transaction, statement);
    }

    private static string[] Guarded(string table, string schema)
    {
        string Name(string gate) => $"EXISTS (SELECT 1 FROM {schema}.dataset_name n WHERE n.name = {table}.name AND {gate})";
        var read = Name($"{schema}.dct_may_read(n.readers_json, n.writers_json)");
        var write = Name($"{schema}.dct_may_write(n.writers_json)");
        return
        [
            $"ALTER TABLE {table} ENABLE ROW LEVEL SECURITY",
            $"CREATE POLICY dct_select ON {table} FOR SELECT USING ({read})",
            $"CREATE POLICY dct_insert ON {table} FOR INSERT WITH CHECK ({write})",
            $"CREATE POLICY dct_delete ON {table} FOR DELETE USING ({write})",
        ];
    }

    protected override void LockForMigration(DbConnection connection, DbTransaction transaction)
    {
        using var command = new NpgsqlCommand($"SELECT pg_advisory_xact_lock({MigrationLockKey})", (NpgsqlConnection)connection, (NpgsqlTransaction)transaction);
        command.ExecuteNonQuery();
    }
}

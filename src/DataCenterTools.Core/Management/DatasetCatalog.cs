using System.Data.Common;
using System.Text;
using System.Text.Json;
using DataCenterTools.Core.Data;
using DataCenterTools.Core.Security;

namespace DataCenterTools.Core.Management;

/// <summary>
/// The dataset catalog: which datasets exist, in which versions, where their files are, what they hold.
/// The queries and migrations are shared; a store (SQLite, PostgreSQL) supplies connections, the write
/// lock and how its failures read.
/// </summary>
public abstract class DatasetCatalog
{
    /// <summary>The environment variable that selects the catalog when no -ConnectionString is given.</summary>
    public const string ConnectionStringVariable = "DATACENTERTOOLS_CATALOG";

    private static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.CamelCase };
    private bool _migrated;

    /// <summary>Where the catalog lives, for messages: a file path or host:port/database.</summary>
    public abstract string Location { get; }

    /// <summary>
    /// The catalog for a connection string: "Host=..." (Npgsql syntax) is PostgreSQL, "Data Source=..." is a
    /// SQLite file. Without one, $env:DATACENTERTOOLS_CATALOG, else catalog.db in the module's home folder.
    /// </summary>
    public static DatasetCatalog Open(string? connectionString = null)
    {
        connectionString ??= Environment.GetEnvironmentVariable(ConnectionStringVariable);
        if (string.IsNullOrWhiteSpace(connectionString)) return new SqliteDatasetCatalog(DefaultPath(), ownerOnly: true);
        var keys = new DbConnectionStringBuilder();
        try { keys.ConnectionString = connectionString; }
        catch (ArgumentException e) { throw InvalidConnectionString(e.Message); }
        if (keys.ContainsKey("Host") || keys.ContainsKey("Server")) return new PostgresDatasetCatalog(connectionString);
        if (keys.TryGetValue("Data Source", out var file) || keys.TryGetValue("DataSource", out file) || keys.TryGetValue("Filename", out file))
            return new SqliteDatasetCatalog(Path.GetFullPath(file.ToString()!));
        throw InvalidConnectionString("it names neither a PostgreSQL Host nor a SQLite Data Source");
    }

    /// <summary>
    /// The names (latest versions) the caller may read that start with <paramref name="prefix"/>, for argument
    /// completion: nothing is created, so with no catalog configured and no default catalog.db there are none.
    /// </summary>
    public static IReadOnlyList<string> NamesStartingWith(string prefix, string? connectionString = null)
    {
        connectionString ??= Environment.GetEnvironmentVariable(ConnectionStringVariable);
        if (string.IsNullOrWhiteSpace(connectionString) && !File.Exists(Path.Combine(DataCenterToolsHome.Path, "catalog.db"))) return [];
        var pattern = prefix.Replace("`", "``").Replace("*", "`*").Replace("?", "`?") + "*";
        return Open(connectionString).Find(new CatalogQuery { Name = [pattern] }).Select(e => e.Name).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
    }

    /// <summary>catalog.db in the module's home folder, which is created (owner-only) on first use.</summary>
    private static string DefaultPath()
    {
        try { return Path.Combine(DataCenterToolsHome.Ensure(), "catalog.db"); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new DataException("CatalogUnavailable", DataErrorKind.WriteError,
                $"Cannot create the DataCenterTools home folder '{DataCenterToolsHome.Path}' for the catalog: {e.Message}",
                $"Point ${DataCenterToolsHome.EnvironmentVariable} at a writable folder, or ${ConnectionStringVariable} at another catalog.", DataCenterToolsHome.Path, inner: e);
        }
    }

    private static DataException InvalidConnectionString(string why) =>
        new("CatalogConnectionStringInvalid", DataErrorKind.InvalidArgument,
            $"The catalog connection string is not usable: {why}.",
            "Use 'Host=db.example;Port=5432;Database=dct;Username=dct' for PostgreSQL or 'Data Source=/path/catalog.db' for SQLite.");

    /// <summary>Opens a connection, raising DataCenterTools.CatalogUnavailable (naming the server or file) when it cannot.</summary>
    protected abstract DbConnection Connect();

    /// <summary>Begins a write transaction that holds the store's write lock for as long as it lasts.</summary>
    protected abstract DbTransaction BeginWrite(DbConnection connection);

    /// <summary>Serializes schema migration between processes (inside the transaction from <see cref="BeginWrite"/>).</summary>
    protected virtual void LockForMigration(DbConnection connection, DbTransaction transaction) { }

    /// <summary>Records a dataset read from a file as the next version of its name and returns the entry.</summary>
    public CatalogEntry Register(CatalogRegistration registration)
    {
        var name = ValidateName(registration.Name);
        var source = registration.Dataset.Source ?? throw NotFromFile(registration.Dataset);
        if (registration.Dataset.Lineage.Skip(1).Any())
            throw new DataException("CatalogDatasetNotSaved", DataErrorKind.InvalidArgument,
                $"Dataset '{registration.Dataset.Name}' was changed after it was read ({string.Join(" | ", registration.Dataset.Lineage.Skip(1).Select(l => l.Operation))}), so '{source.Path}' does not hold it.",
                "Save it with Export-Dataset first and register that file (Register-Dataset -Path <file>).");
        if (!File.Exists(source.Path))
            throw new DataException("FileNotFound", DataErrorKind.ObjectNotFound, $"'{source.Path}', the file dataset '{registration.Dataset.Name}' was read from, no longer exists.",
                "Export the dataset again and register that file.", source.Path);
        var sha256 = FileInput.ComputeSha256(source.Path);
        if (!string.IsNullOrEmpty(source.Sha256) && !sha256.Equals(source.Sha256, StringComparison.OrdinalIgnoreCase))
            throw new DataException("CatalogSourceChanged", DataErrorKind.InvalidData,
                $"'{source.Path}' changed after dataset '{registration.Dataset.Name}' was read from it (SHA-256 was {source.Sha256}, is {sha256}).",
                "Import the file again (or register it with {option:Path}) so the catalog records what the file holds now.", source.Path);

        var dataset = registration.Dataset;
        var sensitivity = registration.Sensitivity ?? DatasetSensitivity.Of(dataset);
        var tags = (registration.Tags ?? []).Select(t => t.Trim()).Where(t => t.Length > 0).Distinct(StringComparer.OrdinalIgnoreCase).ToArray();
        var entry = new CatalogEntry(name, 0, Path.GetFullPath(source.Path), source.Format, registration.Rows ?? dataset.RowCount, dataset.ColumnCount,
            dataset.Schema.Select(c => new CatalogColumn(c.Name, c.Type.ToString())).ToArray(), new FileInfo(source.Path).Length, sha256,
            sensitivity.Level, sensitivity.Kinds, tags,
            NullIfBlank(registration.Owner), NullIfBlank(registration.Description), dataset.Lineage,
            $"{Environment.UserName}@{Environment.MachineName}", TruncateToMilliseconds(DateTime.UtcNow));

        if (registration.Access is { NamesRoles: true } && !EnforcesRoles)
            throw new DataException("AccessRolesNeedPostgres", DataErrorKind.NotSupported,
                $"The access policy names PostgreSQL roles, but the catalog at {Location} is a SQLite file, which cannot check them.",
                "Use user names and group:NAME entries with a SQLite catalog, or put the catalog on PostgreSQL.");
        return Write((connection, transaction) =>
        {
            var existing = NamePolicy(connection, transaction, name, exact: true);
            if (existing is not null) Demand(existing, DatasetAccess.Write, "Register-Dataset", name);
            var access = registration.Access ?? existing ?? DatasetAccessPolicy.Open;
            try
            {
                var version = Convert.ToInt32(Scalar(connection, transaction,
                    "INSERT INTO dataset_name (name, last_version, readers_json, writers_json) VALUES (@name, 1, @readers, @writers) " +
                    "ON CONFLICT (name) DO UPDATE SET last_version = dataset_name.last_version + 1, readers_json = @readers, writers_json = @writers RETURNING last_version",
                    ("@name", name), ("@readers", PolicyJson(access.Readers)), ("@writers", PolicyJson(access.Writers))), System.Globalization.CultureInfo.InvariantCulture);
                var stored = entry with { Version = version, Access = access };
                Execute(connection, transaction,
                    "INSERT INTO dataset_catalog (name, version, location, format, row_count, column_count, schema_json, size_bytes, sha256, " +
                    "sensitivity, sensitive_kinds, tags_json, owner, description, lineage_json, registered_by, registered_at) VALUES " +
                    "(@name, @version, @location, @format, @rows, @columns, @schema, @size, @sha256, @sensitivity, @kinds, @tags, @owner, @description, @lineage, @by, @at)",
                    ("@name", name), ("@version", version), ("@location", stored.Location), ("@format", stored.Format), ("@rows", stored.Rows),
                    ("@columns", stored.Columns), ("@schema", JsonSerializer.Serialize(stored.Schema, Json)), ("@size", stored.SizeBytes),
                    ("@sha256", stored.Sha256), ("@sensitivity", stored.Sensitivity), ("@kinds", JsonSerializer.Serialize(stored.SensitiveKinds, Json)),
                    ("@tags", JsonSerializer.Serialize(stored.Tags, Json)), ("@owner", stored.Owner), ("@description", stored.Description),
                    ("@lineage", JsonSerializer.Serialize(stored.Lineage, Json)), ("@by", stored.RegisteredBy), ("@at", stored.RegisteredAt.ToString("O")));
                foreach (var tag in tags)
                    Execute(connection, transaction, "INSERT INTO dataset_tag (name, version, tag) VALUES (@name, @version, @tag)",
                        ("@name", name), ("@version", version), ("@tag", tag));
                return stored;
            }
            catch (DbException e) when (IsRowSecurityDenial(e))
            {
                throw RoleDenied(existing ?? access, DatasetAccess.Write, "Register-Dataset", name);
            }
        });
    }

    /// <summary>
    /// The entries matching a query that the caller may read, ordered by name and version. Entries whose access
    /// policy the caller fails are left out (on PostgreSQL the server's row-level security leaves them out too).
    /// </summary>
    public IReadOnlyList<CatalogEntry> Find(CatalogQuery query)
    {
        var identity = OsIdentity.Current();
        return FindAll(query).Where(e => e.Access.AllowsOs(identity, DatasetAccess.Read)).ToArray();
    }

    private IReadOnlyList<CatalogEntry> FindAll(CatalogQuery query)
    {
        var sql = new StringBuilder("SELECT e.name, e.version, location, format, row_count, column_count, schema_json, size_bytes, sha256, " +
            "sensitivity, sensitive_kinds, tags_json, owner, description, lineage_json, registered_by, registered_at, n.readers_json, n.writers_json " +
            "FROM dataset_catalog e LEFT JOIN dataset_name n ON n.name = e.name WHERE 1 = 1");
        var parameters = new List<(string, object?)>();
        AddPatterns(sql, parameters, "LOWER(e.name) LIKE {0} ESCAPE '\\'", query.Name, "name");
        AddPatterns(sql, parameters, "LOWER(COALESCE(e.owner, '')) LIKE {0} ESCAPE '\\'", query.Owner, "owner");
        AddPatterns(sql, parameters, "LOWER(COALESCE(e.sensitivity, '')) LIKE {0} ESCAPE '\\'", query.Sensitivity, "sensitivity");
        AddPatterns(sql, parameters,
            "EXISTS (SELECT 1 FROM dataset_tag t WHERE t.name = e.name AND t.version = e.version AND LOWER(t.tag) LIKE {0} ESCAPE '\\')", query.Tag, "tag");
        if (query.Version is { } version)
        {
            sql.Append(" AND e.version = @version");
            parameters.Add(("@version", version));
        }
        else if (!query.AllVersions)
            sql.Append(" AND e.version = (SELECT MAX(m.version) FROM dataset_catalog m WHERE m.name = e.name)");
        sql.Append(" ORDER BY e.name, e.version");

        return Read(connection =>
        {
            using var command = Command(connection, null, sql.ToString(), parameters.ToArray());
            using var reader = command.ExecuteReader();
            var entries = new List<CatalogEntry>();
            while (reader.Read()) entries.Add(ReadEntry(reader));
            return entries;
        });
    }

    /// <summary>One version of a name (the latest when <paramref name="version"/> is null), or null when there is none.</summary>
    public CatalogEntry? Get(string name, int? version = null)
    {
        var identity = OsIdentity.Current();
        var entry = GetAny(name, version);
        return entry is not null && entry.Access.AllowsOs(identity, DatasetAccess.Read) ? entry : null;
    }

    // The entry whatever its policy says (what the server's row-level security lets this role see).
    private CatalogEntry? GetAny(string name, int? version) =>
        FindAll(new CatalogQuery { Name = [EscapeWildcards(name)], Version = version }).FirstOrDefault(e => e.Name.Equals(name, StringComparison.OrdinalIgnoreCase));

    /// <summary>
    /// Reads the file a catalog entry points to after checking that its SHA-256 is the one registered:
    /// DataCenterTools.CatalogEntryNotFound for an unknown name or version, CatalogHashMismatch when the file changed.
    /// </summary>
    public (CatalogEntry Entry, Dataset Dataset) Load(string name, int? version, ReadOptions options)
    {
        var entry = GetAny(name, version);
        if (entry is null)
        {
            // Hidden by row-level security (the name and its policy are visible, its entries are not) or not there.
            var policy = Read(connection => NamePolicy(connection, null, name, exact: false));
            if (policy is not null && EnforcesRoles && policy.RestrictsRoles(DatasetAccess.Read) && !policy.IsOpen)
                throw RoleDenied(policy, DatasetAccess.Read, "Import-Dataset", name);
            throw new DataException("CatalogEntryNotFound", DataErrorKind.ObjectNotFound,
                $"The catalog at {Location} has no dataset '{name}'{(version is { } v ? $" version {v}" : "")}.",
                "List what it holds with Get-DatasetCatalog (add -AllVersions to see every version).");
        }
        Demand(entry.Access, DatasetAccess.Read, "Import-Dataset", entry.Name);
        if (!File.Exists(entry.Location))
            throw new DataException("FileNotFound", DataErrorKind.ObjectNotFound,
                $"'{entry.Location}', the file of catalog entry '{entry.Name}' version {entry.Version}, no longer exists.",
                "Restore the file, or unregister the entry with Unregister-Dataset.", entry.Location);
        EnsureUnchanged(entry, FileInput.ComputeSha256(entry.Location));
        var format = Enum.TryParse<DataFormat>(entry.Format, ignoreCase: true, out var f) ? f : DataFormat.Auto;
        var dataset = DatasetReader.Read(entry.Location, options with { Format = options.Format == DataFormat.Auto ? format : options.Format, Name = options.Name ?? entry.Name });
        // The reader hashed the bytes it parsed: a file replaced between the check and the read is caught too.
        if (dataset.Source is { Sha256.Length: > 0 } source) EnsureUnchanged(entry, source.Sha256);
        return (entry, dataset);
    }

    private static void EnsureUnchanged(CatalogEntry entry, string sha256)
    {
        if (!sha256.Equals(entry.Sha256, StringComparison.OrdinalIgnoreCase))
            throw new DataException("CatalogHashMismatch", DataErrorKind.InvalidData,
                $"'{entry.Location}' changed since it was registered as '{entry.Name}' version {entry.Version}: its SHA-256 is {sha256}, the catalog recorded {entry.Sha256}. Nothing was loaded.",
                "If the change is intended, register the file again (Register-Dataset -Path) to record a new version; otherwise restore it from a backup.", entry.Location);
    }

    /// <summary>Removes one version of a name from the catalog (its file is left alone); false when it was not there.</summary>
    public bool Unregister(string name, int version) => Write((connection, transaction) =>
    {
        var policy = NamePolicy(connection, transaction, name, exact: true);
        if (policy is not null) Demand(policy, DatasetAccess.Write, "Unregister-Dataset", name);
        Execute(connection, transaction, "DELETE FROM dataset_tag WHERE name = @name AND version = @version", ("@name", name), ("@version", version));
        var removed = Execute(connection, transaction, "DELETE FROM dataset_catalog WHERE name = @name AND version = @version", ("@name", name), ("@version", version)) > 0;
        // Row-level security makes a forbidden DELETE remove nothing rather than fail: say why.
        if (!removed && policy is not null && EnforcesRoles && policy.RestrictsRoles(DatasetAccess.Write))
            throw RoleDenied(policy, DatasetAccess.Write, "Unregister-Dataset", name);
        return removed;
    });

    /// <summary>The schema version the catalog is at (migrating it first when it is behind).</summary>
    public int SchemaVersion => Read(connection => Convert.ToInt32(Scalar(connection, null, "SELECT MAX(version) FROM schema_version"), System.Globalization.CultureInfo.InvariantCulture));

    /// <summary>Brings the schema up to date: each missing migration step in order, in one transaction under the migration lock.</summary>
    private void Migrate(DbConnection connection)
    {
        if (_migrated) return;
        // Up to date already: nothing to take a lock or run DDL for (a role without CREATE on the schema gets here).
        if (CurrentSchemaVersion(connection) == CatalogSchema.LatestVersion)
        {
            _migrated = true;
            return;
        }
        using var transaction = BeginWrite(connection);
        LockForMigration(connection, transaction);
        Execute(connection, transaction, CatalogSchema.VersionTable);
        var current = Convert.ToInt32(Scalar(connection, transaction, "SELECT COALESCE(MAX(version), 0) FROM schema_version"), System.Globalization.CultureInfo.InvariantCulture);
        if (current > CatalogSchema.LatestVersion)
            throw new DataException("CatalogSchemaTooNew", DataErrorKind.NotSupported,
                $"The catalog at {Location} has schema version {current}; this DataCenterTools knows versions up to {CatalogSchema.LatestVersion}.",
                "Update the DataCenterTools module on this host.");
        foreach (var step in CatalogSchema.Migrations.Where(m => m.Version > current))
        {
            foreach (var statement in step.Statements) Execute(connection, transaction, statement);
            AfterMigrationStep(connection, transaction, step.Version);
            Execute(connection, transaction, "INSERT INTO schema_version (version, description, applied_at) VALUES (@version, @description, @at)",
                ("@version", step.Version), ("@description", step.Description), ("@at", DateTime.UtcNow.ToString("O")));
        }
        transaction.Commit();
        _migrated = true;
    }

    private static int? CurrentSchemaVersion(DbConnection connection)
    {
        try { return Convert.ToInt32(Scalar(connection, null, "SELECT COALESCE(MAX(version), 0) FROM schema_version"), System.Globalization.CultureInfo.InvariantCulture); }
        catch (DbException) { return null; } // no schema_version table yet
    }

    private T Read<T>(Func<DbConnection, T> work) => Run(connection => work(connection));

    private T Write<T>(Func<DbConnection, DbTransaction, T> work) => Run(connection =>
    {
        using var transaction = BeginWrite(connection);
        var result = work(connection, transaction);
        transaction.Commit();
        return result;
    });

    /// <summary>Runs work on a fresh, migrated connection, turning database failures into DataCenterTools errors.</summary>
    private T Run<T>(Func<DbConnection, T> work)
    {
        using var connection = Connect();
        try
        {
            Migrate(connection);
            return work(connection);
        }
        catch (DbException e)
        {
            throw new DataException("CatalogFailed", DataErrorKind.WriteError, $"The catalog at {Location} failed: {e.Message}",
                "Check the database's state and permissions, then try again.", inner: e);
        }
    }

    private static CatalogEntry ReadEntry(DbDataReader r) => new(
        r.GetString(0), Convert.ToInt32(r.GetValue(1), System.Globalization.CultureInfo.InvariantCulture), r.GetString(2), r.GetString(3), Convert.ToInt64(r.GetValue(4), System.Globalization.CultureInfo.InvariantCulture), Convert.ToInt32(r.GetValue(5), System.Globalization.CultureInfo.InvariantCulture),
        JsonSerializer.Deserialize<CatalogColumn[]>(r.GetString(6), Json)!, Convert.ToInt64(r.GetValue(7), System.Globalization.CultureInfo.InvariantCulture), r.GetString(8),
        r.IsDBNull(9) ? null : r.GetString(9), JsonSerializer.Deserialize<string[]>(r.GetString(10), Json)!,
        JsonSerializer.Deserialize<string[]>(r.GetString(11), Json)!, r.IsDBNull(12) ? null : r.GetString(12), r.IsDBNull(13) ? null : r.GetString(13),
        JsonSerializer.Deserialize<LineageStep[]>(r.GetString(14), Json)!.Select(s => new LineageEntry(s.Operation, s.Parameters, s.TimestampUtc)).ToArray(), r.GetString(15),
        DateTime.Parse(r.GetString(16), System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.RoundtripKind))
    {
        Access = PolicyFrom(r.IsDBNull(17) ? null : r.GetString(17), r.IsDBNull(18) ? null : r.GetString(18)),
    };

    // ---- access policy ----

    /// <summary>True where the store checks PostgreSQL roles itself (row-level security).</summary>
    protected virtual bool EnforcesRoles => false;

    /// <summary>Who the catalog connection is, for messages about a denial by the server: the database role.</summary>
    protected virtual string? DatabaseRole => null;

    /// <summary>Whether a failure is the server refusing a row under its row-level security.</summary>
    protected virtual bool IsRowSecurityDenial(DbException e) => false;

    /// <summary>Extra statements after a migration step, for what only one store has (PostgreSQL's row-level security).</summary>
    private protected virtual void AfterMigrationStep(DbConnection connection, DbTransaction transaction, int version) { }

    private static string? PolicyJson(IReadOnlyList<string> principals) => principals.Count == 0 ? null : JsonSerializer.Serialize(principals);

    private static DatasetAccessPolicy PolicyFrom(string? readers, string? writers) =>
        readers is null && writers is null ? DatasetAccessPolicy.Open
            : DatasetAccessPolicy.From(readers is null ? null : JsonSerializer.Deserialize<string[]>(readers), writers is null ? null : JsonSerializer.Deserialize<string[]>(writers));

    private static DatasetAccessPolicy? NamePolicy(DbConnection connection, DbTransaction? transaction, string name, bool exact)
    {
        using var command = Command(connection, transaction,
            exact ? "SELECT readers_json, writers_json FROM dataset_name WHERE name = @name"
                  : "SELECT readers_json, writers_json FROM dataset_name WHERE LOWER(name) = LOWER(@name) ORDER BY name",
            ("@name", name));
        using var reader = command.ExecuteReader();
        return reader.Read() ? PolicyFrom(reader.IsDBNull(0) ? null : reader.GetString(0), reader.IsDBNull(1) ? null : reader.GetString(1)) : null;
    }

    private static void Demand(DatasetAccessPolicy policy, DatasetAccess access, string operation, string name) =>
        DatasetAccessGate.Demand(policy, access, operation, $"catalog entry '{name}'");

    private DataException RoleDenied(DatasetAccessPolicy policy, DatasetAccess access, string operation, string name) =>
        DatasetAccessGate.Denied(policy, access, operation, $"catalog entry '{name}'", $"PostgreSQL role '{DatabaseRole}'");

    // LineageEntry has two constructors, so JSON reads this shape and converts.
    private sealed record LineageStep(string Operation, Dictionary<string, string> Parameters, DateTime TimestampUtc);

    private static void AddPatterns(StringBuilder sql, List<(string, object?)> parameters, string condition, IReadOnlyList<string>? patterns, string prefix)
    {
        if (patterns is not { Count: > 0 }) return;
        var alternatives = new List<string>();
        for (var i = 0; i < patterns.Count; i++)
        {
            var parameter = $"@{prefix}{i}";
            alternatives.Add(string.Format(System.Globalization.CultureInfo.InvariantCulture, condition, parameter));
            parameters.Add((parameter, WildcardToLike(patterns[i])));
        }
        sql.Append(" AND (").AppendJoin(" OR ", alternatives).Append(')');
    }

    /// <summary>A PowerShell wildcard (* ?, ` escapes) as a lower-case SQL LIKE pattern with \ as its escape.</summary>
    internal static string WildcardToLike(string pattern)
    {
        var like = new StringBuilder(pattern.Length + 4);
        for (var i = 0; i < pattern.Length; i++)
        {
            var c = pattern[i];
            if (c == '`' && i + 1 < pattern.Length) c = pattern[++i];
            else if (c == '*') { like.Append('%'); continue; }
            else if (c == '?') { like.Append('_'); continue; }
            if (c is '%' or '_' or '\\') like.Append('\\');
            like.Append(char.ToLowerInvariant(c));
        }
        return like.ToString();
    }

    private static string EscapeWildcards(string text) => text.Replace("`", "``").Replace("*", "`*").Replace("?", "`?");

    private static string ValidateName(string name)
    {
        var trimmed = name?.Trim() ?? "";
        if (trimmed.Length == 0 || trimmed.IndexOfAny(['*', '?', '`', '[', ']']) >= 0)
            throw new DataException("CatalogNameInvalid", DataErrorKind.InvalidArgument,
                $"'{name}' cannot be a catalog name: it must be non-empty and free of the wildcard characters * ? ` [ ].",
                "Use a plain name such as telemetry or gpu-metrics.");
        return trimmed;
    }

    private static DataException NotFromFile(Dataset dataset) =>
        new("CatalogDatasetNotSaved", DataErrorKind.InvalidArgument,
            $"Dataset '{dataset.Name}' was not read from a file, so the catalog has nothing to point to.",
            "Save it with Export-Dataset first and register that file (Register-Dataset -Path <file> -Name <name>).");

    private static string? NullIfBlank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    // The text form keeps milliseconds, so what is returned from Register equals what is read back.
    private static DateTime TruncateToMilliseconds(DateTime time) => new(time.Ticks - time.Ticks % TimeSpan.TicksPerMillisecond, DateTimeKind.Utc);

    private static DbCommand Command(DbConnection connection, DbTransaction? transaction, string sql, params (string Name, object? Value)[] parameters)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = transaction;
        foreach (var (name, value) in parameters)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.Value = value ?? DBNull.Value;
            command.Parameters.Add(parameter);
        }
        return command;
    }

    private protected static int Execute(DbConnection connection, DbTransaction? transaction, string sql, params (string, object?)[] parameters)
    {
        using var command = Command(connection, transaction, sql, parameters);
        return command.ExecuteNonQuery();
    }

    private protected static object? Scalar(DbConnection connection, DbTransaction? transaction, string sql, params (string, object?)[] parameters)
    {
        using var command = Command(connection, transaction, sql, parameters);
        return command.ExecuteScalar();
    }
}

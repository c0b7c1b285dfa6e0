using DataCenterTools.Core.Data;
using DataCenterTools.Core.Management;
using Microsoft.Data.Sqlite;

namespace DataCenterTools.Core.Tests;

/// <summary>
/// The catalog's behaviour, run against each store: SQLite (below) and a real PostgreSQL server
/// (<see cref="PostgresCatalogTests"/>). Every test starts from an empty catalog.
/// </summary>
public abstract class CatalogContract : IDisposable
{
    // 57 bytes; SHA-256 from `printf '...' | sha256sum`.
    private const string TelemetryCsv = "host,power_w,up\nr1,120.5,true\nr2,98,false\nr3,101.25,true\n";
    private const string TelemetrySha256 = "010aa6d4d15e9ebfdffbf5faccaf080898989e1341e7d537fe7a1e5e89eeca2d";

    protected readonly TempFolder Files = new();

    /// <summary>A connection string for a new, empty catalog in this store.</summary>
    protected abstract string NewStore();

    public void Dispose() => Files.Dispose();

    private Dataset Telemetry(string file = "telemetry.csv") => DatasetReader.Read(Files.File(file, TelemetryCsv), new ReadOptions());

    [Fact]
    public void An_empty_store_is_migrated_to_the_latest_schema_and_records_every_field()
    {
        var store = NewStore();
        var catalog = DatasetCatalog.Open(store);
        Assert.Equal(3, catalog.SchemaVersion); // 3: access policies

        var entry = catalog.Register(new CatalogRegistration("telemetry", Telemetry(), ["prod", "gpu", "PROD"], " ops ", "rack power",
            new DatasetSensitivity("Medium", ["Hostname"])));
        Assert.Equal(1, entry.Version);
        Assert.Equal(Files.File("telemetry.csv"), entry.Location);
        Assert.Equal(("Csv", 3L, 3, 57L, TelemetrySha256), (entry.Format, entry.Rows, entry.Columns, entry.SizeBytes, entry.Sha256));
        Assert.Equal([new("host", "String"), new("power_w", "Double"), new("up", "Boolean")], entry.Schema);
        Assert.Equal(["prod", "gpu"], entry.Tags);   // duplicates differing in case are dropped
        Assert.Equal(("ops", "rack power", "Medium"), (entry.Owner, entry.Description, entry.Sensitivity));
        Assert.Equal(["Hostname"], entry.SensitiveKinds);
        Assert.Equal($"{Environment.UserName}@{Environment.MachineName}", entry.RegisteredBy);
        Assert.Equal(DateTimeKind.Utc, entry.RegisteredAt.Kind);

        // Read back from a second instance (a new connection): the same record, field by field.
        var read = DatasetCatalog.Open(store).Get("TELEMETRY")!;
        Assert.Equal(entry with { Schema = [], Tags = [], SensitiveKinds = [], Lineage = [] }, read with { Schema = [], Tags = [], SensitiveKinds = [], Lineage = [] });
        Assert.Equal(entry.Schema, read.Schema);
        Assert.Equal(entry.Tags, read.Tags);
        Assert.Equal("Import-Dataset", Assert.Single(read.Lineage).Operation);
        Assert.Equal(entry.Lineage[0].Parameters, read.Lineage[0].Parameters);
    }

    [Fact]
    public void Versions_increment_per_name_and_are_never_reused()
    {
        var catalog = DatasetCatalog.Open(NewStore());
        var data = Telemetry();
        Assert.Equal(1, catalog.Register(new("telemetry", data)).Version);
        Assert.Equal(2, catalog.Register(new("telemetry", data)).Version);
        Assert.Equal(1, catalog.Register(new("sales", data)).Version);
        Assert.True(catalog.Unregister("telemetry", 2));
        Assert.False(catalog.Unregister("telemetry", 2));
        Assert.Equal(3, catalog.Register(new("telemetry", data)).Version);
        Assert.Equal([1, 3], catalog.Find(new CatalogQuery { Name = ["telemetry"], AllVersions = true }).Select(e => e.Version));
        Assert.Equal(3, catalog.Get("telemetry")!.Version);
        Assert.Equal(1, catalog.Get("telemetry", 1)!.Version);
        Assert.Null(catalog.Get("telemetry", 2));
        Assert.Null(catalog.Get("nothing"));
    }

    [Fact]
    public void Queries_match_wildcards_without_case_and_default_to_the_latest_version()
    {
        var catalog = DatasetCatalog.Open(NewStore());
        var data = Telemetry();
        catalog.Register(new("telemetry", data, ["prod", "gpu"], "ops"));
        catalog.Register(new("telemetry", data, ["dev"], "ops"));
        catalog.Register(new("tele_gpu", data, ["gpu"], "ml", Sensitivity: new("High", ["Email"])));
        catalog.Register(new("telexgpu", data, [], null));
        catalog.Register(new("sales", data, ["prod"], "finance"));

        string[] Names(CatalogQuery q) => catalog.Find(q).Select(e => $"{e.Name}/{e.Version}").ToArray();
        Assert.Equal(["sales/1", "tele_gpu/1", "telemetry/2", "telexgpu/1"], Names(new CatalogQuery()));
        Assert.Equal(["tele_gpu/1", "telemetry/2", "telexgpu/1"], Names(new CatalogQuery { Name = ["TELE*"] }));
        Assert.Equal(["telemetry/2"], Names(new CatalogQuery { Name = ["tele?etry"] }));
        // _ and % are literal characters in a name, not SQL wildcards.
        Assert.Equal(["tele_gpu/1"], Names(new CatalogQuery { Name = ["tele_gpu"] }));
        Assert.Equal(["sales/1", "telemetry/2"], Names(new CatalogQuery { Name = ["sales", "telemetry"] }));
        // -Tag applies to the latest version unless all versions are asked for.
        Assert.Equal(["sales/1"], Names(new CatalogQuery { Tag = ["prod"] }));
        Assert.Equal(["sales/1", "telemetry/1"], Names(new CatalogQuery { Tag = ["PR*"], AllVersions = true }));
        Assert.Equal(["tele_gpu/1"], Names(new CatalogQuery { Tag = ["gpu"], Owner = ["m?"] }));
        Assert.Equal(["telemetry/1", "telemetry/2"], Names(new CatalogQuery { Owner = ["ops"], AllVersions = true }));
        Assert.Equal(["tele_gpu/1"], Names(new CatalogQuery { Sensitivity = ["high"] }));
        Assert.Equal(["tele_gpu/1", "telemetry/1"], Names(new CatalogQuery { Name = ["tel*"], Version = 1, Tag = ["gpu"] }));
        Assert.Empty(Names(new CatalogQuery { Name = ["nothing*"] }));
    }

    [Fact]
    public void Two_connections_registering_at_once_get_unique_versions()
    {
        var store = NewStore();
        var data = Telemetry();
        DatasetCatalog.Open(store).Find(new CatalogQuery());   // migrate once up front; the race is over versions
        var writers = Enumerable.Range(0, 2).Select(w => Task.Run(() =>
        {
            var catalog = DatasetCatalog.Open(store);   // each writer has its own catalog and connections
            return Enumerable.Range(0, 20).Select(_ => catalog.Register(new("shared", data, [$"writer{w}"])).Version).ToArray();
        })).ToArray();
        Task.WaitAll(writers);

        var versions = writers.SelectMany(w => w.Result).Order().ToArray();
        Assert.Equal(Enumerable.Range(1, 40), versions);
        var stored = DatasetCatalog.Open(store).Find(new CatalogQuery { Name = ["shared"], AllVersions = true });
        Assert.Equal(40, stored.Count);
        Assert.Equal(20, stored.Count(e => e.Tags.Single() == "writer0"));
    }

    [Fact]
    public void Sensitivity_is_found_by_the_scanner_when_not_given()
    {
        var catalog = DatasetCatalog.Open(NewStore());
        Assert.Equal(("None", 0), catalog.Register(new("telemetry", Telemetry())) is var t ? (t.Sensitivity, t.SensitiveKinds.Count) : default);
        var people = DatasetReader.Read(Files.File("people.csv",
            "id,email,ip\n1,ana@example.com,10.0.0.1\n2,bo@example.org,10.0.0.2\n3,cy@example.net,192.168.1.20\n4,di@example.com,172.16.0.9\n"), new ReadOptions());
        var entry = catalog.Register(new("people", people));
        Assert.Equal("High", entry.Sensitivity);
        Assert.Equal(["Email", "IPv4"], entry.SensitiveKinds);
        Assert.Equal(["people/1"], catalog.Find(new CatalogQuery { Sensitivity = ["h*"] }).Select(e => $"{e.Name}/{e.Version}"));
    }

    [Fact]
    public void A_dataset_that_is_not_its_file_is_refused()
    {
        var catalog = DatasetCatalog.Open(NewStore());
        var inMemory = new Dataset("m", [new Int64Column("x", [1, 2])]);
        Assert.Equal("DataCenterTools.CatalogDatasetNotSaved", Assert.Throws<DataException>(() => catalog.Register(new("m", inMemory))).ErrorId);

        var changed = Telemetry().WithLineage(new LineageEntry("Invoke-DataCleaning"));
        Assert.Equal("DataCenterTools.CatalogDatasetNotSaved", Assert.Throws<DataException>(() => catalog.Register(new("t", changed))).ErrorId);

        var stale = Telemetry();
        File.AppendAllText(stale.Source!.Path, "r4,1,false\n");
        var e = Assert.Throws<DataException>(() => catalog.Register(new("t", stale)));
        Assert.Equal("DataCenterTools.CatalogSourceChanged", e.ErrorId);
        Assert.Contains(TelemetrySha256, e.Message);

        Assert.Equal("DataCenterTools.CatalogNameInvalid", Assert.Throws<DataException>(() => catalog.Register(new("tele*", Telemetry("b.csv")))).ErrorId);
        Assert.Empty(catalog.Find(new CatalogQuery { AllVersions = true }));
    }
}

public sealed class SqliteCatalogTests : CatalogContract
{
    protected override string NewStore() => $"Data Source={Files.File($"catalog-{Guid.NewGuid():N}.db")}";

    [Fact]
    public void A_version_1_catalog_is_migrated_keeping_its_entries_and_their_version_numbers()
    {
        var path = Files.File("old.db");
        using (var old = new SqliteConnection($"Data Source={path};Pooling=False"))
        {
            old.Open();
            string[] statements = [CatalogSchema.VersionTable, .. CatalogSchema.Migrations[0].Statements,
                "INSERT INTO schema_version VALUES (1, 'dataset entries and their tags', '2026-01-01T00:00:00Z')",
                "INSERT INTO dataset_catalog VALUES ('legacy', 3, '/data/legacy.csv', 'Csv', 10, 2, '[]', 100, 'ab', NULL, '[]', '[]', NULL, NULL, '[]', 'a@b', '2026-01-01T00:00:00.0000000Z')"];
            foreach (var sql in statements)
            {
                using var command = old.CreateCommand();
                command.CommandText = sql;
                command.ExecuteNonQuery();
            }
        }
        var catalog = new SqliteDatasetCatalog(path);
        Assert.Equal(3, catalog.SchemaVersion); // 3: access policies
        Assert.Equal(("/data/legacy.csv", 10L), (catalog.Get("legacy")!.Location, catalog.Get("legacy")!.Rows));
        // The counter added by migration 2 was seeded from the entries: the next version follows 3.
        Assert.Equal(4, catalog.Register(new("legacy", DatasetReader.Read(Files.File("l.csv", "a\n1\n"), new ReadOptions()))).Version);
    }

    [Fact]
    public void An_unwritable_catalog_folder_is_a_CatalogUnavailable_error()
    {
        var blocker = Files.File("not-a-folder", "x");
        var e = Assert.Throws<DataException>(() => new SqliteDatasetCatalog(Path.Combine(blocker, "catalog.db")).Find(new CatalogQuery()));
        Assert.Equal("DataCenterTools.CatalogUnavailable", e.ErrorId);
        Assert.Contains(blocker, e.Message);
    }

    [Fact]
    public void An_unreachable_PostgreSQL_server_is_a_CatalogUnavailable_error_naming_it()
    {
        var port = PostgresServer.FreePort();   // nothing listens there once the probe is closed
        var catalog = DatasetCatalog.Open($"Host=127.0.0.1;Port={port};Username=postgres;Database=none");
        Assert.IsType<PostgresDatasetCatalog>(catalog);
        var e = Assert.Throws<DataException>(() => catalog.Find(new CatalogQuery()));
        Assert.Equal("DataCenterTools.CatalogUnavailable", e.ErrorId);
        Assert.Contains($"127.0.0.1:{port}", e.Message);
    }

    [Fact]
    public void Wildcards_become_escaped_LIKE_patterns()
    {
        Assert.Equal("tele%", DatasetCatalog.WildcardToLike("Tele*"));
        Assert.Equal("a\\_b_", DatasetCatalog.WildcardToLike("a_b?"));
        Assert.Equal("100\\%*", DatasetCatalog.WildcardToLike("100%`*"));
    }
}

public sealed class PostgresCatalogTests(PostgresServer server) : CatalogContract, IClassFixture<PostgresServer>
{
    protected override string NewStore() => server.NewCatalogConnectionString();
}

using DataCenterTools.Core.Data;
using DataCenterTools.Core.Management;
using DataCenterTools.Core.Security;
using Npgsql;

namespace DataCenterTools.Core.Tests;

/// <summary>
/// Access policies with real identities: two Unix users (and a group) made with useradd, each running the core in
/// its own process, against a shared SQLite catalog and version store; and two PostgreSQL roles on a real server,
/// where row-level security hides what a role may not read. Every denial must reach the denied user's audit log.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")] // Unix users, modes and mounts
public class AccessPolicyTests(PostgresServer server) : IClassFixture<PostgresServer>
{
    private const string Alice = "dctalice", Bob = "dctbob", Analysts = "dctanalysts";

    private sealed class SharedFolder : IDisposable
    {
        public SharedFolder()
        {
            Directory.CreateDirectory(Path);
            // Shared like /tmp: everyone may add files, only an entry's owner may replace it (the sticky bit), so the
            // audit keys in the users' homes below pass the key-folder check.
            File.SetUnixFileMode(Path, (UnixFileMode)0b111_111_111 | UnixFileMode.StickyBit);
            foreach (var user in new[] { Alice, Bob })
            {
                var home = Home(user);
                Directory.CreateDirectory(home);
                ChildProcess.Exec("chown", user, home);
            }
        }

        public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "dct-access-" + Guid.NewGuid().ToString("N"));
        public string Home(string user) => System.IO.Path.Combine(Path, "home-" + user);
        public Dictionary<string, string> Env(string user) => new() { [DataCenterToolsHome.EnvironmentVariable] = Home(user) };
        /// <summary>The denial records in <paramref name="user"/>'s audit log, as "operation | target | user".</summary>
        public string[] Audit(string user)
        {
            var log = System.IO.Path.Combine(Home(user), DataAuditLog.DefaultFileName);
            return File.Exists(log) ? DataAuditReader.Read(log).Select(r => $"{r.Operation} | {r.Target} | {r.User}").ToArray() : [];
        }

        // The shared data, not the users' DataCenterTools homes: a home others can write would let them swap its audit key.
        public void OpenToAll()
        {
            foreach (var entry in Directory.EnumerateFileSystemEntries(Path).Where(e => !System.IO.Path.GetFileName(e).StartsWith("home-", StringComparison.Ordinal)))
                ChildProcess.Exec("chmod", "-R", "a+rwX", entry);
        }

        public void Dispose()
        {
            try { Directory.Delete(Path, recursive: true); } catch (IOException) { }
        }
    }

    private static string HostsCsv(SharedFolder shared)
    {
        var csv = System.IO.Path.Combine(shared.Path, "hosts.csv");
        File.WriteAllText(csv, "host,gpus\nnode-01,8\nnode-02,4\n");
        return csv;
    }

    [Fact]
    public void Two_unix_users_a_shared_sqlite_catalog_grants_by_user_and_group_and_audits_each_denial()
    {
        ChildProcess.EnsureUser(Alice);
        ChildProcess.EnsureUser(Bob, Analysts);
        using var shared = new SharedFolder();
        var connection = $"Data Source={Path.Combine(shared.Path, "catalog.db")}";
        var catalog = DatasetCatalog.Open(connection);
        var dataset = DatasetReader.Read(HostsCsv(shared), new ReadOptions());
        catalog.Register(new CatalogRegistration("hosts", dataset, Access: DatasetAccessPolicy.From(["user:" + Alice], ["user:root"])));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(shared.Path, "catalog.db"))); // created owner-only
        shared.OpenToAll(); // this test shares the file on purpose

        Assert.Equal("OK hosts v1 2 rows", ChildProcess.Run(Alice, shared.Env(Alice), "catalog-load", connection, "hosts").Result);
        var denied = ChildProcess.Run(Bob, shared.Env(Bob), "catalog-load", connection, "hosts");
        Assert.Equal("DataCenterTools.AccessDenied", denied.Result);
        Assert.Contains($"{Bob} may not read catalog entry 'hosts'", denied.Errors);
        Assert.Equal([$"Import-Dataset denied | catalog entry 'hosts' | {Bob}"], shared.Audit(Bob));
        Assert.Equal("OK 0 entries", ChildProcess.Run(Bob, shared.Env(Bob), "catalog-find", connection).Result);
        Assert.Equal("OK 1 entries", ChildProcess.Run(Alice, shared.Env(Alice), "catalog-find", connection).Result);
        // Alice may read, not write: a new version from her is refused, and audited in her log.
        Assert.Equal("DataCenterTools.AccessDenied", ChildProcess.Run(Alice, shared.Env(Alice), "catalog-register", connection, Path.Combine(shared.Path, "hosts.csv"), "hosts").Result);
        Assert.Equal([$"Register-Dataset denied | catalog entry 'hosts' | {Alice}"], shared.Audit(Alice));

        // The writer hands reading to a group: Bob (a member) now reads, Alice (not one) no longer does.
        catalog.Register(new CatalogRegistration("hosts", dataset, Access: DatasetAccessPolicy.From(["group:" + Analysts], ["user:root"])));
        Assert.Equal("OK hosts v2 2 rows", ChildProcess.Run(Bob, shared.Env(Bob), "catalog-load", connection, "hosts").Result);
        Assert.Equal("DataCenterTools.AccessDenied", ChildProcess.Run(Alice, shared.Env(Alice), "catalog-load", connection, "hosts").Result);
        Assert.Contains($"OK {Bob} (groups ", ChildProcess.Run(Bob, null, "identity").Result);
        Assert.Contains(Analysts, ChildProcess.Run(Bob, null, "identity").Result);
    }

    [Fact]
    public void Two_unix_users_a_shared_version_store_enforces_its_name_policy()
    {
        ChildProcess.EnsureUser(Alice);
        ChildProcess.EnsureUser(Bob, Analysts);
        using var shared = new SharedFolder();
        var root = Path.Combine(shared.Path, "versions");
        var store = new DatasetVersionStore(root);
        store.Save(DatasetReader.Read(HostsCsv(shared), new ReadOptions()), "hosts", policy: DatasetAccessPolicy.From(["user:" + Alice], ["user:root"]));
        shared.OpenToAll();
        Assert.Equal("OK 2 rows", ChildProcess.Run(Alice, shared.Env(Alice), "version-load", root, "hosts").Result);
        var denied = ChildProcess.Run(Bob, shared.Env(Bob), "version-load", root, "hosts");
        Assert.Equal("DataCenterTools.AccessDenied", denied.Result);
        Assert.Equal([$"Get-DatasetVersion denied | version store name 'hosts' v1 | {Bob}"], shared.Audit(Bob));
    }

    [Fact]
    public void Two_postgres_roles_row_level_security_hides_entries_a_role_may_not_read_and_refuses_its_writes()
    {
        var admin = server.NewCatalogConnectionString();
        var catalog = DatasetCatalog.Open(admin);
        Assert.Equal(CatalogSchema.LatestVersion, catalog.SchemaVersion); // the owner (postgres) migrates, with the policies
        var schema = admin.Split("Search Path=")[1];
        using (var connection = new NpgsqlConnection(admin))
        {
            connection.Open();
            foreach (var sql in new[]
            {
                "DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'dct_alice') THEN CREATE ROLE dct_alice LOGIN; END IF; END $$",
                "DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'dct_bob') THEN CREATE ROLE dct_bob LOGIN; END IF; END $$",
                $"GRANT USAGE ON SCHEMA {schema} TO dct_alice, dct_bob",
                $"GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA {schema} TO dct_alice, dct_bob",
            })
                new NpgsqlCommand(sql, connection).ExecuteNonQuery();
        }
        string As(string role) => admin.Replace("Username=postgres", $"Username={role}");
        using var shared = new SharedFolder();
        var dataset = DatasetReader.Read(HostsCsv(shared), new ReadOptions());

        var registered = DatasetCatalog.Open(As("dct_alice")).Register(new CatalogRegistration("gpu", dataset, Access: DatasetAccessPolicy.From(["role:dct_alice"], ["role:dct_alice"])));
        Assert.Equal(["role:dct_alice"], registered.Access.Readers);
        DatasetCatalog.Open(As("dct_bob")).Register(new CatalogRegistration("open", dataset));

        // The server itself hides the row: a plain SELECT as dct_bob sees only the open entry.
        long Count(string role)
        {
            using var connection = new NpgsqlConnection(As(role));
            connection.Open();
            return (long)new NpgsqlCommand("SELECT count(*) FROM dataset_catalog", connection).ExecuteScalar()!;
        }
        Assert.Equal(2, Count("dct_alice"));
        Assert.Equal(1, Count("dct_bob"));
        Assert.Equal(["gpu", "open"], DatasetCatalog.Open(As("dct_alice")).Find(new CatalogQuery()).Select(e => e.Name));
        Assert.Equal(["open"], DatasetCatalog.Open(As("dct_bob")).Find(new CatalogQuery()).Select(e => e.Name));

        // Bob's import, registration and removal are refused (in child processes, each with its own audit log).
        var bob = shared.Env(Bob);
        ChildProcess.Exec("chown", "root", shared.Home(Bob)); // run as root here: only the database role differs
        var load = ChildProcess.Run(null, bob, "catalog-load", As("dct_bob"), "gpu");
        Assert.Equal("DataCenterTools.AccessDenied", load.Result);
        Assert.Contains("PostgreSQL role 'dct_bob' may not read catalog entry 'gpu'", load.Errors);
        Assert.Equal("DataCenterTools.AccessDenied", ChildProcess.Run(null, bob, "catalog-register", As("dct_bob"), Path.Combine(shared.Path, "hosts.csv"), "gpu").Result);
        Assert.Equal(["Import-Dataset denied | catalog entry 'gpu' | root", "Register-Dataset denied | catalog entry 'gpu' | root"], shared.Audit(Bob));
        Assert.Equal("OK gpu v1 2 rows", ChildProcess.Run(null, shared.Env(Alice), "catalog-load", As("dct_alice"), "gpu").Result);
        Assert.Equal(1, DatasetCatalog.Open(As("dct_alice")).Get("gpu")!.Version); // Bob's refused registration changed nothing
    }

    [Fact]
    public void Policy_entries_parse_to_users_groups_and_roles_and_a_sqlite_catalog_refuses_roles()
    {
        var policy = DatasetAccessPolicy.From(["alice", "group:ops, role:dct_readers"], ["user:bob"]);
        Assert.Equal(["user:alice", "group:ops", "role:dct_readers"], policy.Readers);
        Assert.Equal(["user:bob"], policy.Writers);
        var alice = new OsIdentity("alice", ["users"]);
        var carol = new OsIdentity("carol", ["ops"]);
        var dave = new OsIdentity("dave", ["users"]);
        Assert.True(policy.AllowsOs(alice, DatasetAccess.Read));
        Assert.True(policy.AllowsOs(carol, DatasetAccess.Read));
        Assert.False(policy.AllowsOs(dave, DatasetAccess.Read));
        Assert.True(policy.AllowsOs(new OsIdentity("bob", []), DatasetAccess.Read)); // writers read
        Assert.False(policy.AllowsOs(alice, DatasetAccess.Write));
        Assert.True(DatasetAccessPolicy.From(["role:x"], null).AllowsOs(dave, DatasetAccess.Read)); // roles only: the server decides
        Assert.Equal("DataCenterTools.AccessPrincipalInvalid", Assert.Throws<DataException>(() => DatasetAccessPolicy.From(["host:x"], null)).ErrorId);
        using var temp = new TempFolder();
        var csv = temp.File("a.csv", "a\n1\n");
        var e = Assert.Throws<DataException>(() => DatasetCatalog.Open($"Data Source={temp.File("c.db")}")
            .Register(new CatalogRegistration("a", DatasetReader.Read(csv, new ReadOptions()), Access: DatasetAccessPolicy.From(["role:x"], null))));
        Assert.Equal("DataCenterTools.AccessRolesNeedPostgres", e.ErrorId);
    }
}

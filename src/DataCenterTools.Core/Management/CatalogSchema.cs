namespace DataCenterTools.Core.Management;

/// <summary>One schema migration: applied in order, once, recorded in schema_version.</summary>
internal sealed record CatalogMigration(int Version, string Description, IReadOnlyList<string> Statements);

/// <summary>
/// The catalog's tables, as ordered migrations. The SQL is written in the subset that SQLite and
/// PostgreSQL share (TEXT, INTEGER, BIGINT, ON CONFLICT ... RETURNING), so both stores run the same steps.
/// Never edit a released step: add a new one.
/// </summary>
internal static class CatalogSchema
{
    public const string VersionTable =
        "CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL PRIMARY KEY, description TEXT NOT NULL, applied_at TEXT NOT NULL)";

    public static readonly IReadOnlyList<CatalogMigration> Migrations =
    [
        new(1, "dataset entries and their tags",
        [
            """
            CREATE TABLE dataset_catalog (
                name TEXT NOT NULL,
                version INTEGER NOT NULL,
                location TEXT NOT NULL,
                format TEXT NOT NULL,
                row_count BIGINT NOT NULL,
                column_count INTEGER NOT NULL,
                schema_json TEXT NOT NULL,
                size_bytes BIGINT NOT NULL,
                sha256 TEXT NOT NULL,
                sensitivity TEXT NULL,
                sensitive_kinds TEXT NOT NULL,
                tags_json TEXT NOT NULL,
                owner TEXT NULL,
                description TEXT NULL,
                lineage_json TEXT NOT NULL,
                registered_by TEXT NOT NULL,
                registered_at TEXT NOT NULL,
                PRIMARY KEY (name, version))
            """,
            """
            CREATE TABLE dataset_tag (
                name TEXT NOT NULL,
                version INTEGER NOT NULL,
                tag TEXT NOT NULL,
                PRIMARY KEY (name, version, tag))
            """,
        ]),
        // Versions are never reused, even after the latest is unregistered: a per-name counter,
        // seeded from the entries already there.
        new(2, "per-name version counter; owner index",
        [
            "CREATE TABLE dataset_name (name TEXT NOT NULL PRIMARY KEY, last_version INTEGER NOT NULL)",
            "INSERT INTO dataset_name (name, last_version) SELECT name, MAX(version) FROM dataset_catalog GROUP BY name",
            "CREATE INDEX dataset_catalog_owner ON dataset_catalog (owner)",
        ]),
        // Access policy per name (JSON arrays of user:, group: and role: entries; NULL is open). A PostgreSQL
        // catalog also gets row-level security on these tables (PostgresDatasetCatalog.ExtraMigration).
        new(3, "access policy per name: readers and writers",
        [
            "ALTER TABLE dataset_name ADD COLUMN readers_json TEXT NULL",
            "ALTER TABLE dataset_name ADD COLUMN writers_json TEXT NULL",
        ]),
    ];

    public static int LatestVersion => Migrations[^1].Version;
}

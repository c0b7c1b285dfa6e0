using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace DataCenterTools.Core.Tests;

/// <summary>
/// A throwaway PostgreSQL server for the catalog tests: initdb into a temp folder and pg_ctl start on a
/// free loopback port, as the unprivileged user dctpg when the tests run as root (PostgreSQL refuses
/// root). Each test gets its own schema; the server and its folder go when the tests end.
/// </summary>
public sealed class PostgresServer : IDisposable
{
    private const string ServiceUser = "dctpg";
    private const string Database = "dct_catalog_tests";
    private readonly string _bin;
    private readonly string _folder;
    private readonly bool _asServiceUser = Environment.UserName == "root";

    public PostgresServer()
    {
        _bin = FindBinaries() ?? throw new InvalidOperationException(
            "PostgreSQL server binaries (initdb, pg_ctl) were not found: install the Debian package postgresql (./build.sh test does).");
        _folder = Path.Combine(Path.GetTempPath(), "dct-pg-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_folder);
        if (_asServiceUser)
        {
            if (Run("id", ["-u", ServiceUser], check: false) != 0) Run("useradd", ["-r", "-M", "-s", "/usr/sbin/nologin", ServiceUser]);
            Run("chown", [ServiceUser, _folder]);
        }
        Port = FreePort();
        var data = Path.Combine(_folder, "data");
        RunServerTool("initdb", ["-D", data, "-U", "postgres", "-A", "trust", "-E", "UTF8", "--no-sync"]);
        RunServerTool("pg_ctl", ["-D", data, "-l", Path.Combine(_folder, "server.log"), "-w", "-t", "60",
            "-o", $"-p {Port} -c listen_addresses=127.0.0.1 -k {_folder} -c fsync=off", "start"]);
        using var admin = new NpgsqlConnection($"Host=127.0.0.1;Port={Port};Username=postgres;Database=postgres");
        admin.Open();
        using var create = new NpgsqlCommand($"CREATE DATABASE {Database}", admin);
        create.ExecuteNonQuery();
    }

    public int Port { get; }

    /// <summary>A connection string for a new, empty schema on the test database.</summary>
    public string NewCatalogConnectionString()
    {
        var schema = "t" + Guid.NewGuid().ToString("N");
        var connectionString = $"Host=127.0.0.1;Port={Port};Username=postgres;Database={Database}";
        using (var connection = new NpgsqlConnection(connectionString))
        {
            connection.Open();
            using var create = new NpgsqlCommand($"CREATE SCHEMA {schema}", connection);
            create.ExecuteNonQuery();
        }
        return connectionString + $";Search Path={schema}";
    }

    public void Dispose()
    {
        try { RunServerTool("pg_ctl", ["-D", Path.Combine(_folder, "data"), "-m", "immediate", "-w", "stop"]); }
        finally
        {
            NpgsqlConnection.ClearAllPools();
            try { Directory.Delete(_folder, recursive: true); } catch (IOException) { }
        }
    }

    private void RunServerTool(string tool, string[] arguments)
    {
        var program = Path.Combine(_bin, tool);
        if (_asServiceUser) Run("runuser", ["-u", ServiceUser, "--", program, .. arguments]);
        else Run(program, arguments);
    }

    private static int Run(string program, string[] arguments, bool check = true)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = "/" };
        foreach (var a in arguments) start.ArgumentList.Add(a);
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (check && process.ExitCode != 0)
            throw new InvalidOperationException($"{program} {string.Join(' ', arguments)} exited with {process.ExitCode}: {stderr}{stdout.Result}");
        return process.ExitCode;
    }

    /// <summary>The newest /usr/lib/postgresql/N/bin (Debian's layout), else the folder of initdb on PATH.</summary>
    internal static string? FindBinaries()
    {
        var debian = Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql")
                .Select(d => (Version: int.TryParse(Path.GetFileName(d), out var v) ? v : 0, Bin: Path.Combine(d, "bin")))
                .Where(d => File.Exists(Path.Combine(d.Bin, "initdb")))
                .OrderByDescending(d => d.Version).Select(d => d.Bin).FirstOrDefault()
            : null;
        return debian ?? (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator)
            .FirstOrDefault(d => d.Length > 0 && File.Exists(Path.Combine(d, "initdb")) && File.Exists(Path.Combine(d, "pg_ctl")));
    }

    internal static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}

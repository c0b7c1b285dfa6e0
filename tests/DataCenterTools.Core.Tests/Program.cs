using System.Diagnostics;
using DataCenterTools.Core.Data;
using DataCenterTools.Core.Management;
using DataCenterTools.Core.Security;

namespace DataCenterTools.Core.Tests;

/// <summary>
/// The test assembly's entry point, for the tests that need a real second process: one killed with kill -9 in the
/// middle of a write, several racing to create one file, one running as another Unix user. Each mode prints one
/// result line (OK ..., or the DataCenterTools ErrorId) so the test can assert on it.
/// </summary>
public static class Program
{
    public static int Main(string[] args)
    {
        try
        {
            switch (args[0])
            {
                case "hold-temp": // start writing args[1], say so, then wait to be killed
                {
                    var file = AtomicFile.Create(args[1], overwrite: false);
                    file.Stream.Write(new byte[1 << 20]);
                    file.Stream.Flush();
                    Console.WriteLine($"WRITING {file.TempPath}");
                    Thread.Sleep(Timeout.Infinite);
                    return 0;
                }
                case "race": // wait for the start file args[2], then write args[1] (without overwrite) with this pid in it
                {
                    while (!File.Exists(args[2])) Thread.Sleep(1);
                    using var file = AtomicFile.Create(args[1], overwrite: false);
                    var text = System.Text.Encoding.ASCII.GetBytes($"written by {Environment.ProcessId}\n");
                    for (var i = 0; i < 2000; i++) file.Stream.Write(text); // long enough for the others to be writing too
                    file.Commit();
                    Console.WriteLine($"OK {Environment.ProcessId}");
                    return 0;
                }
                case "catalog-load": // Import-Dataset -CatalogName args[2] from catalog args[1]
                {
                    var (entry, dataset) = DatasetCatalog.Open(args[1]).Load(args[2], null, new ReadOptions());
                    Console.WriteLine($"OK {entry.Name} v{entry.Version} {dataset.RowCount} rows");
                    return 0;
                }
                case "catalog-find":
                    Console.WriteLine($"OK {DatasetCatalog.Open(args[1]).Find(new CatalogQuery()).Count} entries");
                    return 0;
                case "catalog-register": // Register-Dataset args[2] as args[3] in catalog args[1]
                {
                    var entry = DatasetCatalog.Open(args[1]).Register(new CatalogRegistration(args[3], DatasetReader.Read(args[2], new ReadOptions())));
                    Console.WriteLine($"OK {entry.Name} v{entry.Version}");
                    return 0;
                }
                case "version-load": // Get-DatasetVersion args[2] from the store in args[1]
                {
                    var dataset = new DatasetVersionStore(args[1]).Load(args[2]);
                    Console.WriteLine($"OK {dataset.RowCount} rows");
                    return 0;
                }
                case "identity":
                    Console.WriteLine($"OK {OsIdentity.Current()}");
                    return 0;
                default:
                    Console.WriteLine($"unknown mode {args[0]}");
                    return 2;
            }
        }
        catch (DataException e)
        {
            Console.WriteLine(e.ErrorId);
            Console.Error.WriteLine(e.Message);
            return 1;
        }
    }
}

/// <summary>Starts this test assembly as a child process in one of <see cref="Program"/>'s modes, optionally as another user.</summary>
public static class ChildProcess
{
    private static string Assembly => typeof(Program).Assembly.Location;
    private static readonly Lazy<string> SharedAssembly = new(() => OperatingSystem.IsWindows() ? Assembly : ShareWithOtherUsers());

    // Another user must be able to reach the test assembly: when a folder above it is closed to others (a clone
    // under /root, say), the build output is linked (cp -al, no copy of the bytes) into an open temp folder once.
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    private static string ShareWithOtherUsers()
    {
        var open = true;
        for (var dir = Path.GetDirectoryName(Assembly); dir is not null; dir = Path.GetDirectoryName(dir))
            if ((File.GetUnixFileMode(dir) & UnixFileMode.OtherExecute) == 0) open = false;
        if (open) return Assembly;
        var folder = Path.Combine(Path.GetTempPath(), "dct-tests-bin-" + Environment.ProcessId);
        if (!Directory.Exists(folder) && Exec("cp", "-al", Path.GetDirectoryName(Assembly)!, folder) != 0 && Exec("cp", "-a", Path.GetDirectoryName(Assembly)!, folder) != 0)
            throw new InvalidOperationException("cannot share the test assembly with the other test users");
        File.SetUnixFileMode(folder, (UnixFileMode)0b111_101_101);
        return Path.Combine(folder, Path.GetFileName(Assembly));
    }

    public static ProcessStartInfo StartInfo(string? user, IReadOnlyDictionary<string, string>? environment, params string[] args)
    {
        var dotnet = Environment.ProcessPath is { } p && Path.GetFileNameWithoutExtension(p) == "dotnet" ? p : "dotnet";
        var start = new ProcessStartInfo(user is null ? dotnet : "runuser")
        {
            RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, WorkingDirectory = "/",
        };
        if (user is not null) foreach (var a in new[] { "-u", user, "--", dotnet }) start.ArgumentList.Add(a);
        foreach (var a in new[] { "exec", user is null ? Assembly : SharedAssembly.Value }.Concat(args)) start.ArgumentList.Add(a);
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        foreach (var (k, v) in environment ?? new Dictionary<string, string>()) start.Environment[k] = v;
        return start;
    }

    /// <summary>Runs a mode to the end and returns its first output line (OK ... or an ErrorId), with stderr for failures.</summary>
    public static (string Result, string Errors) Run(string? user, IReadOnlyDictionary<string, string>? environment, params string[] args)
    {
        using var process = Process.Start(StartInfo(user, environment, args))!;
        var errors = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEnd();
        if (!process.WaitForExit(120_000)) { process.Kill(); throw new TimeoutException($"child {string.Join(' ', args)} did not finish"); }
        return (output.Split('\n')[0].Trim(), errors.Result);
    }

    /// <summary>Creates (once) a system user for the tests, with no home and no login shell; returns its name.</summary>
    public static string EnsureUser(string name, string? group = null)
    {
        if (Exec("id", "-u", name) != 0) Check(Exec("useradd", "-r", "-M", "-s", "/usr/sbin/nologin", name), "useradd " + name);
        if (group is not null)
        {
            if (Exec("getent", "group", group) != 0) Check(Exec("groupadd", "-r", group), "groupadd " + group);
            Check(Exec("usermod", "-a", "-G", group, name), "usermod " + name);
        }
        return name;
    }

    public static int Exec(string program, params string[] args)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args) start.ArgumentList.Add(a);
        using var process = Process.Start(start)!;
        process.StandardOutput.ReadToEnd();
        process.StandardError.ReadToEnd();
        process.WaitForExit();
        return process.ExitCode;
    }

    private static void Check(int code, string what)
    {
        if (code != 0) throw new InvalidOperationException($"{what} failed with exit code {code} (the access tests need root to create users)");
    }
}

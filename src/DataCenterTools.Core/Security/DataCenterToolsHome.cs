namespace DataCenterTools.Core.Security;

/// <summary>
/// The folder where the module keeps its own state (audit log, catalog, version store):
/// <c>$env:DATACENTERTOOLS_HOME</c> when set, else <c>DataCenterTools</c> under the user's local
/// application-data folder (~/.local/share on Linux, %LOCALAPPDATA% on Windows).
/// </summary>
public static class DataCenterToolsHome
{
    public const string EnvironmentVariable = "DATACENTERTOOLS_HOME";

    /// <summary>The folder path, read afresh each time so a runbook can switch it between calls.</summary>
    public static string Path
    {
        get
        {
            var configured = Environment.GetEnvironmentVariable(EnvironmentVariable);
            if (!string.IsNullOrWhiteSpace(configured)) return System.IO.Path.GetFullPath(configured);
            var appData = Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData,
                Environment.SpecialFolderOption.DoNotVerify);
            if (string.IsNullOrEmpty(appData))
                appData = System.IO.Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".local", "share");
            return System.IO.Path.Combine(appData, "DataCenterTools");
        }
    }

    /// <summary>Creates the folder if needed (owner-only on Unix: it holds logs and catalogs) and returns it.</summary>
    public static string Ensure()
    {
        var path = Path;
        if (!Directory.Exists(path))
        {
            if (OperatingSystem.IsWindows()) Directory.CreateDirectory(path);
            else Directory.CreateDirectory(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
        return path;
    }
}

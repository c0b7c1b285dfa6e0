namespace DataCenterTools.Core.Management;

/// <summary>
/// Where the module keeps its state: $env:DATACENTERTOOLS_HOME, else DataCenterTools in the user's data folder.
/// </summary>
internal static class CatalogHome
{
    public static string Ensure()
    {
        var home = Environment.GetEnvironmentVariable("DATACENTERTOOLS_HOME");
        if (string.IsNullOrWhiteSpace(home))
            home = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.Create), "DataCenterTools");
        return Directory.CreateDirectory(Path.GetFullPath(home)).FullName;
    }
}

namespace DataCenterTools.Core.Tests;

/// <summary>
/// Real data in ../shared/data that the project may not ship (no licence to copy it): found by walking up from the
/// test assembly's folder, as a clone sits beside shared/ on the development machines and CI clones it without.
/// </summary>
internal static class SharedData
{
    /// <summary>The full path of shared/data/<paramref name="relativePath"/>, or null where it is absent.</summary>
    public static string? Find(string relativePath)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir != null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "shared", "data", relativePath);
            if (File.Exists(candidate)) return candidate;
        }
        return null;
    }
}

/// <summary>
/// A fact that needs a file of ../shared/data: skipped where the file is absent, with the reason, so the closing
/// count of ./build.sh test names it instead of counting a test that checked nothing as passed.
/// </summary>
public sealed class SharedDataFactAttribute : FactAttribute
{
    public SharedDataFactAttribute(string relativePath)
    {
        if (SharedData.Find(relativePath) == null)
            Skip = $"needs ../shared/data/{relativePath}, which the project does not ship (no licence to copy it)";
    }
}

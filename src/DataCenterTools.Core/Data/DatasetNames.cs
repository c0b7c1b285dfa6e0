namespace DataCenterTools.Core.Data;

public static class DatasetNames
{
    /// <summary>The file name without its extensions (.csv.gz -> name).</summary>
    public static string FromPath(string path)
    {
        var name = Path.GetFileName(path);
        if (name.EndsWith(".gz", StringComparison.OrdinalIgnoreCase)) name = name[..^3];
        return Path.GetFileNameWithoutExtension(name);
    }
}

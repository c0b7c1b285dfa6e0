using DataCenterTools.Core.Data;

namespace DataCenterTools.Core.Text.Corpus;

/// <summary>One unit of a streaming run: an input file (or, for one document per file, all of them), written to one output file.</summary>
public sealed record CorpusUnit(string Name, IReadOnlyList<string> Files);

/// <summary>Expands folders into the corpus files they hold and plans the units of a streaming run.</summary>
public static class CorpusFiles
{
    private static readonly string[] CorpusExtensions = [".jsonl", ".ndjson", ".json", ".parquet"];

    /// <summary>
    /// Files as given, and for a folder every corpus file under it (JSON Lines, plain/.gz/.zst, and Parquet; with
    /// <paramref name="documentPerFile"/> every file), sorted by path so every machine sees the same order. Names
    /// starting with _ or . are skipped in folders: they are run manifests and temp files.
    /// </summary>
    public static List<string> Expand(IEnumerable<string> paths, bool documentPerFile)
    {
        var result = new List<string>();
        foreach (var path in paths)
        {
            var full = Path.GetFullPath(path);
            if (!Directory.Exists(full)) { result.Add(full); continue; }
            result.AddRange(Directory.EnumerateFiles(full, "*", SearchOption.AllDirectories)
                .Where(f => Path.GetFileName(f) is var n && !n.StartsWith('_') && !n.StartsWith('.') && (documentPerFile || IsCorpusFile(n)))
                .Order(StringComparer.Ordinal));
        }
        var distinct = result.Distinct(StringComparer.Ordinal).ToList();
        if (distinct.Count == 0)
            throw new DataException("NoCorpusFiles", DataErrorKind.ObjectNotFound, "No corpus files were found at the given paths.",
                "Give .jsonl, .jsonl.gz, .jsonl.zst or .parquet files, a folder that holds them, or {option:DocumentPerFile} for plain text files.");
        return distinct;
    }

    public static bool IsCorpusFile(string name) => CorpusExtensions.Contains(Path.GetExtension(Stem(name, keepFormat: true)), StringComparer.OrdinalIgnoreCase);

    /// <summary>The file name without compression and format extensions (part-0001.jsonl.zst -> part-0001).</summary>
    public static string Stem(string name, bool keepFormat = false)
    {
        var n = Path.GetFileName(name);
        foreach (var c in new[] { ".gz", ".zst" }) if (n.EndsWith(c, StringComparison.OrdinalIgnoreCase)) n = n[..^c.Length];
        if (keepFormat) return n;
        foreach (var f in CorpusExtensions) if (n.EndsWith(f, StringComparison.OrdinalIgnoreCase)) return n[..^f.Length];
        return n;
    }

    /// <summary>The units: one per file, or one for all files when each file is a document.</summary>
    public static List<CorpusUnit> Plan(IReadOnlyList<string> files, bool documentPerFile)
    {
        if (documentPerFile) return [new CorpusUnit("documents", files)];
        var units = files.Select(f => new CorpusUnit(Stem(f), [f])).ToList();
        var clash = units.GroupBy(u => u.Name, StringComparer.OrdinalIgnoreCase).FirstOrDefault(g => g.Count() > 1);
        if (clash != null)
            throw new DataException("OutputNameCollision", DataErrorKind.InvalidArgument,
                $"Two inputs would write the same output '{clash.Key}': {string.Join(", ", clash.Select(u => u.Files[0]))}.",
                "Run them into different {option:OutputPath} folders, or rename one.");
        return units;
    }
}

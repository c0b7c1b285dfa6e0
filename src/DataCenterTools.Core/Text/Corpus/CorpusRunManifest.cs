using System.Text.Json;
using System.Text.Json.Serialization;
using DataCenterTools.Core.Data;

namespace DataCenterTools.Core.Text.Corpus;

/// <summary>What a streaming run has finished, kept in the output folder as _run-manifest.json (written atomically after each file).</summary>
public sealed class CorpusRunManifest
{
    public const string FileName = "_run-manifest.json";
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull };

    public string Operation { get; set; } = "";
    public SortedDictionary<string, string> Parameters { get; set; } = new(StringComparer.Ordinal);
    public List<UnitRecord> Units { get; set; } = [];

    /// <summary>One finished unit: its inputs as they were (size and time, so a changed input is done again) and its outputs.</summary>
    public sealed class UnitRecord
    {
        public string Name { get; set; } = "";
        public List<InputRecord> Inputs { get; set; } = [];
        public string Output { get; set; } = "";
        public long OutputBytes { get; set; }
        public string? Rejects { get; set; }
        public long DocumentsIn { get; set; }
        public long DocumentsOut { get; set; }
        public long Rejected { get; set; }
        public DateTime FinishedUtc { get; set; }
    }

    public sealed record InputRecord(string Path, long Size, DateTime LastWriteUtc)
    {
        public static InputRecord Of(string path)
        {
            var info = new FileInfo(path);
            return new InputRecord(info.FullName, info.Length, info.LastWriteTimeUtc);
        }
    }

    public static CorpusRunManifest? Load(string folder)
    {
        var path = Path.Combine(folder, FileName);
        if (!File.Exists(path)) return null;
        try { return JsonSerializer.Deserialize<CorpusRunManifest>(File.ReadAllBytes(path), Json); }
        catch (JsonException e)
        {
            throw new DataException("RunManifestInvalid", DataErrorKind.InvalidData, $"'{path}' is not a run manifest this module can read: {e.Message}",
                "Delete it to start the run over (with {option:Force} to replace the outputs).", path, inner: e);
        }
    }

    public void Save(string folder) => AtomicFile.WriteAllBytes(Path.Combine(folder, FileName), JsonSerializer.SerializeToUtf8Bytes(this, Json), overwrite: true);

    /// <summary>The record of a unit finished with the same settings and unchanged inputs whose output is still there, or null.</summary>
    public UnitRecord? Finished(CorpusUnit unit, string operation, IReadOnlyDictionary<string, string> parameters)
    {
        if (Operation != operation || !SameParameters(parameters)) return null;
        var record = Units.FirstOrDefault(u => u.Name == unit.Name);
        if (record == null || record.Inputs.Count != unit.Files.Count) return null;
        for (var i = 0; i < unit.Files.Count; i++)
            if (record.Inputs[i] != InputRecord.Of(unit.Files[i])) return null;
        return File.Exists(record.Output) && new FileInfo(record.Output).Length == record.OutputBytes ? record : null;
    }

    public bool SameParameters(IReadOnlyDictionary<string, string> parameters) =>
        Parameters.Count == parameters.Count && parameters.All(p => Parameters.TryGetValue(p.Key, out var v) && v == p.Value);
}

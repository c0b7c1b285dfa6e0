using System.Text.Json;
using DataCenterTools.Core.Data;

/// <summary>
/// The stages of a JSON Lines read (issue 14): the file's bytes, Utf8JsonReader's tokens alone, the tokens with every
/// value taken out as the reader's cells need it (numbers as long/double, strings unescaped), and the module's reader
/// on one thread and on all cores. Each row rebuilds one more part, so the differences are the cost of each part.
/// </summary>
internal static class JsonLinesStages
{
    public static void Add(List<(string Name, Action Run)> stages, string file)
    {
        var name = Path.GetFileName(file);
        stages.Add(($"{name}: read bytes", () => File.ReadAllBytes(file)));
        stages.Add(($"{name}: Utf8JsonReader tokens only, 1 thread", () => Tokens(file, values: false)));
        stages.Add(($"{name}: Utf8JsonReader + each value taken out, 1 thread", () => Tokens(file, values: true)));
        stages.Add(($"{name}: JsonLinesDatasetReader, 1 thread", () => DatasetReader.Read(file, new ReadOptions { MaxDegreeOfParallelism = 1 })));
        stages.Add(($"{name}: JsonLinesDatasetReader (module default)", () => DatasetReader.Read(file, new ReadOptions())));
    }

    /// <summary>After a read: the result's own bytes, the live heap, and what the GC has committed and keeps (peak RSS is the OS's view).</summary>
    public static string Memory(Dataset dataset)
    {
        var info = GC.GetGCMemoryInfo(GCKind.Any);
        var committed = info.TotalCommittedBytes;
        var live = GC.GetTotalMemory(forceFullCollection: true);
        return $"memory MB: dataset {dataset.Columns.Sum(c => c.EstimatedBytes) >> 20}, live heap {live >> 20}, committed before full GC {committed >> 20}, " +
            $"GCs gen0/1/2 {GC.CollectionCount(0)}/{GC.CollectionCount(1)}/{GC.CollectionCount(2)}";
    }

    private static long Tokens(string file, bool values)
    {
        var bytes = File.ReadAllBytes(file);
        var data = bytes.AsSpan();
        var chars = new char[1 << 16];
        long sum = 0;
        while (!data.IsEmpty)
        {
            var newline = data.IndexOf((byte)'\n');
            var line = newline >= 0 ? data[..newline] : data;
            data = newline >= 0 ? data[(newline + 1)..] : default;
            var reader = new Utf8JsonReader(line, isFinalBlock: true, state: default);
            while (reader.Read())
            {
                if (!values) continue;
                switch (reader.TokenType)
                {
                    case JsonTokenType.Number:
                        if (reader.TryGetInt64(out var l)) sum += l;
                        else if (reader.TryGetDouble(out var d)) sum += (long)d;
                        break;
                    case JsonTokenType.String:
                        sum += reader.CopyString(chars);
                        break;
                }
            }
        }
        return sum;
    }
}

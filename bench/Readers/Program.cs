// Where the time of a read goes (issue 14, phase 2): each stage timed alone in this warm process, rounds
// interleaved, medians of wall and CPU milliseconds. Stages that are not the module's own reader rebuild one part of
// it with the same library calls (Sep over the decoded text, the copy of every field), so the differences between
// rows are the cost of each part.
using System.Diagnostics;
using System.Text;
using DataCenterTools.Core.Data;
using nietras.SeparatedValues;

var files = args.Where(a => !a.StartsWith("--")).ToArray();
var rounds = args.FirstOrDefault(a => a.StartsWith("--rounds="))?.Split('=')[1] is { } r ? int.Parse(r) : 3;
var only = args.FirstOrDefault(a => a.StartsWith("--only="))?.Split('=')[1];
if (files.Length == 0) { Console.Error.WriteLine("usage: Readers <csv|parquet|jsonl>... [--rounds=N] [--only=stage] | --first <file>"); return 2; }

if (args.Contains("--first"))
{
    // What a fresh session pays: one read in this new process, then the exact digest of what it read (every value's
    // bits, so two builds can be compared for equal results, not just equal sums).
    var firstProcess = Process.GetCurrentProcess();
    var cpuBefore = firstProcess.TotalProcessorTime;
    var firstClock = Stopwatch.StartNew();
    var ds = DatasetReader.Read(files[0], new ReadOptions());
    var ms = firstClock.Elapsed.TotalMilliseconds;
    firstProcess.Refresh();
    var cpuMs = (firstProcess.TotalProcessorTime - cpuBefore).TotalMilliseconds;
    Console.WriteLine($"first-call ms {ms:0} cpu ms {cpuMs:0} digest {ExactDigest.Of(ds)} load {File.ReadAllText("/proc/loadavg").Trim()}");
    if (args.Contains("--memory")) Console.WriteLine(JsonLinesStages.Memory(ds));
    return 0;
}

var stages = new List<(string Name, Action Run)>();
if (args.Contains("--per-column"))
{
    // Typing alone, column by column: every cell of the file's column as a string, built by TextColumnBuilder.
    using var reader = Sep.Reader(o => o with { DisableColCountCheck = true }).FromFile(files[0]);
    var names = reader.Header.ColNames.ToArray();
    var cells = names.Select(_ => new List<string?>()).ToArray();
    foreach (var row in reader) for (var c = 0; c < names.Length; c++) cells[c].Add(row[c].ToString());
    for (var c = 0; c < names.Length; c++)
    {
        var list = cells[c];
        var name = names[c];
        stages.Add(($"type column {name}", () => TextColumnBuilder.Build(name, new StringListCells(list), NullValueSet.Default)));
    }
    files = [];
}
foreach (var file in files)
{
    var ext = Path.GetExtension(file).ToLowerInvariant();
    if (ext == ".csv")
    {
        stages.Add(($"{Path.GetFileName(file)}: read bytes", () => File.ReadAllBytes(file)));
        stages.Add(($"{Path.GetFileName(file)}: UTF-8 decode (StreamReader)", () =>
        {
            using var sr = new StreamReader(file, Encoding.UTF8, true, 1 << 16);
            var buf = new char[1 << 16];
            while (sr.Read(buf, 0, buf.Length) > 0) { }
        }));
        stages.Add(($"{Path.GetFileName(file)}: Sep rows (split only)", () =>
        {
            using var reader = Sep.Reader(o => o with { HasHeader = false, DisableColCountCheck = true, Unescape = true }).FromFile(file);
            long n = 0;
            foreach (var row in reader) n += row.ColCount;
        }));
        stages.Add(($"{Path.GetFileName(file)}: Sep rows + copy every field", () =>
        {
            using var reader = Sep.Reader(o => o with { HasHeader = false, DisableColCountCheck = true, Unescape = true }).FromFile(file);
            var text = new char[1 << 22];
            var len = 0;
            foreach (var row in reader)
            {
                for (var c = 0; c < row.ColCount; c++)
                {
                    var s = row[c].Span;
                    if (len + s.Length > text.Length) len = 0;
                    s.CopyTo(text.AsSpan(len));
                    len += s.Length;
                }
            }
        }));
        stages.Add(($"{Path.GetFileName(file)}: Sep rows + copy each row once, fields as ranges", () =>
        {
            // What CsvDatasetReader's chunks do since issue 14's third phase: one copy per row, a start and end per field.
            using var reader = Sep.Reader(o => o with { HasHeader = false, DisableColCountCheck = true, Unescape = true }).FromFile(file);
            var text = new char[1 << 22];
            var starts = new int[1 << 16];
            var ends = new int[1 << 16];
            var len = 0;
            foreach (var row in reader)
            {
                var rowText = row.Span;
                ref var rowStart = ref System.Runtime.InteropServices.MemoryMarshal.GetReference(rowText);
                if (len + rowText.Length > text.Length) len = 0;
                for (var c = 0; c < row.ColCount; c++)
                {
                    var s = row[c].Span;
                    var at = (int)(System.Runtime.CompilerServices.Unsafe.ByteOffset(ref rowStart, ref System.Runtime.InteropServices.MemoryMarshal.GetReference(s)) / sizeof(char));
                    starts[c & 0xFFFF] = len + at;
                    ends[c & 0xFFFF] = len + at + s.Length;
                }
                rowText.CopyTo(text.AsSpan(len));
                len += rowText.Length;
            }
        }));
        stages.Add(($"{Path.GetFileName(file)}: CsvDatasetReader, 1 thread", () => DatasetReader.Read(file, new ReadOptions { MaxDegreeOfParallelism = 1 })));
        stages.Add(($"{Path.GetFileName(file)}: CsvDatasetReader (module default)", () => DatasetReader.Read(file, new ReadOptions())));
        stages.Add(($"{Path.GetFileName(file)}: CsvDatasetReader, all String", () =>
        {
            var names = File.ReadLines(file).First().Split(',');
            DatasetReader.Read(file, new ReadOptions { Schema = names.ToDictionary(n => n, _ => ColumnType.String) });
        }));
    }
    else if (ext is ".jsonl" or ".ndjson") JsonLinesStages.Add(stages, file);
    else
    {
        stages.Add(($"{Path.GetFileName(file)}: read bytes", () => File.ReadAllBytes(file)));
        stages.Add(($"{Path.GetFileName(file)}: DatasetReader (module default)", () => DatasetReader.Read(file, new ReadOptions())));
        stages.Add(($"{Path.GetFileName(file)}: DatasetReader, 1 thread", () => DatasetReader.Read(file, new ReadOptions { MaxDegreeOfParallelism = 1 })));
    }
}
if (only != null) stages = stages.Where(s => s.Name.Contains(only, StringComparison.OrdinalIgnoreCase)).ToList();

var process = Process.GetCurrentProcess();
var wall = stages.Select(_ => new List<double>()).ToArray();
var cpu = stages.Select(_ => new List<double>()).ToArray();
var pause = stages.Select(_ => new List<double>()).ToArray();
var gcs = stages.Select(_ => new List<double>()).ToArray();
var first = new double[stages.Count];
for (var i = 0; i < stages.Count; i++) // warm-up: JIT and page cache; the first call is what a fresh session pays
{
    var clock = Stopwatch.StartNew();
    stages[i].Run();
    first[i] = clock.Elapsed.TotalMilliseconds;
}
for (var round = 0; round < rounds; round++)
    for (var i = 0; i < stages.Count; i++)
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        process.Refresh();
        var cpu0 = process.TotalProcessorTime;
        var pause0 = GC.GetTotalPauseDuration();
        var gc0 = GC.CollectionCount(0) + GC.CollectionCount(1) * 100 + GC.CollectionCount(2) * 10000;
        var clock = Stopwatch.StartNew();
        stages[i].Run();
        pause[i].Add((GC.GetTotalPauseDuration() - pause0).TotalMilliseconds);
        gcs[i].Add(GC.CollectionCount(0) + GC.CollectionCount(1) * 100 + GC.CollectionCount(2) * 10000 - gc0);
        wall[i].Add(clock.Elapsed.TotalMilliseconds);
        process.Refresh();
        cpu[i].Add((process.TotalProcessorTime - cpu0).TotalMilliseconds);
    }
static double Median(List<double> v) { var s = v.Order().ToArray(); return s.Length % 2 == 1 ? s[s.Length / 2] : (s[s.Length / 2 - 1] + s[s.Length / 2]) / 2; }
Console.WriteLine("| Stage | First call ms | Wall ms | CPU ms | GC pause ms | GCs (gen0+100 gen1+10000 gen2) |");
Console.WriteLine("|---|---:|---:|---:|---:|---:|");
for (var i = 0; i < stages.Count; i++)
    Console.WriteLine($"| {stages[i].Name} | {first[i]:0} | {Median(wall[i]):0} | {Median(cpu[i]):0} | {Median(pause[i]):0} | {Median(gcs[i]):0} |");
var dbg = typeof(CsvDatasetReader).GetField("DebugWait");
if (dbg != null)
{
    double Ms(string f) => (long)typeof(CsvDatasetReader).GetField(f)!.GetValue(null)! * 1000.0 / Stopwatch.Frequency;
    Console.WriteLine($"reading thread (all runs): loop {Ms("DebugLoop"):0} ms of which throttle wait {Ms("DebugWait"):0} ms; wait for last chunks + finish {Ms("DebugFinish"):0} ms");
}
Console.WriteLine($"load average: {File.ReadAllText("/proc/loadavg").Trim()}");
return 0;

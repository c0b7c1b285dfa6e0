using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using DataCenterTools.Core.Distribution;
using DataCenterTools.Core.Privacy;
using DataCenterTools.Core.Query;
using DataCenterTools.Core.Text.Dedup;

// Each kernel against the .NET way of doing the same work, on the same inputs, interleaved round by round (the
// machine is shared: alternating keeps a burst of load from favouring one side), with a check that both give the
// same result. Prints one JSON object per comparison; bench/Measure-Kernels.ps1 turns them into RESULTS.md.
var rounds = args.Length > 0 ? int.Parse(args[0]) : 7;
var rows = args.Length > 1 ? int.Parse(args[1]) : 1_000_000;
var only = args.Length > 2 ? args[2] : "all"; // "hmac": only the HMAC comparison (run again with DATACENTERTOOLS_MANAGED_SHA256=1); "minhash": only MinHash signing
var results = new List<object>();

// ---- NumericSort.Sort (radix on the bits of doubles) against Array.Sort(double[])
if (only == "all")
foreach (var (name, make) in new (string, Func<int, double[]>)[]
{
    ($"{rows:N0} doubles, one decimal in 0-100 (a cpu_pct column)", n => Doubles(n, r => Math.Round(r.NextDouble() * 100, 1))),
    ($"{rows:N0} doubles, uniform in 0-1e6", n => Doubles(n, r => r.NextDouble() * 1e6)),
    ($"{rows / 10:N0} doubles, uniform in 0-1e6", n => Doubles(n / 10, r => r.NextDouble() * 1e6)),
})
{
    var source = make(rows);
    var ours = (double[])source.Clone();
    var theirs = (double[])source.Clone();
    NumericSort.Sort(ours);
    Array.Sort(theirs);
    results.Add(Compare("NumericSort.Sort", "Array.Sort(double[])", name, ours.AsSpan().SequenceEqual(theirs),
        () => { var a = (double[])source.Clone(); return Time(() => NumericSort.Sort(a)); },
        () => { var a = (double[])source.Clone(); return Time(() => Array.Sort(a)); }));
}

// ---- RowOrder.RadixSort (stable, keys with the row order) against Array.Sort(keys, order) made stable
if (only == "all")
foreach (var (name, make) in new (string, Func<int, ulong[]>)[]
{
    ($"{rows:N0} random 64-bit keys (a Double column)", n => Keys(n, r => (ulong)r.NextInt64() ^ ((ulong)r.Next() << 63))),
    ($"{rows:N0} keys of 12 distinct values (a host column)", n => Keys(n, r => (ulong)r.Next(12))),
    ($"{rows:N0} increasing DateTime ticks (a time column, already in order)", n => { var k = Keys(n, r => 0); for (var i = 0; i < n; i++) k[i] = (ulong)new DateTime(2026, 11, 1).AddSeconds(5 * i).Ticks; return k; }),
})
{
    var source = make(rows);
    var ours = RadixOrder(source);
    var theirs = StableArraySortOrder(source);
    results.Add(Compare("RowOrder.RadixSort", "Array.Sort(keys, rows) + ties by row", name, ours.AsSpan().SequenceEqual(theirs),
        () => Time(() => RadixOrder(source)), () => Time(() => StableArraySortOrder(source))));
}

// ---- MinHasher.Sign: the AVX-512 loop against the AVX2 one, and AVX2 against the scalar 128-bit multiply, on the
// 5-word shingles of the first documents of a text corpus (args[3], default bench/work/text-corpus-round0.jsonl).
var corpus = args.Length > 3 ? args[3] : "bench/work/text-corpus-round0.jsonl";
if (only is "all" or "minhash" && !File.Exists(corpus)) Console.Error.WriteLine($"MinHash skipped: no {corpus} (bench/Measure-Text.ps1 builds it).");
else if (only is "all" or "minhash")
{
    var hasher = new MinHasher(new MinHashOptions());
    var documents = new List<ulong[]>();
    var tokens = new List<ulong>();
    var shingles = new List<ulong>();
    foreach (var line in File.ReadLines(corpus).Take(rows / 200))
    {
        ShingleText.TokenHashes(JsonDocument.Parse(line).RootElement.GetProperty("text").GetString()!, ShingleUnit.Word, hasher.Options.Seed, tokens);
        ShingleText.ShingleHashes(tokens, hasher.Options.NGram, hasher.Options.Seed, shingles);
        documents.Add([.. shingles]);
    }
    var input = $"{documents.Count:N0} documents, {documents.Sum(d => d.Length):N0} shingles, 112 permutations";
    ulong[] SignAll(SignPath path)
    {
        var all = new ulong[documents.Count * 112];
        for (var d = 0; d < documents.Count; d++) hasher.Sign(documents[d], all.AsSpan(d * 112, 112), path);
        return all;
    }
    var best = hasher.BestPath;
    if (best == SignPath.Avx512)
        results.Add(Compare("MinHasher.Sign (AVX-512)", "MinHasher.Sign (AVX2)", input, SignAll(SignPath.Avx512).AsSpan().SequenceEqual(SignAll(SignPath.Avx2)),
            () => Time(() => SignAll(SignPath.Avx512)), () => Time(() => SignAll(SignPath.Avx2))));
    results.Add(Compare("MinHasher.Sign (AVX2)", "MinHasher.Sign (scalar)", input, SignAll(SignPath.Avx2).AsSpan().SequenceEqual(SignAll(SignPath.Scalar)),
        () => Time(() => SignAll(SignPath.Avx2)), () => Time(() => SignAll(SignPath.Scalar))));
}
if (only == "minhash") { foreach (var r in results) Console.WriteLine(JsonSerializer.Serialize(r)); return 0; }

// ---- HmacSha256 (precomputed pads, OpenSSL's SHA256_Transform where present) against HMACSHA256.HashData
var key = RandomNumberGenerator.GetBytes(32);
var messages = Enumerable.Range(0, rows).Select(i =>
    Encoding.UTF8.GetBytes($"{new[] { "user", "ops", "j.smith", "admin" }[i % 4]}.{i}{new[] { "", "x", "dc" }[i % 3]}@example.com")).ToArray();
var hmac = new HmacSha256(key);
var path = HmacSha256.UsesNativeCompression ? "OpenSSL SHA256_Transform" : "managed rounds";
foreach (var parallel in new[] { true, false })
{
    var ours = Macs(messages, parallel, (m, d) => hmac.Compute(m, d));
    var theirs = Macs(messages, parallel, (m, d) => HMACSHA256.HashData(key, m, d));
    var threads = parallel ? $"parallel chunks on {Environment.ProcessorCount} cores" : "one thread";
    results.Add(Compare($"HmacSha256 ({path})", "HMACSHA256.HashData", $"{rows:N0} e-mail addresses, {threads}", ours.AsSpan().SequenceEqual(theirs),
        () => Time(() => Macs(messages, parallel, (m, d) => hmac.Compute(m, d))),
        () => Time(() => Macs(messages, parallel, (m, d) => HMACSHA256.HashData(key, m, d)))));
}

foreach (var r in results) Console.WriteLine(JsonSerializer.Serialize(r));
return 0;

object Compare(string oursName, string theirsName, string input, bool same, Func<double> ours, Func<double> theirs)
{
    ours(); theirs(); // warm-up: JIT tiers and caches
    var a = new List<double>(); var b = new List<double>();
    for (var i = 0; i < rounds; i++)
    {
        if (i % 2 == 0) { a.Add(ours()); b.Add(theirs()); } else { b.Add(theirs()); a.Add(ours()); }
    }
    Console.Error.WriteLine($"{input}: {oursName} {Median(a):0.0} ms, {theirsName} {Median(b):0.0} ms");
    return new { ours = oursName, theirs = theirsName, input, same, oursMs = Median(a), theirsMs = Median(b), rounds };
}

double Time(Action work)
{
    GC.Collect();
    var clock = Stopwatch.StartNew();
    work();
    return clock.Elapsed.TotalMilliseconds;
}

static double Median(List<double> values) { var s = values.Order().ToArray(); return s[(s.Length - 1) / 2]; }

static double[] Doubles(int n, Func<Random, double> next) { var r = new Random(7); var a = new double[n]; for (var i = 0; i < n; i++) a[i] = next(r); return a; }

static ulong[] Keys(int n, Func<Random, ulong> next) { var r = new Random(11); var a = new ulong[n]; for (var i = 0; i < n; i++) a[i] = next(r); return a; }

static int[] RadixOrder(ulong[] source)
{
    var n = source.Length;
    var keys = (ulong[])source.Clone();
    var order = new int[n];
    for (var i = 0; i < n; i++) order[i] = i;
    RowOrder.RadixSort(keys, order, new ulong[n], new int[n]);
    return order;
}

// The fastest stable order Array.Sort gives: an introsort of keys with the rows alongside (not stable), then each
// run of equal keys put back in row order.
static int[] StableArraySortOrder(ulong[] source)
{
    var n = source.Length;
    var keys = (ulong[])source.Clone();
    var order = new int[n];
    for (var i = 0; i < n; i++) order[i] = i;
    Array.Sort(keys, order);
    for (var start = 0; start < n;)
    {
        var end = start + 1;
        while (end < n && keys[end] == keys[start]) end++;
        if (end - start > 1) Array.Sort(order, start, end - start);
        start = end;
    }
    return order;
}

static byte[] Macs(byte[][] messages, bool parallel, MacFunction mac)
{
    const int chunk = 1 << 14; // PseudonymHasher's rows per chunk
    var output = new byte[messages.Length * 32];
    void Run(int c)
    {
        var end = Math.Min(messages.Length, (c + 1) * chunk);
        for (var i = c * chunk; i < end; i++) mac(messages[i], output.AsSpan(i * 32, 32));
    }
    var chunks = (messages.Length + chunk - 1) / chunk;
    if (parallel) Parallel.For(0, chunks, Run);
    else for (var c = 0; c < chunks; c++) Run(c);
    return output;
}

delegate void MacFunction(ReadOnlySpan<byte> message, Span<byte> destination);

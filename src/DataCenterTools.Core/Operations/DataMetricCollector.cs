using System.Diagnostics;
using DataCenterTools.Core.Data;
using DataCenterTools.Core.Distribution;
using DataCenterTools.Core.Labeling;
using DataCenterTools.Core.Management;
using DataCenterTools.Core.Text.Corpus;
using DataCenterTools.Core.Text.Tokens;
using F = DataCenterTools.Core.Operations.DataMetricFamilies;

namespace DataCenterTools.Core.Operations;

/// <summary>What every sample shares: the host label, a dataset label that overrides the objects' own names, the run's name and clock.</summary>
public sealed record DataMetricContext
{
    public required string Host { get; init; }
    /// <summary>-Dataset: the dataset label for every input (ColumnDrift and the token summaries carry no name of their own).</summary>
    public string? Dataset { get; init; }
    /// <summary>The run label of a TimeSpan or Stopwatch input.</summary>
    public string Run { get; init; } = "total";
    /// <summary>-Label: labels added to every sample (an environment, a cluster); none may be one the metrics set themselves.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Labels { get; init; } = [];
    public DateTime NowUtc { get; init; } = DateTime.UtcNow;

    /// <summary>The label names the metrics set themselves, which -Label may not take: host, dataset, column, ...</summary>
    public static IReadOnlySet<string> ReservedLabels { get; } =
        DataMetricFamilies.All.SelectMany(f => f.Labels).Append("host").ToHashSet(StringComparer.Ordinal);

    /// <summary>Refuses a -Label that would clash with a label of the metrics (the format forbids a label twice).</summary>
    public void Validate()
    {
        foreach (var (name, _) in Labels)
        {
            var clean = MetricExposition.SanitizeLabelName(name);
            if (ReservedLabels.Contains(clean))
                throw new DataException("MetricLabelReserved", DataErrorKind.InvalidArgument,
                    $"{{option:Label}} names '{name}', a label the metrics set themselves.",
                    $"Use {{option:HostName}} for host and {{option:DatasetLabel}} for dataset; other {{option:Label}} names must not be one of: {string.Join(", ", ReservedLabels.Order(StringComparer.Ordinal))}.");
        }
    }
}

/// <summary>A metric the caller names itself (a hashtable piped to Export-DataMetric): written as a gauge, the name sanitized and prefixed dct_.</summary>
public sealed record CustomMetric(string Name, double Value, string? Help, IReadOnlyDictionary<string, string> Labels);

/// <summary>
/// Turns the module's output objects into metric samples. <see cref="Map"/> is the table: one entry per input type
/// and the method that maps all inputs of that type (so a type can be summed per repository or per format); a new
/// type is one entry and one method. Inputs are kept until <see cref="Samples"/>, in the order they came.
/// </summary>
public sealed class DataMetricCollector(DataMetricContext context)
{
    private static readonly (Type Type, Action<IReadOnlyList<object>, MetricSink> Map)[] Map =
    [
        (typeof(Dataset), (all, sink) => Each<Dataset>(all, sink, MapDataset)),
        (typeof(ColumnDrift), (all, sink) => Each<ColumnDrift>(all, sink, MapDrift)),
        (typeof(DataContractResult), (all, sink) => Each<DataContractResult>(all, sink, MapContractResult)),
        (typeof(DataContractViolation), (all, sink) => Each<DataContractViolation>(all, sink, MapContractViolation)),
        (typeof(LabelAgreement), (all, sink) => Each<LabelAgreement>(all, sink, MapLabelAgreement)),
        (typeof(BackupSnapshot), (all, sink) => MapBackupSnapshots(all.Cast<BackupSnapshot>(), sink)),
        (typeof(BackupVerification), (all, sink) => Each<BackupVerification>(all, sink, MapBackupVerification)),
        (typeof(CatalogEntry), (all, sink) => MapCatalog(all.Cast<CatalogEntry>(), sink)),
        (typeof(DatasetVersionInfo), (all, sink) => MapVersions(all.Cast<DatasetVersionInfo>(), sink)),
        (typeof(DatasetFileInfo), (all, sink) => MapInventory(all.Cast<DatasetFileInfo>(), sink)),
        (typeof(TokenCountSummary), (all, sink) => Each<TokenCountSummary>(all, sink, MapTokens)),
        (typeof(CorpusFileResult), (all, sink) => Each<CorpusFileResult>(all, sink, MapCorpusFile)),
        (typeof(TimeSpan), (all, sink) => Each<TimeSpan>(all, sink, (t, s) => s.Add(F.RunDuration, t.TotalSeconds, ("run", s.Context.Run)))),
        (typeof(Stopwatch), (all, sink) => Each<Stopwatch>(all, sink, (t, s) => s.Add(F.RunDuration, t.Elapsed.TotalSeconds, ("run", s.Context.Run)))),
        (typeof(CustomMetric), (all, sink) => Each<CustomMetric>(all, sink, MapCustom)),
    ];

    private readonly List<(int Entry, object Input)> _inputs = [];
    private readonly DataMetricContext _context = Validated(context);

    private static DataMetricContext Validated(DataMetricContext context)
    {
        context.Validate();
        return context;
    }

    /// <summary>The input types Export-DataMetric takes, for its help and its error message.</summary>
    public static IReadOnlyList<Type> SupportedTypes { get; } = Map.Select(m => m.Type).ToArray();

    /// <summary>Keeps <paramref name="input"/> for the export; false when no entry of the table takes its type.</summary>
    public bool TryAdd(object input)
    {
        var entry = Array.FindIndex(Map, m => m.Type.IsInstanceOfType(input));
        if (entry < 0) return false;
        _inputs.Add((entry, input));
        return true;
    }

    /// <summary>The samples of every input so far, plus dct_metrics_written_timestamp_seconds.</summary>
    public IReadOnlyList<MetricSample> Samples()
    {
        var sink = new MetricSink(_context);
        foreach (var group in _inputs.GroupBy(i => i.Entry).OrderBy(g => g.Key))
            Map[group.Key].Map(group.Select(i => i.Input).ToArray(), sink);
        sink.Add(F.Written, UnixSeconds(_context.NowUtc));
        return sink.Samples;
    }

    public static double UnixSeconds(DateTime time) =>
        ((time.Kind == DateTimeKind.Local ? time.ToUniversalTime() : DateTime.SpecifyKind(time, DateTimeKind.Utc)) - DateTime.UnixEpoch).TotalSeconds;

    private static void Each<T>(IReadOnlyList<object> all, MetricSink sink, Action<T, MetricSink> map)
    {
        foreach (var item in all) map((T)item, sink);
    }

    private static void MapDataset(Dataset d, MetricSink s)
    {
        var dataset = ("dataset", s.DatasetLabel(d.Name));
        s.Add(F.DatasetRows, d.RowCount, dataset);
        s.Add(F.DatasetColumns, d.ColumnCount, dataset);
        s.Add(F.DatasetMemoryBytes, d.EstimatedBytes, dataset);
        if (d.Source != null) s.Add(F.DatasetSourceBytes, d.Source.Size, dataset);
        if (d.ImportReport != null) s.Add(F.DatasetBadRows, d.ImportReport.BadRows, dataset);
        foreach (var column in d.Columns) s.Add(F.DatasetMissingCells, column.NullCount, dataset, ("column", column.Name));
    }

    private static void MapDrift(ColumnDrift d, MetricSink s)
    {
        (string, string?)[] labels = [("dataset", s.DatasetLabel(null)), ("column", d.Column), ("method", d.Method.ToString())];
        s.Add(F.DriftScore, d.Score, labels);
        s.Add(F.DriftThreshold, d.Threshold, labels);
        s.Add(F.DriftDetected, d.Drifted ? 1 : 0, labels);
    }

    private static void MapContractResult(DataContractResult r, MetricSink s)
    {
        (string, string?)[] labels = [("dataset", s.DatasetLabel(r.Dataset)), ContractLabel(r.Contract)];
        s.Add(F.ContractPassed, r.Passed ? 1 : 0, labels);
        s.Add(F.ContractRules, r.RulesChecked, labels);
        s.Add(F.ContractRulesViolated, r.Violations, labels);
        s.Add(F.ContractRows, r.Rows, labels);
        s.Add(F.ContractCheckDuration, r.Elapsed.TotalSeconds, labels);
    }

    private static void MapContractViolation(DataContractViolation v, MetricSink s) =>
        s.Add(F.ContractViolationRows, v.Count, ("dataset", s.DatasetLabel(v.Dataset)), ContractLabel(v.Contract), ("rule", v.Rule), ("column", v.Column));

    // The file name only: the folder differs from host to host, the name is what a dashboard filters by.
    private static (string, string?) ContractLabel(string? path) => ("contract", path == null ? null : Path.GetFileName(path));

    private static void MapLabelAgreement(LabelAgreement a, MetricSink s)
    {
        var dataset = ("dataset", s.DatasetLabel(a.Name));
        s.Add(F.LabelItems, a.Items, dataset);
        s.Add(F.LabelAnnotators, a.AnnotatorCount, dataset);
        s.Add(F.LabelAgreementRatio, a.PercentAgreement / 100, dataset);
        s.Add(F.LabelFleissKappa, a.FleissKappa, dataset);
        s.Add(F.LabelKrippendorffAlpha, a.KrippendorffAlpha, dataset);
    }

    private static void MapBackupSnapshots(IEnumerable<BackupSnapshot> snapshots, MetricSink s)
    {
        foreach (var repository in snapshots.GroupBy(b => b.Repository ?? ""))
        {
            var label = ("repository", repository.Key);
            var newest = repository.MaxBy(b => b.TimeUtc)!;
            s.Add(F.BackupSnapshots, repository.Count(), label);
            s.Add(F.BackupLastSnapshotTimestamp, UnixSeconds(newest.TimeUtc), label);
            s.Add(F.BackupAge, UnixSeconds(s.Context.NowUtc) - UnixSeconds(newest.TimeUtc), label);
            if (newest.TotalBytes is { } bytes) s.Add(F.BackupSizeBytes, bytes, label);
        }
    }

    private static void MapBackupVerification(BackupVerification v, MetricSink s)
    {
        var label = ("repository", v.Repository);
        s.Add(F.BackupVerifyPassed, v.Passed ? 1 : 0, label);
        s.Add(F.BackupVerifyProblems, v.Problems.Count, label);
        s.Add(F.BackupVerifyChunks, v.Chunks, label);
        s.Add(F.BackupVerifyTimestamp, UnixSeconds(s.Context.NowUtc), label);
    }

    private static void MapCatalog(IEnumerable<CatalogEntry> entries, MetricSink s)
    {
        var names = entries.GroupBy(e => e.Name, StringComparer.Ordinal).ToArray();
        s.Add(F.CatalogDatasets, names.Length);
        foreach (var name in names)
        {
            var dataset = ("dataset", (string?)name.Key);
            var newest = name.MaxBy(e => e.Version)!;
            s.Add(F.CatalogVersions, name.Count(), dataset);
            s.Add(F.CatalogSizeBytes, newest.SizeBytes, dataset);
            s.Add(F.CatalogRows, newest.Rows, dataset);
        }
    }

    private static void MapVersions(IEnumerable<DatasetVersionInfo> versions, MetricSink s)
    {
        foreach (var name in versions.GroupBy(v => v.Name, StringComparer.Ordinal))
        {
            var dataset = ("dataset", (string?)name.Key);
            var newest = name.MaxBy(v => v.Version)!;
            s.Add(F.VersionsSaved, name.Count(), dataset);
            s.Add(F.VersionLatest, newest.Version, dataset);
            s.Add(F.VersionLastTimestamp, UnixSeconds(newest.TimeUtc), dataset);
        }
    }

    private static void MapInventory(IEnumerable<DatasetFileInfo> files, MetricSink s)
    {
        foreach (var format in files.GroupBy(f => f.Format + (f.Compressed ? "+gzip" : ""), StringComparer.Ordinal))
        {
            var label = ("format", (string?)format.Key);
            s.Add(F.InventoryFiles, format.Count(), label);
            s.Add(F.InventoryBytes, format.Sum(f => f.Length), label);
            s.Add(F.InventoryRows, format.Sum(f => f.RowCount), label);
        }
    }

    private static void MapTokens(TokenCountSummary t, MetricSink s)
    {
        (string, string?)[] labels = [("dataset", s.DatasetLabel(null)), ("tokenizer", t.Tokenizer)];
        s.Add(F.TextDocuments, t.Documents, labels);
        s.Add(F.TextTokens, t.Tokens, labels);
        s.Add(F.TextTokensMax, t.MaxTokens, labels);
        s.Add(F.TextTokenCountDuration, t.Elapsed.TotalSeconds, labels);
    }

    private static void MapCorpusFile(CorpusFileResult r, MetricSink s)
    {
        (string, string?)[] labels = [("dataset", s.DatasetLabel(null)), ("unit", r.Name)];
        s.Add(F.CorpusDocumentsIn, r.DocumentsIn, labels);
        s.Add(F.CorpusDocumentsOut, r.DocumentsOut, labels);
        s.Add(F.CorpusDocumentsRejected, r.Rejected, labels);
        s.Add(F.CorpusDuration, r.Elapsed.TotalSeconds, labels);
    }

    private static void MapCustom(CustomMetric m, MetricSink s)
    {
        var name = MetricExposition.SanitizeMetricName(m.Name);
        if (!name.StartsWith("dct_", StringComparison.Ordinal)) name = "dct_" + name;
        var known = F.All.FirstOrDefault(f => f.Name == name);
        var family = known ?? new MetricFamily(name, MetricType.Gauge, string.IsNullOrWhiteSpace(m.Help) ? $"{m.Name} (set by the run)." : m.Help);
        // The run's own labels (host, -Label) win over a hashtable's labels of the same name.
        s.Add(family, m.Value, m.Labels.Where(l => l.Key != "host" && !s.Context.Labels.Any(c => c.Key == l.Key)).Select(l => (l.Key, (string?)l.Value)).ToArray());
    }

    /// <summary>Collects samples, adding the host label last to each.</summary>
    private sealed class MetricSink(DataMetricContext context)
    {
        public DataMetricContext Context => context;
        public List<MetricSample> Samples { get; } = [];

        public string? DatasetLabel(string? ownName) => context.Dataset ?? ownName;

        public void Add(MetricFamily family, double value, params (string Name, string? Value)[] labels)
        {
            var pairs = labels.Where(l => !string.IsNullOrEmpty(l.Value))
                .Select(l => KeyValuePair.Create(l.Name, l.Value!)).Concat(context.Labels).Append(KeyValuePair.Create("host", context.Host)).ToArray();
            Samples.Add(new MetricSample(family, pairs, value));
        }
    }
}

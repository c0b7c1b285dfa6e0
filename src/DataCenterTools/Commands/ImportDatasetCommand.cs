using System.Collections;
using System.Management.Automation;
using DataCenterTools.Core.Data;
using DataCenterTools.Core.Management;
using DataCenterTools.Infrastructure;

namespace DataCenterTools.Commands;

/// <summary>Reads CSV, TSV, JSON Lines or Parquet files (optionally .gz) into typed Datasets, one per file or (Hive-partitioned) folder.</summary>
[Cmdlet(VerbsData.Import, "Dataset", DefaultParameterSetName = PathSet)]
[OutputType(typeof(Dataset))]
public sealed class ImportDatasetCommand : DataCmdlet
{
    private const string PathSet = "Path";
    private const string LiteralSet = "LiteralPath";
    private const string CatalogSet = "Catalog";

    [Parameter(Mandatory = true, Position = 0, ParameterSetName = PathSet, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    public string[] Path { get; set; } = [];

    [Parameter(Mandatory = true, ParameterSetName = LiteralSet, ValueFromPipelineByPropertyName = true)]
    [Alias("PSPath", "LP")]
    [ValidateNotNullOrEmpty]
    public string[] LiteralPath { get; set; } = [];

    [Parameter(Mandatory = true, ParameterSetName = CatalogSet)]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(CatalogNameCompleter))]
    public string CatalogName { get; set; } = "";

    [Parameter(ParameterSetName = CatalogSet)]
    [ValidateRange(1, int.MaxValue)]
    public int? Version { get; set; }

    [Parameter(ParameterSetName = CatalogSet)]
    [ValidateNotNullOrEmpty]
    public string? ConnectionString { get; set; }

    [Parameter]
    public DataFormat Format { get; set; } = DataFormat.Auto;

    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? Delimiter { get; set; }

    [Parameter]
    [ValidateSet("UTF8", "UTF8BOM", "UTF16", "UTF16LE", "Unicode", "UTF16BE", "BigEndianUnicode", "Latin1", "ASCII", "GB18030", "GBK", IgnoreCase = true)]
    public string? Encoding { get; set; }

    [Parameter]
    public SwitchParameter NoHeader { get; set; }

    [Parameter]
    [ValidateNotNullOrEmpty]
    public string[]? Header { get; set; }

    [Parameter]
    [ValidateSet("\"", "None", IgnoreCase = true)]
    public string Quote { get; set; } = "\"";

    [Parameter]
    public SwitchParameter TrimSpace { get; set; }

    [Parameter]
    public NonFiniteAction NonFinite { get; set; } = NonFiniteAction.Keep;

    [Parameter]
    [ValidateRange(1.0, double.MaxValue)]
    public double MaxDecompressionRatio { get; set; } = ReadLimits.DefaultMaxDecompressionRatio;

    [Parameter]
    [ValidateRange(1, int.MaxValue)]
    public int MaxColumns { get; set; } = ReadLimits.DefaultMaxColumns;

    [Parameter]
    [ValidateRange(1L, long.MaxValue)]
    public long MaxCells { get; set; } = ReadLimits.DefaultMaxCells;

    [Parameter]
    [ValidateRange(1, int.MaxValue)]
    public int MaxFieldLength { get; set; } = ReadLimits.DefaultMaxFieldLength;

    [Parameter]
    [ValidateNotNullOrEmpty]
    public string[]? Column { get; set; }

    [Parameter]
    public Hashtable? Schema { get; set; }

    [Parameter]
    [AllowEmptyString]
    public string[]? NullValue { get; set; }

    [Parameter]
    public BadRowAction OnBadRow { get; set; } = BadRowAction.Error;

    [Parameter]
    public string? QuarantinePath { get; set; }

    [Parameter]
    public SwitchParameter Force { get; set; }

    [Parameter(ParameterSetName = PathSet)]
    [Parameter(ParameterSetName = LiteralSet)]
    public SwitchParameter DocumentPerFile { get; set; }

    /// <summary>How many files are read at once; results keep the input order. 1 (the default) reads one after another as they arrive.</summary>
    [Parameter(ParameterSetName = PathSet)]
    [Parameter(ParameterSetName = LiteralSet)]
    [ValidateRange(1, 64)]
    public int ThrottleLimit { get; set; } = 1;

    private ReadOptions? _options;
    private readonly List<string> _documents = [];
    private readonly List<string> _pending = [];

    protected override void BeginProcessing()
    {
        try
        {
            _options = new ReadOptions
            {
                Format = Format,
                DelimiterText = Delimiter == null ? null : Delimiters.Parse(Delimiter),
                Encoding = EncodingNames.Resolve(Encoding),
                NoHeader = NoHeader,
                Header = Header,
                Quote = Quote.Equals("None", StringComparison.OrdinalIgnoreCase) ? null : '"',
                TrimSpace = TrimSpace,
                NonFinite = NonFinite,
                Limits = new ReadLimits { MaxDecompressionRatio = MaxDecompressionRatio, MaxColumns = MaxColumns, MaxCells = MaxCells, MaxFieldLength = MaxFieldLength },
                Columns = Column,
                Schema = ParseSchema(Schema),
                NullValues = NullValue == null ? NullValueSet.Default : new NullValueSet(NullValue),
                OnBadRow = OnBadRow,
                QuarantinePath = QuarantinePath == null ? null : ResolveOutputPath(QuarantinePath),
                Force = Force,
            };
            if (OnBadRow == BadRowAction.Quarantine && QuarantinePath == null)
                throw new DataException("QuarantinePathMissing", DataErrorKind.InvalidArgument,
                    "-OnBadRow Quarantine needs -QuarantinePath: the file that receives the bad rows.", "Add -QuarantinePath ./bad-rows.csv.");
        }
        catch (DataException e) { ThrowDataError(e); }
    }

    protected override void ProcessRecord()
    {
        if (ParameterSetName == CatalogSet)
        {
            ImportFromCatalog();
            return;
        }
        var literal = ParameterSetName == LiteralSet;
        if (DocumentPerFile)
        {
            _documents.AddRange(ResolveInputPaths(literal ? LiteralPath : Path, literal));
            return;
        }
        var files = ResolveInputPaths(literal ? LiteralPath : Path, literal).ToList();
        // Files arriving one per pipeline object are gathered, so that -ThrottleLimit has several to read at once.
        if (ThrottleLimit > 1) _pending.AddRange(files);
        else ImportFiles(files);
    }

    /// <summary>Reads the files, <see cref="ThrottleLimit"/> at a time, and writes one Dataset per file in input order.</summary>
    private void ImportFiles(IReadOnlyList<string> files) => ForEachFile(files, ThrottleLimit, "Import-Dataset", (file, cancel) =>
    {
        var progress = new ProgressRecord((int)ProgressActivity.ImportDataset, $"Import-Dataset {System.IO.Path.GetFileName(file.File)}", "Reading");
        var options = _options! with
        {
            // Only the pipeline thread may write progress: files read in parallel count in ForEachFile's bar when done.
            Progress = !file.OnPipelineThread ? null : p =>
            {
                progress.StatusDescription = $"{FormatBytes(p.BytesRead)} of {FormatBytes(p.TotalBytes)}, {p.Rows:N0} rows";
                progress.PercentComplete = p.TotalBytes > 0 ? (int)Math.Min(100, 100 * p.BytesRead / p.TotalBytes) : -1;
                WriteProgress(progress);
            },
            Warning = file.Warning,
            Cancellation = cancel,
            // Each reader parses with its share of the cores, so N files at once do not start N x cores threads.
            MaxDegreeOfParallelism = Math.Max(1, Environment.ProcessorCount / ThrottleLimit),
        };
        var clock = System.Diagnostics.Stopwatch.StartNew();
        try
        {
            // A folder is one Dataset: a Hive-partitioned (or plain) folder of data files.
            var dataset = Directory.Exists(file.File) ? PartitionedDatasetReader.Read(file.File, options) : DatasetReader.Read(file.File, options);
            return (Dataset: dataset, Seconds: clock.Elapsed.TotalSeconds);
        }
        finally
        {
            if (file.OnPipelineThread)
            {
                progress.RecordType = ProgressRecordType.Completed;
                WriteProgress(progress);
            }
        }
    }, (file, read) =>
    {
        WriteVerbose($"Imported '{file.File}': {read.Dataset.RowCount:N0} rows, {read.Dataset.ColumnCount} columns in {read.Seconds:0.000} s.");
        if (read.Dataset.ImportReport is { Complete: false } report) WriteVerbose(report.Summary);
        WriteObject(read.Dataset);
    });

    /// <summary>Reads the files gathered for -ThrottleLimit; with -DocumentPerFile every file (folders expanded) is one document of a single Dataset (id = path, text).</summary>
    protected override void EndProcessing()
    {
        if (_pending.Count > 0) ImportFiles(_pending);
        if (_documents.Count == 0) return;
        var read = new Core.Text.Corpus.CorpusReadOptions { DocumentPerFile = true, Warning = WriteWarning, Cancellation = StopToken };
        TryRun(() =>
        {
            var dataset = Core.Text.Corpus.CorpusDatasets.FromDocuments(_documents, read);
            WriteVerbose($"Imported {dataset.RowCount:N0} documents (one per file) in {Elapsed.TotalSeconds:0.000} s.");
            WriteObject(dataset);
        }, _documents[0]);
    }

    /// <summary>Opens the file a catalog entry points to, after checking its SHA-256 against the catalog.</summary>
    private void ImportFromCatalog()
    {
        var started = Elapsed;
        var options = _options! with { Warning = WriteWarning, Cancellation = StopToken };
        TryRun(() =>
        {
            var (entry, dataset) = DatasetCatalog.Open(ConnectionString).Load(CatalogName, Version, options);
            WriteVerbose($"Imported '{entry.Name}' version {entry.Version} from '{entry.Location}' (SHA-256 verified): {dataset.RowCount:N0} rows in {(Elapsed - started).TotalSeconds:0.000} s.");
            WriteObject(dataset);
        }, CatalogName);
    }



    internal static char? ParseDelimiter(string? text) => text switch
    {
        null => null,
        "\\t" or "`t" or "tab" or "Tab" or "TAB" => '\t',
        { Length: 1 } => text[0],
        _ => throw new DataException("InvalidDelimiter", DataErrorKind.InvalidArgument,
            $"-Delimiter must be one character (or 'tab'); got '{text}'.", "Use for example -Delimiter ';' or -Delimiter \"`t\"."),
    };

    internal static IReadOnlyDictionary<string, ColumnType>? ParseSchema(Hashtable? schema)
    {
        if (schema == null) return null;
        var result = new Dictionary<string, ColumnType>(StringComparer.OrdinalIgnoreCase);
        foreach (DictionaryEntry entry in schema)
        {
            var value = entry.Value is PSObject pso ? pso.BaseObject : entry.Value;
            var typeName = value is Type t ? t.Name : value?.ToString();
            if (!ColumnTypes.TryParse(typeName, out var type))
                throw new DataException("InvalidSchemaType", DataErrorKind.InvalidArgument,
                    $"-Schema gives column '{entry.Key}' the type '{typeName}', which is not a column type.",
                    "Use Int64, Double, Boolean, DateTime or String.");
            result[entry.Key.ToString()!] = type;
        }
        return result;
    }
}

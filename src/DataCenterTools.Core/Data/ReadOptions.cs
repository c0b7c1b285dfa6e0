using System.Text;

namespace DataCenterTools.Core.Data;

/// <summary>How to read a file into a Dataset. Defaults suit the common case: UTF-8, header row, inferred types.</summary>
public sealed record ReadOptions
{
    public DataFormat Format { get; init; } = DataFormat.Auto;
    /// <summary>Field separator; null detects it among , ; tab | and space from the first lines.</summary>
    public char? Delimiter { get; init; }
    /// <summary>
    /// A field separator of one or more characters (", ", ";\t", "\u0001"); overrides <see cref="Delimiter"/> when set.
    /// Separators Sep cannot take itself (several characters, or a character outside ASCII 32-126 and tab) are
    /// read by translating them to one character on the way in, which is slower than the common case.
    /// </summary>
    public string? DelimiterText { get; init; }
    /// <summary>The quote character ('"', the default), or null when quotes are text like any other character.</summary>
    public char? Quote { get; init; } = '"';
    /// <summary>Skip spaces around fields (", " separators, aligned columns); null values are matched after trimming.</summary>
    public bool TrimSpace { get; init; }
    /// <summary>Column names for a delimited file: with <see cref="NoHeader"/> they name the columns, otherwise they replace the header row.</summary>
    public IReadOnlyList<string>? Header { get; init; }
    /// <summary>NaN and ±Infinity in numeric columns: kept as values (default) or read as missing with a warning.</summary>
    public NonFiniteAction NonFinite { get; init; } = NonFiniteAction.Keep;
    /// <summary>Bounds on what one read may hold in memory; see <see cref="ReadLimits"/>.</summary>
    public ReadLimits Limits { get; init; } = ReadLimits.Default;
    /// <summary>Text encoding; null means UTF-8 unless a byte-order mark says otherwise.</summary>
    public Encoding? Encoding { get; init; }
    public bool NoHeader { get; init; }
    /// <summary>Read only these columns (by header name), in this order.</summary>
    public IReadOnlyList<string>? Columns { get; init; }
    /// <summary>Column types the user fixes; a cell that cannot be read as that type is an error.</summary>
    public IReadOnlyDictionary<string, ColumnType>? Schema { get; init; }
    public NullValueSet NullValues { get; init; } = NullValueSet.Default;
    public BadRowAction OnBadRow { get; init; } = BadRowAction.Error;
    /// <summary>Where Quarantine writes bad rows verbatim.</summary>
    public string? QuarantinePath { get; init; }
    /// <summary>Replace an existing quarantine file.</summary>
    public bool Force { get; init; }
    /// <summary>Called on the reading thread, at most every few hundred milliseconds.</summary>
    public Action<ReadProgress>? Progress { get; init; }
    /// <summary>Called on the reading thread with warnings (renamed duplicate headers, skipped rows); options are named as
    /// {option:Name} (<see cref="OptionNames.ForCode"/> reads them).</summary>
    public Action<string>? Warning { get; init; }
    public CancellationToken Cancellation { get; init; }
    /// <summary>Rows per parse chunk; chunks are parsed in parallel.</summary>
    public int ChunkRows { get; init; } = 8_192;
    public int MaxDegreeOfParallelism { get; init; } = Environment.ProcessorCount;
    /// <summary>Dataset name; defaults to the file name without extension.</summary>
    public string? Name { get; init; }
}

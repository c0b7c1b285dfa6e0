using System.Text;

namespace DataCenterTools.Core.Data;

/// <summary>
/// Where malformed rows go under -OnBadRow, shared by the text readers: Error throws, Skip counts,
/// Quarantine copies each bad row verbatim (UTF-8, one per line) into a file that is renamed into
/// place only when the import succeeds, so nothing is lost and nothing half-written is left.
/// </summary>
internal sealed class BadRowSink : IDisposable
{
    private static readonly Encoding Utf8 = new UTF8Encoding(false);
    private readonly ReadOptions _options;
    private readonly string _unit;
    private readonly AtomicFile? _quarantine;

    /// <param name="unit">What a bad item is called in messages: "row" or "line".</param>
    public BadRowSink(ReadOptions options, string unit)
    {
        _options = options;
        _unit = unit;
        if (options.OnBadRow != BadRowAction.Quarantine) return;
        if (string.IsNullOrEmpty(options.QuarantinePath))
            throw new DataException("QuarantinePathMissing", DataErrorKind.InvalidArgument,
                $"{{option:OnBadRow}} Quarantine needs {{option:QuarantinePath}}: the file that receives the bad {unit}s.",
                "Add {option:QuarantinePath} ./bad-rows.txt.");
        _quarantine = AtomicFile.Create(options.QuarantinePath, options.Force);
    }

    public long Count { get; private set; }

    /// <summary>Throws <paramref name="error"/> under Error; otherwise counts the row and, under Quarantine, keeps its text.</summary>
    public void Add(DataException error, ReadOnlySpan<char> rawText)
    {
        if (_options.OnBadRow == BadRowAction.Error) throw error;
        Count++;
        if (_quarantine == null) return;
        var bytes = new byte[Utf8.GetMaxByteCount(rawText.Length) + 1];
        var n = Utf8.GetBytes(rawText, bytes);
        bytes[n] = (byte)'\n';
        _quarantine.Stream.Write(bytes, 0, n + 1);
    }

    /// <summary>Renames the quarantine file into place and says how many rows were set aside.</summary>
    public void Complete(string path)
    {
        _quarantine?.Commit();
        if (Count == 0) return;
        _options.Warning?.Invoke(_options.OnBadRow == BadRowAction.Quarantine
            ? $"{Count} bad {_unit}(s) in '{path}' were written to '{_options.QuarantinePath}'."
            : $"{Count} bad {_unit}(s) in '{path}' were skipped.");
    }

    public void Dispose() => _quarantine?.Dispose();
}

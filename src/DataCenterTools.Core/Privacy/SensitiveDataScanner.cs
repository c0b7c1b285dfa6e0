using System.Globalization;
using DataCenterTools.Core.Data;
using DataCenterTools.Core.Features;

namespace DataCenterTools.Core.Privacy;

/// <summary>
/// Finds the columns of a Dataset that hold personal or secret data: e-mail addresses, phone numbers, IP and MAC
/// addresses, card numbers, IBANs, US SSNs, Chinese resident IDs, URLs and dates of birth, as whole cells or inside
/// free text. Values are validated (Luhn, mod 97, MOD 11-2, SSA rules), and the column name raises the confidence
/// when it agrees and lowers it when it names something else. A column with none of those but named as a demographic
/// quasi-identifier (age, sex, race, nationality, postcode) whose values fit is reported as
/// <see cref="SensitiveDataKind.QuasiIdentifier"/> (see <see cref="QuasiIdentifierColumns"/>).
/// </summary>
public sealed class SensitiveDataScanner
{
    // Confidence = evidence strength x (0.6 + 0.4 x share) + name context. A column where every cell is a
    // valid card number scores its full strength; a note column where one message in ten holds a phone number
    // still scores well above half of it, because a few such cells are enough to make the column sensitive.
    private const double ShareWeight = 0.4;
    private const double NameAgrees = 0.15;
    private const double NameDisagrees = 0.1;
    private const double DateOfBirthStrength = 0.7;
    private const int OldestAge = 130;
    // Results are remembered per distinct text so repeated values cost one look-up; the memory stays bounded
    // on a high-cardinality column scanned with -All.
    private const int MaxRemembered = 65_536;

    public static IReadOnlyList<SensitiveColumnFinding> Scan(Dataset dataset, SensitiveScanOptions? options = null,
        IProgress<double>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        options ??= new SensitiveScanOptions();
        if (options.SampleRows < 1 && !options.ScanAllRows)
            throw new DataException("SampleRowsOutOfRange", DataErrorKind.InvalidArgument,
                $"{{option:SampleRows}} must be at least 1 (got {options.SampleRows}).", "Give a positive number of rows, or {option:All} to scan every row.");
        var columns = options.Columns is { Count: > 0 } names
            ? FeatureColumns.Distinct(names).Select(n => FeatureColumns.Require(dataset, n, "to scan for sensitive data")).ToList()
            : dataset.Columns.ToList();
        var rows = RowsToScan(dataset.RowCount, options);
        var findings = new List<SensitiveColumnFinding>();
        for (var i = 0; i < columns.Count; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var finding = ScanColumn(dataset.Name, columns[i], rows, cancellationToken);
            if (finding != null && finding.Confidence >= options.MinimumConfidence) findings.Add(finding);
            progress?.Report((i + 1) / (double)columns.Count);
        }
        return findings;
    }

    /// <summary>Every row, or <see cref="SensitiveScanOptions.SampleRows"/> rows spread evenly from first to last.</summary>
    private static int[] RowsToScan(int rowCount, SensitiveScanOptions options)
    {
        if (options.ScanAllRows || rowCount <= options.SampleRows) return Enumerable.Range(0, rowCount).ToArray();
        var rows = new int[options.SampleRows];
        for (var i = 0; i < rows.Length; i++) rows[i] = (int)((long)i * rowCount / rows.Length);
        return rows;
    }

    /// <summary>Per kind: the cells that hold it, their summed evidence, how many only inside longer text, two examples.</summary>
    private sealed class KindTally(SensitiveDataKind kind)
    {
        public long Cells;
        public double StrengthSum;
        public long InsideText;
        public readonly List<string> MaskedExamples = [];

        public void Add(double strength, bool insideText, string value)
        {
            Cells++;
            StrengthSum += strength;
            if (insideText) InsideText++;
            // Two examples that look different once masked, so the pair shows more than one value would.
            if (MaskedExamples.Count < 2)
            {
                var masked = SensitiveValueMask.Mask(kind, value);
                if (!MaskedExamples.Contains(masked)) MaskedExamples.Add(masked);
            }
        }
    }

    private static SensitiveColumnFinding? ScanColumn(string datasetName, Column column, int[] rows, CancellationToken cancellationToken)
    {
        var context = ColumnNameContext.KindsNamedBy(column.Name);
        var tallies = new Dictionary<SensitiveDataKind, KindTally>();
        KindTally Tally(SensitiveDataKind kind) => tallies.TryGetValue(kind, out var t) ? t : tallies[kind] = new KindTally(kind);
        long cells = 0;

        if (column is DateTimeColumn dates)
        {
            if (!context.Contains(SensitiveDataKind.DateOfBirth)) return null;
            foreach (var row in rows)
            {
                if (dates.IsNull(row)) continue;
                cells++;
                if (IsPlausibleBirthDate(dates[row])) Tally(SensitiveDataKind.DateOfBirth).Add(DateOfBirthStrength, false, dates[row].ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            }
        }
        else if (column is StringColumn or Int64Column)
        {
            // Each distinct text is examined once: repeated values (dictionary-encoded columns) cost one look-up.
            var seen = new Dictionary<string, (List<PatternMatch> Matches, DateTime? Birth)>(StringComparer.Ordinal);
            var birthContext = context.Contains(SensitiveDataKind.DateOfBirth);
            var n = 0;
            foreach (var row in rows)
            {
                if ((++n & 1023) == 0) cancellationToken.ThrowIfCancellationRequested();
                var text = FeatureColumns.TextAt(column, row);
                if (text == null) continue;
                cells++;
                if (!seen.TryGetValue(text, out var found))
                {
                    found = (SensitivePatterns.Find(text, context), birthContext ? ParseBirthDate(text) : null);
                    if (seen.Count < MaxRemembered) seen[text] = found;
                }
                if (found.Birth != null) Tally(SensitiveDataKind.DateOfBirth).Add(DateOfBirthStrength, false, text.Trim());
                foreach (var group in found.Matches.GroupBy(m => m.Kind))
                {
                    var best = group.MaxBy(m => m.Strength);
                    Tally(group.Key).Add(best.Strength, !CoversCell(text, best), text.Substring(best.Start, best.Length));
                }
            }
        }
        if (cells == 0) return column is DoubleColumn ? QuasiIdentifierColumns.Find(datasetName, column, rows) : null;
        if (tallies.Count == 0) return QuasiIdentifierColumns.Find(datasetName, column, rows);

        var kinds = tallies
            .Select(kv => new SensitiveKindMatch
            {
                Kind = kv.Key,
                MatchCount = kv.Value.Cells,
                MatchShare = kv.Value.Cells / (double)cells,
                Confidence = Confidence(kv.Value.StrengthSum / kv.Value.Cells, kv.Value.Cells / (double)cells, kv.Key, context),
            })
            .OrderByDescending(k => k.Confidence).ThenByDescending(k => k.MatchCount).ThenBy(k => k.Kind)
            .ToList();
        var primary = kinds[0];
        var tally = tallies[primary.Kind];
        return new SensitiveColumnFinding
        {
            Dataset = datasetName,
            Column = column.Name,
            Kind = primary.Kind,
            Kinds = kinds,
            MatchShare = primary.MatchShare,
            Confidence = primary.Confidence,
            Level = SensitiveColumnFinding.LevelOf(primary.Confidence),
            Samples = tally.MaskedExamples.ToList(),
            FreeText = tally.InsideText * 2 > tally.Cells,
            RowsScanned = rows.Length,
            CellsScanned = cells,
        };
    }

    private static double Confidence(double meanStrength, double share, SensitiveDataKind kind, HashSet<SensitiveDataKind> context)
    {
        var value = meanStrength * (1 - ShareWeight + ShareWeight * share);
        if (context.Contains(kind)) value += NameAgrees;
        else if (context.Count > 0) value -= NameDisagrees;
        return Math.Round(Math.Clamp(value, 0, 1), 4);
    }

    /// <summary>Whether the match is the whole cell (apart from surrounding spaces), not a piece of longer text.</summary>
    private static bool CoversCell(string text, PatternMatch match)
    {
        var trimmed = text.AsSpan().Trim();
        var start = text.Length - text.AsSpan().TrimStart().Length;
        return match.Start == start && match.Length == trimmed.Length;
    }

    private static readonly string[] BirthDateFormats = ["yyyy-MM-dd", "yyyy/MM/dd", "yyyyMMdd", "dd.MM.yyyy", "MM/dd/yyyy", "yyyy年M月d日", "yyyy-MM-ddTHH:mm:ss", "yyyy-MM-ddTHH:mm:ssZ"];

    private static DateTime? ParseBirthDate(string text) =>
        DateTime.TryParseExact(text.Trim(), BirthDateFormats, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal, out var d) && IsPlausibleBirthDate(d) ? d : null;

    /// <summary>A date someone alive could have been born on: not in the future and at most 130 years ago.</summary>
    private static bool IsPlausibleBirthDate(DateTime date)
    {
        var today = DateTime.UtcNow.Date;
        return date <= today && date >= today.AddYears(-OldestAge);
    }
}

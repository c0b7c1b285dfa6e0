using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using DataCenterTools.Core.Data;
using DataCenterTools.Core.Query;

namespace DataCenterTools.Core.Operations;

/// <summary>
/// Checks data against a <see cref="DataContract"/> a column at a time over the typed arrays, chunk by chunk, so a
/// file streams through in bounded memory (the key's values and the first examples of each violation are what it
/// keeps). <see cref="Add"/> each chunk, then <see cref="Finish"/>. Every column a rule names must be in the first
/// chunk: a rule on a column that is not there is an error, never a pass.
/// </summary>
public sealed class DataContractChecker
{
    /// <summary>How many row positions and values each violation keeps.</summary>
    public const int Examples = 5;

    private readonly DataContract _contract;
    private readonly string _dataset;
    private readonly DateTime _asOf;
    private readonly ColumnCheck[] _columns;
    private readonly Tally _unique = new("Unique", null);
    private readonly KeySet? _keys;
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private long _rows;
    private bool _bound;
    private bool _started;
    private RowLocation _lineKind = RowLocation.RowIndex;
    private long _newestTicks = long.MinValue;
    private long _newestAt;
    private string? _newestText;
    private long _timestamps;

    /// <param name="asOfUtc">The time freshness is measured against.</param>
    public DataContractChecker(DataContract contract, string datasetName, DateTime asOfUtc)
    {
        contract.Validate();
        _contract = contract;
        _dataset = datasetName;
        _asOf = asOfUtc.Kind == DateTimeKind.Local ? asOfUtc.ToUniversalTime() : DateTime.SpecifyKind(asOfUtc, DateTimeKind.Utc);
        _columns = contract.Columns.Select(c => new ColumnCheck(c)).ToArray();
        if (contract.Key.Count > 0) _keys = new KeySet();
    }

    /// <summary>Checks a dataset in memory.</summary>
    public static DataContractReport Check(Dataset dataset, DataContract contract, DateTime asOfUtc, CancellationToken cancel = default)
    {
        var checker = new DataContractChecker(contract, dataset.Name, asOfUtc);
        checker.Add(dataset, cancel: cancel);
        return checker.Finish();
    }

    /// <summary>
    /// Checks a file: CSV, TSV and JSON Lines stream in chunks (memory holds one chunk), Parquet is read whole. Columns the
    /// contract types as String are read as text, so "007" keeps its zeros for its pattern and allowed values.
    /// </summary>
    public static DataContractReport CheckFile(string path, DataContract contract, DateTime asOfUtc, ReadOptions options)
    {
        contract.Validate();
        var format = DatasetReader.ResolveFormat(path, options.Format);
        var text = contract.Columns.Where(c => c.Type == ColumnType.String).Select(c => c.Name).ToList();
        var checker = new DataContractChecker(contract, options.Name ?? DatasetNames.FromPath(path), asOfUtc);
        IEnumerable<Dataset> chunks;
        if (format is DataFormat.Csv or DataFormat.Tsv)
        {
            // The header first, so -Schema names only columns the file has and a missing one gets the contract's error.
            var names = CsvDatasetReader.ReadChunks(path, options with { Format = format, Warning = null, Progress = null }, 1).First().Schema.Select(c => c.Name).ToHashSet(StringComparer.OrdinalIgnoreCase);
            checker.Bind(names, path);
            var schema = new Dictionary<string, ColumnType>(options.Schema ?? new Dictionary<string, ColumnType>(), StringComparer.OrdinalIgnoreCase);
            foreach (var name in text.Where(names.Contains)) schema.TryAdd(name, ColumnType.String);
            chunks = CsvDatasetReader.ReadChunks(path, options with { Format = format, Schema = schema });
        }
        else if (format == DataFormat.JsonLines)
        {
            var schema = new Dictionary<string, ColumnType>(options.Schema ?? new Dictionary<string, ColumnType>(), StringComparer.OrdinalIgnoreCase);
            foreach (var name in text) schema.TryAdd(name, ColumnType.String);
            chunks = JsonLinesDatasetReader.ReadChunks(path, options with { Schema = schema });
        }
        else chunks = [DatasetReader.Read(path, options)];
        foreach (var chunk in chunks) checker.Add(chunk, path, options.Cancellation);
        return checker.Finish();
    }

    /// <summary>Checks the next rows. The first chunk fixes where rows are reported: file lines when it has them, else row indexes.</summary>
    public void Add(Dataset chunk, string? file = null, CancellationToken cancel = default)
    {
        if (!_started)
        {
            if (!_bound) Bind(chunk.Schema.Select(c => c.Name).ToHashSet(StringComparer.OrdinalIgnoreCase), file);
            _lineKind = chunk.SourceLines != null ? RowLocation.SourceLine : RowLocation.RowIndex;
            _started = true;
        }
        var at = new Locator(chunk.SourceLines, _rows, _lineKind);
        foreach (var check in _columns)
        {
            cancel.ThrowIfCancellationRequested();
            if (chunk.TryGetColumn(check.Rule.Name, out var column)) check.Check(column, at);
            else check.CheckAbsent(chunk.RowCount, at);
        }
        if (_keys != null) CheckKey(chunk, at);
        if (_contract.FreshnessColumn is { } timestamps && chunk.TryGetColumn(timestamps, out var time)) Newest(time, at);
        _rows += chunk.RowCount;
    }

    private void Bind(HashSet<string> names, string? file)
    {
        _bound = true;
        var missing = _contract.NamedColumns().Where(n => !names.Contains(n)).ToList();
        if (missing.Count == 0) return;
        throw new DataException("DataContractColumnNotFound", DataErrorKind.ObjectNotFound,
            $"The contract{(_contract.Path == null ? "" : $" '{_contract.Path}'")} has rules on {string.Join(", ", missing.Select(m => $"'{m}'"))}, which '{_dataset}' does not have (columns: {string.Join(", ", names)}).",
            "Fix the column name in the contract, or check that this is the right data: a rule on a missing column cannot pass.",
            file ?? _contract.Path, column: missing[0]);
    }

    public DataContractReport Finish()
    {
        var violations = new List<DataContractViolation>();
        DataContractViolation Violation(Tally t, string message) => new(_dataset, t.Rule, t.Column, t.Count, _lineKind, t.Lines, t.Samples, message) { Contract = _contract.Path };

        if (_contract.MinRows is { } || _contract.MaxRows is { })
        {
            var min = _contract.MinRows ?? 0;
            var max = _contract.MaxRows ?? long.MaxValue;
            if (_rows < min || _rows > max)
                violations.Add(new DataContractViolation(_dataset, "RowCount", null, _rows, _lineKind, [], [],
                    $"{_rows:N0} rows; the contract allows {min:N0} to {(_contract.MaxRows is { } m ? m.ToString("N0", CultureInfo.InvariantCulture) : "any number")}.") { Contract = _contract.Path });
        }
        if (_unique.Count > 0)
            violations.Add(Violation(_unique, $"{_unique.Count:N0} row(s) repeat the key ({string.Join(", ", _contract.Key)}) of an earlier row."));
        if (_contract.FreshnessColumn is { } column && _contract.MaxAge is { } maxAge)
        {
            if (_timestamps == 0)
                violations.Add(new DataContractViolation(_dataset, "Freshness", column, 0, _lineKind, [], [],
                    $"'{column}' has no value to date the data by; the contract wants its newest value at most {maxAge:c} old.") { Contract = _contract.Path });
            else if (_asOf - new DateTime(_newestTicks, DateTimeKind.Utc) is var age && age > maxAge)
                violations.Add(new DataContractViolation(_dataset, "Freshness", column, _timestamps, _lineKind, [_newestAt], [_newestText!],
                    $"The newest '{column}' is {_newestText}, {Age(age)} old at {CellParser.FormatDateTime(_asOf)}; the contract allows {Age(maxAge)}.") { Contract = _contract.Path });
        }
        foreach (var check in _columns) violations.AddRange(check.Violations(Violation));
        return new DataContractReport(violations, new DataContractResult
        {
            Dataset = _dataset,
            Passed = violations.Count == 0,
            RulesChecked = _contract.RuleCount,
            Violations = violations.Count,
            Rows = _rows,
            Contract = _contract.Path,
            AsOf = _asOf,
            Elapsed = _clock.Elapsed,
        });
    }

    private static string Age(TimeSpan age) =>
        age.TotalDays >= 2 ? $"{age.TotalDays:0.#} days" : age.TotalHours >= 2 ? $"{age.TotalHours:0.#} hours" : $"{age.TotalMinutes:0.#} minutes";

    private void Newest(Column column, Locator at)
    {
        if (column is not DateTimeColumn times) return; // a timestamp that is not a DateTime is the column's Type violation
        var values = times.Values;
        for (var i = 0; i < values.Length; i++)
        {
            if (times.IsNull(i)) continue;
            _timestamps++;
            var ticks = Utc(values[i]).Ticks;
            if (ticks <= _newestTicks) continue;
            _newestTicks = ticks;
            _newestAt = at.Of(i);
            _newestText = CellParser.FormatDateTime(values[i]);
        }
    }

    /// <summary>Unspecified times are taken as UTC, as the readers leave ISO times without a zone.</summary>
    internal static DateTime Utc(DateTime t) => t.Kind == DateTimeKind.Local ? t.ToUniversalTime() : DateTime.SpecifyKind(t, DateTimeKind.Utc);

    private void CheckKey(Dataset chunk, Locator at)
    {
        var columns = _contract.Key.Select(k => chunk.TryGetColumn(k, out var c) ? c : null).ToArray();
        if (columns.Any(c => c == null)) return; // rows without a key column have no key to repeat
        _keys!.Add(columns!, chunk.RowCount, (row, text) => _unique.Add(at.Of(row), text));
    }

    /// <summary>Row positions of one chunk: file lines from its <see cref="SourceLines"/>, else row indexes across chunks.</summary>
    private readonly struct Locator(SourceLines? lines, long offset, RowLocation kind)
    {
        public long Of(int row) => kind == RowLocation.SourceLine && lines != null ? lines.LineOf(row) : offset + row;
    }

    /// <summary>One rule's count and its first examples.</summary>
    private sealed class Tally(string rule, string? column)
    {
        public string Rule { get; } = rule;
        public string? Column { get; } = column;
        public long Count { get; private set; }
        public List<long> Lines { get; } = [];
        public List<string> Samples { get; } = [];

        public void Add(long where, string? sample)
        {
            Count++;
            if (Lines.Count >= Examples) return;
            Lines.Add(where);
            if (sample != null) Samples.Add(sample.Length > 60 ? sample[..57] + "..." : sample);
        }
    }

    /// <summary>The rules on one column, checked chunk by chunk over whatever type the chunk holds.</summary>
    private sealed class ColumnCheck
    {
        private readonly Tally _type, _nulls, _range, _allowed, _pattern;
        private readonly HashSet<string>? _allowedSet;
        private readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> _allowedLookup;
        private readonly TextPattern? _regex;
        private readonly ColumnType? _expected;
        private readonly double _min, _max;
        private readonly bool _ranged;
        private readonly List<ColumnType> _typesSeen = [];

        public ColumnCheck(ContractColumn rule)
        {
            Rule = rule;
            _type = new("Type", rule.Name);
            _nulls = new("NotNull", rule.Name);
            _range = new("Range", rule.Name);
            _allowed = new("AllowedValues", rule.Name);
            _pattern = new("Pattern", rule.Name);
            _ranged = rule.Min != null || rule.Max != null;
            _min = rule.Min ?? double.NegativeInfinity;
            _max = rule.Max ?? double.PositiveInfinity;
            // Without a type the other rules say what kind of value they need: bounds numbers, sets and patterns text.
            _expected = rule.Type ?? (_ranged ? ColumnType.Double : rule.AllowedValues != null || rule.Pattern != null ? ColumnType.String : null);
            if (rule.AllowedValues != null)
            {
                _allowedSet = new HashSet<string>(rule.AllowedValues, StringComparer.Ordinal);
                _allowedLookup = _allowedSet.GetAlternateLookup<ReadOnlySpan<char>>();
            }
            if (rule.Pattern != null) _regex = TextPattern.Create(rule.Pattern, PatternKind.Regex, ignoreCase: false);
        }

        public ContractColumn Rule { get; }

        public void CheckAbsent(int rows, Locator at)
        {
            if (Rule.Nullable != false) return;
            for (var i = 0; i < rows; i++) _nulls.Add(at.Of(i), null);
        }

        public void Check(Column column, Locator at)
        {
            if (!_typesSeen.Contains(column.Type)) _typesSeen.Add(column.Type);
            if (Rule.Nullable == false && column.NullCount > 0)
                for (var i = 0; i < column.Length; i++)
                    if (column.IsNull(i)) _nulls.Add(at.Of(i), null);
            switch (_expected)
            {
                case null: return;
                case ColumnType.Int64 or ColumnType.Double: CheckNumbers(column, at, _expected == ColumnType.Int64); return;
                case ColumnType.String: CheckText(column, at); return;
                default: CheckKind(column, at, _expected.Value); return;
            }
        }

        private void CheckNumbers(Column column, Locator at, bool whole)
        {
            switch (column)
            {
                case Int64Column longs:
                    if (!_ranged) return;
                    var l = longs.Values;
                    for (var i = 0; i < l.Length; i++)
                        if ((l[i] < _min || l[i] > _max) && !longs.IsNull(i)) _range.Add(at.Of(i), l[i].ToString(CultureInfo.InvariantCulture));
                    return;
                case DoubleColumn doubles:
                    var d = doubles.Values;
                    for (var i = 0; i < d.Length; i++)
                    {
                        var v = d[i];
                        // !(in range) so NaN counts as out of range.
                        var outside = _ranged && !(v >= _min && v <= _max);
                        var fraction = whole && !(double.IsFinite(v) && Math.Floor(v) == v);
                        if (!outside && !fraction || doubles.IsNull(i)) continue;
                        var text = CellParser.FormatDouble(v);
                        if (fraction) _type.Add(at.Of(i), text);
                        if (outside) _range.Add(at.Of(i), text);
                    }
                    return;
                case StringColumn strings:
                    for (var i = 0; i < strings.Length; i++)
                    {
                        if (strings.IsNull(i)) continue;
                        var span = strings.GetSpan(i);
                        double number;
                        bool ok;
                        if (whole) { ok = CellParser.TryParseInt64(span, out var n); number = n; }
                        else ok = CellParser.TryParseDouble(span, out number);
                        if (!ok) _type.Add(at.Of(i), span.ToString());
                        else if (_ranged && !(number >= _min && number <= _max)) _range.Add(at.Of(i), span.ToString());
                    }
                    return;
                default:
                    WrongKind(column, at);
                    return;
            }
        }

        /// <summary>Boolean and DateTime: the column's own type, or text that parses as one.</summary>
        private void CheckKind(Column column, Locator at, ColumnType expected)
        {
            if (column.Type == expected) return;
            if (column is not StringColumn strings) { WrongKind(column, at); return; }
            for (var i = 0; i < strings.Length; i++)
            {
                if (strings.IsNull(i)) continue;
                var span = strings.GetSpan(i);
                var ok = expected == ColumnType.Boolean ? CellParser.TryParseBoolean(span, out _) : CellParser.TryParseDateTime(span, out _);
                if (!ok) _type.Add(at.Of(i), span.ToString());
            }
        }

        private void WrongKind(Column column, Locator at)
        {
            for (var i = 0; i < column.Length; i++)
                if (!column.IsNull(i)) _type.Add(at.Of(i), TextCellFormatter.Format(column, i));
        }

        /// <summary>Allowed values and the pattern; a dictionary-encoded column is judged once per distinct value.</summary>
        private void CheckText(Column column, Locator at)
        {
            if (_allowedSet == null && _regex == null) return;
            if (column is StringColumn { IsDictionaryEncoded: true } coded)
            {
                var dictionary = coded.Dictionary!;
                var allowed = new bool[dictionary.Count];
                var matches = new bool[dictionary.Count];
                for (var k = 0; k < dictionary.Count; k++)
                {
                    allowed[k] = _allowedSet == null || _allowedSet.Contains(dictionary[k]);
                    matches[k] = _regex == null || Matches(dictionary[k]);
                }
                var codes = coded.Codes;
                for (var i = 0; i < codes.Length; i++)
                {
                    var code = codes[i];
                    if (code < 0) continue;
                    if (!allowed[code]) _allowed.Add(at.Of(i), dictionary[code]);
                    if (!matches[code]) _pattern.Add(at.Of(i), dictionary[code]);
                }
                return;
            }
            var strings = column as StringColumn;
            for (var i = 0; i < column.Length; i++)
            {
                if (column.IsNull(i)) continue;
                // Numbers, booleans and times are checked as the text the writers give them.
                var span = strings != null ? strings.GetSpan(i) : TextCellFormatter.Format(column, i).AsSpan();
                if (_allowedSet != null && !_allowedLookup.Contains(span)) _allowed.Add(at.Of(i), span.ToString());
                if (_regex != null && !Matches(span)) _pattern.Add(at.Of(i), span.ToString());
            }
        }

        private bool Matches(ReadOnlySpan<char> value)
        {
            try { return _regex!.IsMatch(value); }
            catch (RegexMatchTimeoutException)
            {
                throw new DataException("DataContractPatternTimeout", DataErrorKind.InvalidData,
                    $"The pattern of column '{Rule.Name}' took over a second on one value ('{value[..Math.Min(40, value.Length)]}...').",
                    "Simplify the pattern (avoid nested repetition such as (a+)+).", column: Rule.Name);
            }
        }

        public IEnumerable<DataContractViolation> Violations(Func<Tally, string, DataContractViolation> make)
        {
            string Values(long n) => n == 1 ? "1 value" : $"{n:N0} values";
            if (_type.Count > 0)
                yield return make(_type, $"{Values(_type.Count)} {(_type.Count == 1 ? "is" : "are")} not {_expected}" +
                                         $"{(_typesSeen.All(t => t != ColumnType.String) ? $" (the column is {string.Join("/", _typesSeen)})" : "")}.");
            if (_nulls.Count > 0) yield return make(_nulls, $"{Values(_nulls.Count)} missing; the contract says nullable: false.");
            if (_range.Count > 0)
                yield return make(_range, $"{Values(_range.Count)} outside [{Bound(Rule.Min)}, {Bound(Rule.Max)}].");
            if (_allowed.Count > 0)
                yield return make(_allowed, $"{Values(_allowed.Count)} not among the {Rule.AllowedValues!.Count} allowed ({string.Join(", ", Rule.AllowedValues.Take(5))}{(Rule.AllowedValues.Count > 5 ? ", ..." : "")}).");
            if (_pattern.Count > 0) yield return make(_pattern, $"{Values(_pattern.Count)} not matching {Rule.Pattern}.");
        }

        private static string Bound(double? b) => b is { } v ? v.ToString("G", CultureInfo.InvariantCulture) : "any";
    }

    /// <summary>
    /// The key values seen so far: 64-bit values for a single Int64 or DateTime key (no string per row), text for
    /// any other key, joined with a separator no cell text holds unescaped. A chunk whose key column changes type
    /// (a streamed file that widens Int64 to text) moves the values seen so far to text.
    /// </summary>
    private sealed class KeySet
    {
        private HashSet<long>? _numbers;
        private ColumnType _numberType;
        private HashSet<string>? _texts;

        public void Add(Column[] columns, int rows, Action<int, string> duplicate)
        {
            if (columns.Length == 1 && columns[0] is Int64Column or DateTimeColumn && (_texts == null || _texts.Count == 0))
            {
                var type = columns[0].Type;
                if (_numbers == null) { _numbers = []; _numberType = type; }
                if (_numberType == type)
                {
                    AddNumbers(columns[0], rows, duplicate);
                    return;
                }
            }
            if (_numbers != null)
            {
                _texts = _numbers.Select(n => _numberType == ColumnType.Int64 ? n.ToString(CultureInfo.InvariantCulture) : CellParser.FormatDateTime(new DateTime(n))).ToHashSet(StringComparer.Ordinal);
                _numbers = null;
            }
            _texts ??= new HashSet<string>(StringComparer.Ordinal);
            var parts = new string?[columns.Length];
            for (var i = 0; i < rows; i++)
            {
                var missing = false;
                for (var c = 0; c < columns.Length && !missing; c++) missing = (parts[c] = TextCellFormatter.Format(columns[c], i)) == null;
                if (missing) continue;
                var key = parts.Length == 1 ? parts[0]! : string.Join('\u001F', parts);
                if (!_texts.Add(key)) duplicate(i, parts.Length == 1 ? key : string.Join(", ", parts));
            }
        }

        private void AddNumbers(Column column, int rows, Action<int, string> duplicate)
        {
            for (var i = 0; i < rows; i++)
            {
                if (column.IsNull(i)) continue;
                var value = column is Int64Column longs ? longs[i] : ((DateTimeColumn)column)[i].Ticks;
                if (!_numbers!.Add(value)) duplicate(i, TextCellFormatter.Format(column, i)!);
            }
        }
    }
}

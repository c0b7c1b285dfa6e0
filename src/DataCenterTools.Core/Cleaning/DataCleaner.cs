using System.Globalization;
using DataCenterTools.Core.Data;

namespace DataCenterTools.Core.Cleaning;

/// <summary>The cleaned dataset and what was done to get it.</summary>
public sealed record CleaningResult(Dataset Dataset, CleaningReport Report);

/// <summary>
/// Cleans a dataset column by column, in this fixed order:
/// 1. string rules (Trim, CollapseWhitespace, NFC, Case) on the selected String columns;
/// 1b. Replace and NullValue (placeholders such as '?' become missing, values become others);
/// 2. ConvertType (cells that do not convert become missing, counted and warned about; a column where no value
///    converts is an error, never a column of missing values);
/// 3. MaxMissingRatio: drop selected columns missing more than the ratio;
/// 4. Range, then 5. Outliers (selected numeric columns), both handled by the OutlierAction;
/// 6. Fill; 7. DropMissing (rows); 8. RemoveDuplicates.
/// Text is cleaned before conversion so " 42 " converts; range and outlier cells set missing are
/// then filled; rows are dropped last, so fills never depend on which duplicates survive.
/// The input dataset is never modified; columns that no step changes are shared with it.
/// </summary>
public static class DataCleaner
{
    public const string Operation = "Invoke-DataCleaning";

    /// <param name="warning">Receives what the caller should be told (values that did not convert).</param>
    public static CleaningResult Clean(Dataset input, CleaningOptions options, Action<string>? progress = null, Action<string>? warning = null)
    {
        Validate(input, options);
        var run = new Run(input, options, progress, warning);
        run.Execute();
        var report = new CleaningReport(input.Name, input.RowCount, run.RowCount, input.ColumnCount, run.Columns.Count, run.Entries);
        var lineage = options.Describe();
        lineage["RowsIn"] = input.RowCount.ToString(CultureInfo.InvariantCulture);
        lineage["RowsOut"] = run.RowCount.ToString(CultureInfo.InvariantCulture);
        lineage["Changes"] = run.Entries.Count == 0 ? "none" : string.Join("; ", run.Entries);
        return new CleaningResult(input.WithColumns(run.Columns, new LineageEntry(Operation, lineage)), report);
    }

    /// <summary>Checks every name and strategy against the schema before any work, so a mistake costs nothing.</summary>
    private static void Validate(Dataset input, CleaningOptions options)
    {
        var schema = input.Schema;
        void Exists(string name, string parameter)
        {
            if (!schema.Contains(name))
                throw new DataException("ColumnNotFound", DataErrorKind.ObjectNotFound,
                    $"-{parameter} names column '{name}', which dataset '{input.Name}' does not have.",
                    $"Use one of: {string.Join(", ", schema.Select(c => c.Name))}.", column: name);
        }
        foreach (var c in options.Columns ?? []) Exists(c, "Column");
        foreach (var c in options.ConvertTypes.Keys) Exists(c, "ConvertType");
        foreach (var c in options.Ranges.Keys) Exists(c, "Range");
        foreach (var c in options.Fill.Keys) Exists(c, "Fill");
        foreach (var c in options.FillByGroup ?? []) Exists(c, "FillByGroup");
        foreach (var c in options.Key ?? []) Exists(c, "Key");
        foreach (var c in options.Replace.Keys) Exists(c, "Replace");
        foreach (var c in options.OutliersByGroup ?? []) Exists(c, "OutliersByGroup");
        if (options.OutliersByGroup != null && options.Outliers == OutlierMethod.None)
            throw new DataException("InvalidArgument", DataErrorKind.InvalidArgument,
                "{option:OutliersByGroup} needs {option:Outliers}: the method whose bounds are computed per group.",
                "Add {option:Outliers} IQR (or ZScore, MAD).");
        if (options.FromUnixTime != UnixTimeUnit.None && !options.ConvertTypes.Values.Contains(ColumnType.DateTime))
            throw new DataException("InvalidArgument", DataErrorKind.InvalidArgument,
                "{option:FromUnixTime} applies to columns converted to DateTime, and {option:ConvertType} converts none.",
                "Add {option:ConvertType} @{ ts = 'DateTime' }.");

        ColumnType TypeAfterConversion(string name) =>
            options.ConvertTypes.TryGetValue(name, out var t) ? t : schema[name].Type;
        foreach (var (name, range) in options.Ranges.OrderBy(r => r.Key, StringComparer.Ordinal))
        {
            if (!NumericStats.IsNumeric(TypeAfterConversion(name)))
                throw new DataException("StrategyNotApplicable", DataErrorKind.InvalidArgument,
                    $"{{option:Range}} needs a numeric column; '{name}' is {TypeAfterConversion(name)}.",
                    "Give ranges for Int64 or Double columns, or convert the column first with {option:ConvertType}.", column: name);
            if (!(range.Min <= range.Max))
                throw new DataException("InvalidRange", DataErrorKind.InvalidArgument,
                    $"The range for '{name}' is {range}: the minimum is greater than the maximum.",
                    "Give the range as minimum, maximum, e.g. 0,100.", column: name);
        }
        foreach (var (name, spec) in options.Fill.OrderBy(f => f.Key, StringComparer.Ordinal))
        {
            var type = TypeAfterConversion(name);
            if (!MissingValueFiller.Fits(spec.Method, type))
                throw new DataException("StrategyNotApplicable", DataErrorKind.InvalidArgument,
                    $"Cannot fill column '{name}' with {spec.Method}: it is a {type} column and {spec.Method} needs numbers.",
                    "Use Mode, a constant, Forward or Backward for this column, or convert it with {option:ConvertType}.", column: name);
        }
        if (options.MaxMissingRatio is { } ratio && ratio is < 0 or > 1)
            throw new DataException("InvalidArgument", DataErrorKind.InvalidArgument,
                $"MaxMissingRatio is {ratio}; it must be between 0 and 1.", "Give a fraction such as 0.3.");
    }

    /// <summary>One cleaning run: the working columns, the row count and the report entries so far.</summary>
    private sealed class Run(Dataset input, CleaningOptions options, Action<string>? progress, Action<string>? warning)
    {
        public List<Column> Columns { get; } = input.Columns.ToList();
        public int RowCount { get; private set; } = input.RowCount;
        public List<CleaningReportEntry> Entries { get; } = [];
        private readonly HashSet<string> _flagColumns = new(StringComparer.OrdinalIgnoreCase);

        /// <summary>
        /// Per-column options in the dataset's column order: hashtables from PowerShell enumerate in a
        /// per-process hash order, and the report and lineage must read the same on every run.
        /// </summary>
        private IEnumerable<KeyValuePair<string, T>> InColumnOrder<T>(IReadOnlyDictionary<string, T> byColumn) =>
            byColumn.OrderBy(entry => IndexOf(entry.Key) is var i and >= 0 ? i : int.MaxValue).ThenBy(entry => entry.Key, StringComparer.Ordinal);

        public void Execute()
        {
            var rules = new TextRules(options.Trim, options.CollapseWhitespace, options.NormalizeUnicode, options.Case);
            if (rules.Any) Step("string rules", () => CleanText(rules));
            if (options.Replace.Count > 0 || options.NullValues != null) Step("replacements", () => ReplaceValues());
            if (options.ConvertTypes.Count > 0) Step("type conversion", () => ConvertTypes());
            if (options.MaxMissingRatio is { } ratio) Step("missing columns", () => DropSparseColumns(ratio));
            if (options.Ranges.Count > 0) Step("ranges", () => Bound(InColumnOrder(options.Ranges).Select(r =>
                (r.Key, (OutlierRules.Bounds?)new OutlierRules.Bounds(r.Value.Min, r.Value.Max, $"range {r.Value}"), (string?)null))));
            if (options.Outliers != OutlierMethod.None) Step("outliers", () => Outliers());
            if (options.Fill.Count > 0) Step("fill", () => FillMissing());
            if (options.DropMissing != MissingRowRule.None) Step("missing rows", () => DropMissingRows());
            if (options.RemoveDuplicates) Step("duplicates", () => RemoveDuplicates());
        }

        private void Step(string name, Action work)
        {
            progress?.Invoke(name);
            work();
        }

        private int IndexOf(string name) => Columns.FindIndex(c => string.Equals(c.Name, name, StringComparison.OrdinalIgnoreCase));

        /// <summary>The columns the column-wide rules look at (-Column, default all), that still exist.</summary>
        private IEnumerable<int> Selected() =>
            options.Columns == null
                ? Enumerable.Range(0, Columns.Count).Where(i => !_flagColumns.Contains(Columns[i].Name))
                : options.Columns.Select(IndexOf).Where(i => i >= 0);

        private void Report(string column, CleaningAction action, int cells, string detail = "")
        {
            if (cells > 0 || action is CleaningAction.ColumnDropped or CleaningAction.Skipped) Entries.Add(new CleaningReportEntry(column, action, cells, detail));
        }

        private void CleanText(TextRules rules)
        {
            foreach (var i in Selected().ToList())
            {
                if (Columns[i] is not StringColumn text) continue;
                var (cleaned, counts) = rules.Clean(text);
                Columns[i] = cleaned;
                for (var r = 0; r < counts.Length; r++)
                    Report(text.Name, TextRules.Actions[r], counts[r], TextRules.Actions[r] == CleaningAction.CaseChanged ? options.Case.ToString() : "");
            }
        }

        private void ConvertTypes()
        {
            foreach (var (name, type) in InColumnOrder(options.ConvertTypes))
            {
                var i = IndexOf(name);
                var source = Columns[i];
                if (source.Type == type) continue;
                var converted = TypeConversion.Convert(source, type, new ConversionOptions { FromUnixTime = options.FromUnixTime });
                var (warn, error) = converted.Problem("{option:ConvertType}");
                if (error != null) throw error;
                if (warn != null) warning?.Invoke(warn);
                Columns[i] = converted.Column;
                Report(source.Name, CleaningAction.Converted, converted.Column.Length - converted.Column.NullCount,
                    $"{source.Type} -> {type}" + (type == ColumnType.DateTime && options.FromUnixTime != UnixTimeUnit.None ? $" (Unix {options.FromUnixTime.ToString().ToLowerInvariant()}, UTC)" : ""));
                if (converted.Failed > 0)
                    Report(source.Name, CleaningAction.NotConvertible, converted.Failed,
                        $"set missing; e.g. {string.Join(", ", converted.Examples.Select(e => $"'{e}'"))}");
            }
        }

        /// <summary>-Replace per column, then -NullValue over the selected columns: cells are matched on their text.</summary>
        private void ReplaceValues()
        {
            var nulls = options.NullValues == null ? null : new HashSet<string>(options.NullValues, StringComparer.Ordinal);
            var targets = InColumnOrder(options.Replace).Select(p => IndexOf(p.Key))
                .Concat(nulls == null ? [] : Selected()).Distinct().ToList();
            foreach (var i in targets)
            {
                var column = Columns[i];
                options.Replace.TryGetValue(column.Name, out var map);
                var replacements = map?.ToDictionary(p => p.Key, p => p.Value == null ? null : MissingValueFiller.ConvertConstant(p.Value, column), StringComparer.Ordinal);
                var editor = CellEditor.For(column);
                var counts = new Dictionary<string, int>(StringComparer.Ordinal);
                for (var row = 0; row < column.Length; row++)
                {
                    if (column.IsNull(row)) continue;
                    var text = column is StringColumn s ? s[row]! : CellParser.Format(column.GetValue(row)!);
                    if (replacements != null && replacements.TryGetValue(text, out var value))
                    {
                        if (value == null) editor.SetMissing(row);
                        else editor.SetValue(row, value);
                    }
                    else if (nulls != null && nulls.Contains(text)) editor.SetMissing(row);
                    else continue;
                    counts[text] = counts.GetValueOrDefault(text) + 1;
                }
                Columns[i] = editor.Build();
                foreach (var (text, count) in counts.OrderBy(c => c.Key, StringComparer.Ordinal))
                {
                    var to = replacements != null && replacements.TryGetValue(text, out var v) && v != null ? $"'{CellParser.Format(v)}'" : "missing";
                    Report(column.Name, CleaningAction.Replaced, count, $"'{text}' -> {to}");
                }
            }
        }

        private void DropSparseColumns(double ratio)
        {
            if (RowCount == 0) return;
            var drop = Selected().Where(i => (double)Columns[i].NullCount / RowCount > ratio).OrderDescending().ToList();
            foreach (var i in drop)
            {
                Report(Columns[i].Name, CleaningAction.ColumnDropped, Columns[i].NullCount,
                    string.Create(CultureInfo.InvariantCulture, $"{(double)Columns[i].NullCount / RowCount:P1} missing > {ratio:P1}"));
                Columns.RemoveAt(i);
            }
        }

        private void Outliers()
        {
            var k = options.EffectiveThreshold;
            if (options.OutliersByGroup is { } by)
            {
                OutliersPerGroup(by, k);
                return;
            }
            // Columns are independent: their bounds are computed on all cores.
            var selected = Selected().Where(i => NumericStats.IsNumeric(Columns[i].Type)).ToArray();
            var bounds = new (string, OutlierRules.Bounds?, string?)[selected.Length];
            Numerics.ColumnParallel.For(selected.Length, j =>
            {
                var column = Columns[selected[j]];
                bounds[j] = (column.Name, OutlierRules.Compute(column, options.Outliers, k, out var reason), reason);
            });
            Bound(bounds);
        }

        /// <summary>
        /// Outliers judged within each group (a host against its own history, not the fleet's): bounds per group, each
        /// row checked against its group's; a group whose spread defines no bounds is left as it is and counted.
        /// </summary>
        private void OutliersPerGroup(IReadOnlyList<string> by, double k)
        {
            var groupColumns = by.Select(IndexOf).Where(i => i >= 0).Select(i => Columns[i]).ToList();
            var (groupOf, groupCount) = new RowKeyComparer(groupColumns, RowCount).Groups();
            var rowsOf = new List<int>[groupCount];
            for (var g = 0; g < groupCount; g++) rowsOf[g] = [];
            for (var row = 0; row < RowCount; row++) rowsOf[groupOf[row]].Add(row);
            var keys = new HashSet<string>(by, StringComparer.OrdinalIgnoreCase);
            var dropRows = new bool[RowCount];
            var flagged = new Dictionary<string, bool[]>(StringComparer.OrdinalIgnoreCase);
            foreach (var i in Selected().Where(i => NumericStats.IsNumeric(Columns[i].Type) && !keys.Contains(Columns[i].Name)).ToList())
            {
                var column = Columns[i];
                var bounds = new OutlierRules.Bounds?[groupCount];
                var skipped = 0;
                for (var g = 0; g < groupCount; g++)
                {
                    bounds[g] = OutlierRules.Compute(column.Take(rowsOf[g].ToArray()), options.Outliers, k, out _);
                    if (bounds[g] == null) skipped++;
                }
                var editor = CellEditor.For(column);
                var rows = options.OutlierAction == OutlierAction.Flag ? flagged[column.Name] = new bool[RowCount] : dropRows;
                var count = OutlierRules.Apply(column, row => bounds[groupOf[row]] is { } b ? (b.Low, b.High) : null, options.OutlierAction, editor, rows);
                Columns[i] = editor.Build();
                Report(column.Name, OutlierActionReported(), count,
                    $"{options.Outliers} k={F(k)} per {string.Join(",", by)}: {groupCount:N0} groups" + (skipped > 0 ? $", {skipped:N0} without bounds (too few values or no spread)" : ""));
            }
            foreach (var (name, flags) in flagged) AddFlagColumn(name, flags);
            DropRows(dropRows);
        }

        private CleaningAction OutlierActionReported() => options.OutlierAction switch
        {
            OutlierAction.Clip => CleaningAction.Clipped,
            OutlierAction.SetMissing => CleaningAction.SetMissing,
            OutlierAction.Drop => CleaningAction.RowsDropped,
            _ => CleaningAction.Flagged,
        };

        /// <summary>Range and outlier bounds: per column the action, then dropped rows and flag columns at once.</summary>
        private void Bound(IEnumerable<(string Column, OutlierRules.Bounds? Bounds, string? Reason)> perColumn)
        {
            var marked = new Dictionary<string, bool[]>(StringComparer.OrdinalIgnoreCase);
            var dropRows = new bool[RowCount];
            var work = perColumn.ToList();
            // Clip and SetMissing change only their own column: each column in one typed pass, on all cores (a column
            // named twice is done in order below, on the first pass's result).
            var typed = options.OutlierAction is OutlierAction.Clip or OutlierAction.SetMissing;
            var done = new (Column Column, int Outside)?[work.Count];
            if (typed)
            {
                var indexes = work.Select(w => IndexOf(w.Column)).ToArray();
                var first = Enumerable.Range(0, work.Count).Where(j => indexes[j] >= 0 && work[j].Bounds != null && Array.IndexOf(indexes, indexes[j]) == j).ToArray();
                Numerics.ColumnParallel.For(first.Length, f => { var j = first[f]; done[j] = OutlierRules.ApplyToColumn(Columns[indexes[j]], work[j].Bounds!.Value, options.OutlierAction); });
            }
            for (var j = 0; j < work.Count; j++)
            {
                var (name, bounds, reason) = work[j];
                var i = IndexOf(name);
                if (i < 0) continue; // dropped by MaxMissingRatio
                if (bounds is not { } b)
                {
                    Entries.Add(new CleaningReportEntry(name, CleaningAction.Skipped, 0, $"not checked: {reason}"));
                    continue;
                }
                int count;
                if (typed)
                {
                    (Columns[i], count) = done[j] ?? OutlierRules.ApplyToColumn(Columns[i], b, options.OutlierAction);
                }
                else
                {
                    var editor = CellEditor.For(Columns[i]);
                    var rows = options.OutlierAction == OutlierAction.Flag ? (marked.TryGetValue(name, out var m) ? m : marked[name] = new bool[RowCount]) : dropRows;
                    count = OutlierRules.Apply(Columns[i], _ => (b.Low, b.High), options.OutlierAction, editor, rows);
                    Columns[i] = editor.Build();
                }
                Report(name, OutlierActionReported(), count, $"{b.Detail}; outside [{F(b.Low)}, {F(b.High)}]");
            }
            foreach (var (name, flags) in marked) AddFlagColumn(name, flags);
            DropRows(dropRows);
        }

        /// <summary>Adds (or, when range and outliers both flag a column, merges into) the column's flag column.</summary>
        private void AddFlagColumn(string name, bool[] flags)
        {
            {
                var flagName = name + "_outlier";
                var existing = IndexOf(flagName);
                if (existing >= 0 && _flagColumns.Contains(flagName))
                {
                    // Range and outliers flag the same column: one flag column, set when either flagged the row.
                    var previous = (BooleanColumn)Columns[existing];
                    for (var r = 0; r < flags.Length; r++) flags[r] |= previous[r];
                    Columns[existing] = new BooleanColumn(flagName, flags);
                    return;
                }
                if (existing >= 0)
                    throw new DataException("ColumnExists", DataErrorKind.ResourceExists,
                        $"Cannot add flag column '{flagName}': the dataset already has a column of that name.",
                        "Rename that column, or use another {option:OutlierAction}.", column: flagName);
                Columns.Insert(IndexOf(name) + 1, new BooleanColumn(flagName, flags));
                _flagColumns.Add(flagName);
            }
        }

        private void FillMissing()
        {
            int[] groupOf;
            int groupCount;
            var groupColumns = (options.FillByGroup ?? []).Select(IndexOf).Where(i => i >= 0).Select(i => Columns[i]).ToList();
            if (groupColumns.Count > 0) (groupOf, groupCount) = new RowKeyComparer(groupColumns, RowCount).Groups();
            else (groupOf, groupCount) = (new int[RowCount], 1);
            // Statistics come from the columns as they were before this step, so one fill never feeds another;
            // columns are independent, so they are filled on all cores and reported in order.
            var work = InColumnOrder(options.Fill).Select(f => (Index: IndexOf(f.Key), Name: f.Key, Spec: f.Value)).ToList();
            var done = new MissingValueFiller.Filled?[work.Count];
            Numerics.ColumnParallel.For(work.Count, j =>
            {
                var i = work[j].Index;
                if (i >= 0 && Columns[i].NullCount > 0 && work.FindIndex(w => w.Index == i) == j)
                    done[j] = MissingValueFiller.Fill(Columns[i], work[j].Spec, groupOf, groupCount);
            });
            for (var j = 0; j < work.Count; j++)
            {
                var (i, name, spec) = work[j];
                if (i < 0 || Columns[i].NullCount == 0) continue;
                var filled = done[j] ?? MissingValueFiller.Fill(Columns[i], spec, groupOf, groupCount);
                Columns[i] = filled.Column;
                Report(name, CleaningAction.Filled, filled.Cells,
                    filled.Detail + (filled.LeftMissing > 0 ? $"; {filled.LeftMissing} left missing" : ""));
            }
        }

        private void DropMissingRows()
        {
            var selected = Selected().Select(i => Columns[i]).ToList();
            var considered = selected.Count;
            var drop = new bool[RowCount];
            for (var row = 0; row < RowCount; row++)
            {
                var missing = 0;
                foreach (var c in selected) if (c.IsNull(row)) missing++;
                drop[row] = options.DropMissing == MissingRowRule.Any ? missing > 0 : missing == considered && considered > 0;
            }
            var count = DropRows(drop);
            Report(options.Columns == null ? "*" : string.Join(",", options.Columns), CleaningAction.MissingRowsDropped, count,
                $"rows missing {(options.DropMissing == MissingRowRule.Any ? "any" : "all")} of {considered} columns");
        }

        private void RemoveDuplicates()
        {
            var keyColumns = options.Key == null ? Columns.ToList() : options.Key.Select(IndexOf).Where(i => i >= 0).Select(i => Columns[i]).ToList();
            var seen = new HashSet<int>(new RowKeyComparer(keyColumns, RowCount));
            var drop = new bool[RowCount];
            for (var i = 0; i < RowCount; i++)
            {
                var row = options.Keep == DuplicateKeep.First ? i : RowCount - 1 - i;
                drop[row] = !seen.Add(row);
            }
            var count = DropRows(drop);
            Report(options.Key == null ? "*" : string.Join(",", options.Key), CleaningAction.DuplicatesRemoved, count, $"kept {options.Keep.ToString().ToLowerInvariant()}");
        }

        /// <summary>Removes the marked rows from every column (keeping order); returns how many.</summary>
        private int DropRows(bool[] drop)
        {
            var keep = new List<int>(RowCount);
            for (var row = 0; row < RowCount; row++) if (!drop[row]) keep.Add(row);
            var dropped = RowCount - keep.Count;
            if (dropped == 0) return 0;
            var rows = keep.ToArray();
            for (var c = 0; c < Columns.Count; c++) Columns[c] = Columns[c].Take(rows);
            RowCount = rows.Length;
            return dropped;
        }

        private static string F(double d) => CellParser.FormatDouble(Math.Round(d, 6));
    }
}

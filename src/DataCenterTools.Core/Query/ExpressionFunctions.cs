using System.Globalization;
using System.Text.RegularExpressions;
using DataCenterTools.Core.Data;

namespace DataCenterTools.Core.Query;

/// <summary>A function call: its arguments are evaluated, then the function runs over whole vectors.</summary>
internal sealed class BoundFunction(string name, IReadOnlyList<BoundExpression> arguments, ColumnType? type, int position,
    Func<Vector[], EvaluationContext, Vector> apply) : BoundExpression(type, position)
{
    public string Name { get; } = name;
    public override IEnumerable<string> Columns => arguments.SelectMany(a => a.Columns);

    public override Vector Evaluate(EvaluationContext context)
    {
        var values = new Vector[arguments.Count];
        for (var i = 0; i < values.Length; i++) values[i] = arguments[i].Evaluate(context);
        return apply(values, context);
    }
}

/// <summary>
/// The functions of the expression language, bound by name. Each checks its arguments' count and types when the
/// expression is bound (before any row is read) and runs over whole vectors. Times are read as UTC.
/// </summary>
internal static class ExpressionFunctions
{
    public static readonly IReadOnlyList<string> Names =
    [
        "year", "quarter", "month", "day", "day_of_week", "day_of_year", "week", "hour", "minute", "second", "date", "date_trunc",
        "unix_seconds", "unix_ms", "from_unixtime", "from_unixtime_ms",
        "abs", "sign", "round", "floor", "ceil", "sqrt", "exp", "ln", "log", "log10", "log2", "power", "pow", "greatest", "least", "is_nan",
        "lower", "upper", "trim", "ltrim", "rtrim", "length", "substring", "left", "right", "replace", "concat",
        "starts_with", "ends_with", "contains", "regex_match", "regex_replace", "regex_extract",
        "coalesce", "nullif", "if", "row_number",
    ];

    public static BoundExpression Bind(ExpressionBinder binder, CallSyntax call)
    {
        var args = call.Arguments.Select(binder.BindNode).ToList();
        var name = call.Name;
        switch (name)
        {
            case "year": return DatePart(binder, call, args, t => t.Year);
            case "quarter": return DatePart(binder, call, args, t => (t.Month + 2) / 3);
            case "month": return DatePart(binder, call, args, t => t.Month);
            case "day": return DatePart(binder, call, args, t => t.Day);
            case "day_of_week": return DatePart(binder, call, args, t => (long)t.DayOfWeek);
            case "day_of_year": return DatePart(binder, call, args, t => t.DayOfYear);
            case "week": return DatePart(binder, call, args, t => ISOWeek.GetWeekOfYear(t));
            case "hour": return DatePart(binder, call, args, t => t.Ticks / TimeSpan.TicksPerHour % 24);
            case "minute": return DatePart(binder, call, args, t => t.Ticks / TimeSpan.TicksPerMinute % 60);
            case "second": return DatePart(binder, call, args, t => t.Ticks / TimeSpan.TicksPerSecond % 60);
            case "unix_seconds": return DatePart(binder, call, args, t => (long)Math.Floor((t.Ticks - DateTime.UnixEpoch.Ticks) / (double)TimeSpan.TicksPerSecond));
            case "unix_ms": return DatePart(binder, call, args, t => (long)Math.Floor((t.Ticks - DateTime.UnixEpoch.Ticks) / (double)TimeSpan.TicksPerMillisecond));
            case "date": return DateMap(binder, call, args, t => t.Date);
            case "date_trunc": return DateTrunc(binder, call, args);
            case "from_unixtime": return FromUnix(binder, call, args, TimeSpan.TicksPerSecond);
            case "from_unixtime_ms": return FromUnix(binder, call, args, TimeSpan.TicksPerMillisecond);

            case "abs": return SameNumeric(binder, call, args, Math.Abs, l => l == long.MinValue ? throw new OverflowException() : Math.Abs(l));
            case "sign": return SameNumeric(binder, call, args, d => double.IsNaN(d) ? d : Math.Sign(d), l => Math.Sign(l));
            case "floor": return SameNumeric(binder, call, args, Math.Floor, l => l);
            case "ceil": return SameNumeric(binder, call, args, Math.Ceiling, l => l);
            case "round": return Round(binder, call, args);
            case "sqrt": return DoubleMath(binder, call, args, Math.Sqrt, d => d >= 0 || double.IsNaN(d));
            case "exp": return DoubleMath(binder, call, args, Math.Exp, _ => true);
            case "ln" or "log": return DoubleMath(binder, call, args, Math.Log, d => d > 0 || double.IsNaN(d));
            case "log10": return DoubleMath(binder, call, args, Math.Log10, d => d > 0 || double.IsNaN(d));
            case "log2": return DoubleMath(binder, call, args, Math.Log2, d => d > 0 || double.IsNaN(d));
            case "power" or "pow": return Power(binder, call, args);
            case "greatest" or "least": return Extreme(binder, call, args, name == "greatest");
            case "is_nan": return IsNan(binder, call, args);

            case "lower": return TextMap(binder, call, args, s => s.ToLowerInvariant());
            case "upper": return TextMap(binder, call, args, s => s.ToUpperInvariant());
            case "trim": return TextMap(binder, call, args, s => s.Trim());
            case "ltrim": return TextMap(binder, call, args, s => s.TrimStart());
            case "rtrim": return TextMap(binder, call, args, s => s.TrimEnd());
            case "length": return TextLength(binder, call, args);
            case "substring": return Substring(binder, call, args);
            case "left": return Slice(binder, call, args, fromRight: false);
            case "right": return Slice(binder, call, args, fromRight: true);
            case "replace": return Replace(binder, call, args);
            case "concat": return Concat(binder, call, args);
            case "starts_with": return TextTest(binder, call, args, (s, t) => s.StartsWith(t, StringComparison.Ordinal));
            case "ends_with": return TextTest(binder, call, args, (s, t) => s.EndsWith(t, StringComparison.Ordinal));
            case "contains": return TextTest(binder, call, args, (s, t) => s.Contains(t, StringComparison.Ordinal));
            case "regex_match": return RegexMatch(binder, call, args);
            case "regex_replace": return RegexReplace(binder, call, args);
            case "regex_extract": return RegexExtract(binder, call, args);

            case "coalesce": return Coalesce(binder, call, args);
            case "nullif": return NullIf(binder, call, args);
            case "if": return If(binder, call, args);
            case "row_number": return RowNumber(binder, call);
        }
        var near = ColumnNames.Nearest(name, Names);
        throw binder.Error(call.Position, $"There is no function '{name}'." + (near.Count > 0 ? $" Did you mean {string.Join(" or ", near.Select(n => n + "()"))}?" : ""),
            "Functions: " + string.Join(", ", Names) + ".");
    }

    // ---- argument checks ---------------------------------------------------------------------------------

    private static void Arity(ExpressionBinder b, CallSyntax call, int min, int max, string usage)
    {
        var n = call.Arguments.Count;
        if (n < min || n > max)
            throw b.Error(call.Position, $"{call.Name}() takes {(min == max ? min.ToString(CultureInfo.InvariantCulture) : $"{min} to {max}")} argument(s), not {n}", $"Write {usage}.");
    }

    private static void Expect(ExpressionBinder b, CallSyntax call, IReadOnlyList<BoundExpression> args, int index, string what, params ColumnType[] types)
    {
        var t = args[index].Type;
        if (t == null || types.Contains(t.Value)) return;
        throw b.Error(call.Arguments[index].Position, $"{call.Name}() needs {what} as argument {index + 1}, not {t}",
            t == ColumnType.String && types.Contains(ColumnType.DateTime) ? $"Convert text first: {call.Name}(cast(x as DateTime))."
            : t == ColumnType.String && types.Contains(ColumnType.Double) ? $"Convert text first: {call.Name}(cast(x as Double))." : null);
    }

    /// <summary>A text argument that must be written as a literal (a pattern or unit fixed before any row is read).</summary>
    private static string LiteralText(ExpressionBinder b, CallSyntax call, IReadOnlyList<BoundExpression> args, int index, string what)
    {
        if (args[index] is BoundLiteral { Value: string s }) return s;
        throw b.Error(call.Arguments[index].Position, $"{call.Name}() needs {what} written as 'text' in argument {index + 1}");
    }

    private static long LiteralLong(ExpressionBinder b, CallSyntax call, IReadOnlyList<BoundExpression> args, int index, string what)
    {
        if (args[index] is BoundLiteral { Value: long l }) return l;
        throw b.Error(call.Arguments[index].Position, $"{call.Name}() needs {what} written as a whole number in argument {index + 1}");
    }

    private static BoundFunction Function(CallSyntax call, IReadOnlyList<BoundExpression> args, ColumnType? type, Func<Vector[], EvaluationContext, Vector> apply) =>
        new(call.Name, args, type, call.Position, apply);

    private static Regex CompileRegex(ExpressionBinder b, CallSyntax call, string pattern, int index)
    {
        try { return new Regex(pattern, RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1)); }
        catch (ArgumentException e) { throw b.Error(call.Arguments[index].Position, $"'{pattern}' is not a valid regular expression: {e.Message}"); }
    }

    // ---- dates and times ---------------------------------------------------------------------------------

    private static BoundExpression DatePart(ExpressionBinder b, CallSyntax call, List<BoundExpression> args, Func<DateTime, long> part)
    {
        Arity(b, call, 1, 1, $"{call.Name}(timestamp)");
        Expect(b, call, args, 0, "a DateTime", ColumnType.DateTime);
        return Function(call, args, ColumnType.Int64, (v, _) => v[0] switch
        {
            ScalarVector s => new ScalarVector(s.Value is DateTime t ? part(t) : null, ColumnType.Int64, s.Length),
            DateVector d => MapDates(d, part),
            _ => throw new InvalidOperationException(),
        });
    }

    private static LongVector MapDates(DateVector d, Func<DateTime, long> part)
    {
        var result = new long[d.Length];
        var values = d.Values;
        for (var i = 0; i < result.Length; i++) result[i] = part(values[i]);
        return new LongVector(result, d.Length, d.Valid);
    }

    private static BoundExpression DateMap(ExpressionBinder b, CallSyntax call, List<BoundExpression> args, Func<DateTime, DateTime> map)
    {
        Arity(b, call, 1, 1, $"{call.Name}(timestamp)");
        Expect(b, call, args, 0, "a DateTime", ColumnType.DateTime);
        return Function(call, args, ColumnType.DateTime, (v, _) => MapDate(v[0], map));
    }

    private static Vector MapDate(Vector v, Func<DateTime, DateTime> map)
    {
        if (v is ScalarVector s) return new ScalarVector(s.Value is DateTime t ? map(t) : null, ColumnType.DateTime, s.Length);
        var d = (DateVector)v;
        var result = new DateTime[d.Length];
        for (var i = 0; i < result.Length; i++) result[i] = map(d.Values[i]);
        return new DateVector(result, d.Length, d.Valid);
    }

    private static BoundExpression DateTrunc(ExpressionBinder b, CallSyntax call, List<BoundExpression> args)
    {
        Arity(b, call, 2, 2, "date_trunc('1h', timestamp)");
        var unit = LiteralText(b, call, args, 0, "the interval ('1h', '15m', 'day', 'week', 'month')");
        if (!TimeBucket.TryParse(unit, out var bucket))
            throw b.Error(call.Arguments[0].Position, $"'{unit}' is not a time interval", "Write a count and a unit: 30s, 15m, 1h, 1d, 7d, 1w, 1mo, 1y (or hour, day, week, month, year).");
        Expect(b, call, args, 1, "a DateTime", ColumnType.DateTime);
        return Function(call, args, ColumnType.DateTime, (v, _) => MapDate(v[1], bucket.Floor));
    }

    private static BoundExpression FromUnix(ExpressionBinder b, CallSyntax call, List<BoundExpression> args, long ticksPerUnit)
    {
        Arity(b, call, 1, 1, $"{call.Name}(seconds)");
        Expect(b, call, args, 0, "a number", ColumnType.Int64, ColumnType.Double);
        // Beyond year 9999 (or before year 1) a unix time cannot be a DateTime: the cell becomes missing, with a warning.
        var max = (DateTime.MaxValue.Ticks - DateTime.UnixEpoch.Ticks) / (double)ticksPerUnit;
        var min = (DateTime.MinValue.Ticks - DateTime.UnixEpoch.Ticks) / (double)ticksPerUnit;
        var text = ExpressionBinder.Text(call);
        return Function(call, args, ColumnType.DateTime, (v, context) =>
        {
            static DateTime At(double units, long perUnit) => new(DateTime.UnixEpoch.Ticks + (long)Math.Round(units * perUnit), DateTimeKind.Utc);
            if (v[0] is ScalarVector s)
            {
                var x = s.Value == null ? double.NaN : Convert.ToDouble(s.Value, CultureInfo.InvariantCulture);
                return new ScalarVector(s.Value == null || !(x >= min && x <= max) ? null : At(x, ticksPerUnit), ColumnType.DateTime, s.Length);
            }
            var n = v[0].Length;
            var result = new DateTime[n];
            var valid = v[0].Valid == null ? null : (ulong[])v[0].Valid!.Clone();
            var outOfRange = 0;
            for (var i = 0; i < n; i++)
            {
                if (valid != null && !Bits.Get(valid, i)) continue;
                double x = v[0] is LongVector l ? l.Values[i] : ((DoubleVector)v[0]).Values[i];
                if (x >= min && x <= max) { result[i] = At(x, ticksPerUnit); continue; }
                valid ??= Bits.AllSet(n);
                valid[i >> 6] &= ~(1UL << (i & 63));
                outOfRange++;
            }
            context.Warn("unix:" + text, outOfRange, c => $"'{text}': {c:N0} value(s) are not times between years 1 and 9999; those cells are missing.");
            return new DateVector(result, n, valid);
        });
    }

    // ---- numbers -----------------------------------------------------------------------------------------

    private static BoundExpression SameNumeric(ExpressionBinder b, CallSyntax call, List<BoundExpression> args, Func<double, double> onDouble, Func<long, long> onLong)
    {
        Arity(b, call, 1, 1, $"{call.Name}(x)");
        Expect(b, call, args, 0, "a number", ColumnType.Int64, ColumnType.Double);
        var type = args[0].Type ?? ColumnType.Double;
        var text = ExpressionBinder.Text(call);
        return Function(call, args, type, (v, _) =>
        {
            try
            {
                return v[0] switch
                {
                    ScalarVector s => new ScalarVector(s.Value switch { long l => onLong(l), double d => onDouble(d), _ => null }, type, s.Length),
                    LongVector l => new LongVector(Map(l.Values, l.Length, onLong), l.Length, l.Valid),
                    DoubleVector d => new DoubleVector(Map(d.Values, d.Length, onDouble), d.Length, d.Valid),
                    _ => throw new InvalidOperationException(),
                };
            }
            catch (OverflowException)
            {
                throw new DataException("ExpressionOverflow", DataErrorKind.InvalidData, $"'{text}' does not fit in Int64.", "Cast to Double first.");
            }
        });
    }

    private static T[] Map<T>(T[] values, int n, Func<T, T> f)
    {
        var result = new T[n];
        for (var i = 0; i < n; i++) result[i] = f(values[i]);
        return result;
    }

    private static BoundExpression Round(ExpressionBinder b, CallSyntax call, List<BoundExpression> args)
    {
        Arity(b, call, 1, 2, "round(x) or round(x, digits)");
        Expect(b, call, args, 0, "a number", ColumnType.Int64, ColumnType.Double);
        var digits = args.Count == 2 ? LiteralLong(b, call, args, 1, "the number of digits") : 0;
        if (digits is < -15 or > 15) throw b.Error(call.Arguments[1].Position, "round() takes between -15 and 15 digits");
        var scale = Math.Pow(10, Math.Abs(digits));
        // Half away from zero, as SQL rounds; negative digits round to tens, hundreds...
        Func<double, double> onDouble = digits >= 0
            ? d => Math.Round(d, (int)digits, MidpointRounding.AwayFromZero)
            : d => Math.Round(d / scale, MidpointRounding.AwayFromZero) * scale;
        Func<long, long> onLong = digits >= 0 ? l => l : l => (long)(Math.Round(l / scale, MidpointRounding.AwayFromZero) * scale);
        return SameNumeric(b, call with { Arguments = call.Arguments.Take(1).ToList() }, args.Take(1).ToList(), onDouble, onLong);
    }

    private static BoundExpression DoubleMath(ExpressionBinder b, CallSyntax call, List<BoundExpression> args, Func<double, double> f, Func<double, bool> inDomain)
    {
        Arity(b, call, 1, 1, $"{call.Name}(x)");
        Expect(b, call, args, 0, "a number", ColumnType.Int64, ColumnType.Double);
        var arg = ExpressionBinder.ToDouble(args[0]);
        var text = ExpressionBinder.Text(call);
        return Function(call, [arg], ColumnType.Double, (v, context) =>
        {
            if (v[0] is ScalarVector s)
                return new ScalarVector(s.Value is double x && inDomain(x) ? f(x) : null, ColumnType.Double, s.Length);
            var d = (DoubleVector)v[0];
            var n = d.Length;
            var result = new double[n];
            ulong[]? valid = d.Valid;
            var outside = 0;
            for (var i = 0; i < n; i++)
            {
                var x = d.Values[i];
                if (inDomain(x)) { result[i] = f(x); continue; }
                if (valid != null && !Bits.Get(valid, i)) continue;
                if (valid == d.Valid) valid = valid == null ? Bits.AllSet(n) : (ulong[])valid.Clone();
                valid![i >> 6] &= ~(1UL << (i & 63));
                outside++;
            }
            context.Warn("domain:" + text, outside, c => $"'{text}': {c:N0} value(s) are outside the function's domain; those cells are missing.");
            return new DoubleVector(result, n, valid);
        });
    }

    private static BoundExpression Power(ExpressionBinder b, CallSyntax call, List<BoundExpression> args)
    {
        Arity(b, call, 2, 2, "power(x, y)");
        Expect(b, call, args, 0, "a number", ColumnType.Int64, ColumnType.Double);
        Expect(b, call, args, 1, "a number", ColumnType.Int64, ColumnType.Double);
        var x = ExpressionBinder.ToDouble(args[0]);
        var y = ExpressionBinder.ToDouble(args[1]);
        return Function(call, [x, y], ColumnType.Double, (v, context) =>
        {
            var n = context.Rows;
            if (v[0] is ScalarVector { IsMissing: true } || v[1] is ScalarVector { IsMissing: true }) return new ScalarVector(null, ColumnType.Double, n);
            double At(Vector vec, int i) => vec is ScalarVector s ? (double)s.Value! : ((DoubleVector)vec).Values[i];
            if (v[0] is ScalarVector && v[1] is ScalarVector) return new ScalarVector(Math.Pow(At(v[0], 0), At(v[1], 0)), ColumnType.Double, n);
            var result = new double[n];
            for (var i = 0; i < n; i++) result[i] = Math.Pow(At(v[0], i), At(v[1], i));
            return new DoubleVector(result, n, Bits.And(v[0].Valid, v[1].Valid, n));
        });
    }

    private static BoundExpression Extreme(ExpressionBinder b, CallSyntax call, List<BoundExpression> args, bool greatest)
    {
        if (args.Count < 2) throw b.Error(call.Position, $"{call.Name}() takes two or more arguments", $"Write {call.Name}(a, b, ...).");
        var type = b.Unify(call, args);
        var unified = args.Select(a => ExpressionBinder.Coerce(a, type)).ToList();
        // Missing values are skipped (as in PostgreSQL); the result is missing only when every argument is.
        return Function(call, unified, type, (v, context) => VectorBuilder.Pick(type ?? ColumnType.Double, context.Rows, row =>
        {
            (Vector? Source, int Row) best = (null, row);
            object? bestValue = null;
            foreach (var vec in v)
            {
                var value = vec.GetValue(vec is ScalarVector ? 0 : row);
                if (value == null) continue;
                var order = bestValue == null ? 0 : BoundComparison.CompareValues(value, bestValue, false);
                if (bestValue == null || (greatest ? order > 0 : order < 0)) { best = (vec, vec is ScalarVector ? 0 : row); bestValue = value; }
            }
            return best;
        }));
    }

    private static BoundExpression IsNan(ExpressionBinder b, CallSyntax call, List<BoundExpression> args)
    {
        Arity(b, call, 1, 1, "is_nan(x)");
        Expect(b, call, args, 0, "a number", ColumnType.Int64, ColumnType.Double);
        return Function(call, args, ColumnType.Boolean, (v, context) => v[0] switch
        {
            ScalarVector s => new ScalarVector(s.Value == null ? null : s.Value is double d && double.IsNaN(d), ColumnType.Boolean, s.Length),
            DoubleVector d => new BoolVector(Bits.FromPredicate(d.Length, i => double.IsNaN(d.Values[i])), d.Length, d.Valid),
            var other => new BoolVector(new ulong[Bits.WordCount(other.Length)], other.Length, other.Valid),
        });
    }

    // ---- text --------------------------------------------------------------------------------------------

    private static BoundExpression TextMap(ExpressionBinder b, CallSyntax call, List<BoundExpression> args, Func<string, string?> map)
    {
        Arity(b, call, 1, 1, $"{call.Name}(text)");
        Expect(b, call, args, 0, "text", ColumnType.String);
        return Function(call, args, ColumnType.String, (v, _) => MapText(v[0], map));
    }

    private static Vector MapText(Vector v, Func<string, string?> map) => v switch
    {
        ScalarVector s => new ScalarVector(s.Value is string t ? map(t) : null, ColumnType.String, s.Length),
        StringVector t => t.MapText(map),
        _ => throw new InvalidOperationException(),
    };

    private static BoundExpression TextLength(ExpressionBinder b, CallSyntax call, List<BoundExpression> args)
    {
        Arity(b, call, 1, 1, "length(text)");
        Expect(b, call, args, 0, "text", ColumnType.String);
        // Characters as people count them (text elements), so 'é' written as e + accent is one.
        return Function(call, args, ColumnType.Int64, (v, _) => v[0] switch
        {
            ScalarVector s => new ScalarVector(s.Value is string t ? (long)new StringInfo(t).LengthInTextElements : null, ColumnType.Int64, s.Length),
            StringVector t => new LongVector(t.MapPerValue(x => (long)new StringInfo(x).LengthInTextElements, 0L), t.Length, t.Valid),
            _ => throw new InvalidOperationException(),
        });
    }

    private static BoundExpression Substring(ExpressionBinder b, CallSyntax call, List<BoundExpression> args)
    {
        Arity(b, call, 2, 3, "substring(text, start) or substring(text, start, length) (start counts from 1)");
        Expect(b, call, args, 0, "text", ColumnType.String);
        var start = LiteralLong(b, call, args, 1, "the start (1 for the first character)");
        var length = args.Count == 3 ? LiteralLong(b, call, args, 2, "the length") : long.MaxValue;
        if (start < 1) throw b.Error(call.Arguments[1].Position, "substring() counts from 1: the start must be 1 or more");
        if (length < 0) throw b.Error(call.Arguments[2].Position, "substring() needs a length of 0 or more");
        return Function(call, args.Take(1).ToList(), ColumnType.String, (v, _) => MapText(v[0], s =>
        {
            var from = (int)Math.Min(start - 1, s.Length);
            return s.Substring(from, (int)Math.Min(length, s.Length - from));
        }));
    }

    private static BoundExpression Slice(ExpressionBinder b, CallSyntax call, List<BoundExpression> args, bool fromRight)
    {
        Arity(b, call, 2, 2, $"{call.Name}(text, count)");
        Expect(b, call, args, 0, "text", ColumnType.String);
        var count = LiteralLong(b, call, args, 1, "the number of characters");
        if (count < 0) throw b.Error(call.Arguments[1].Position, $"{call.Name}() needs a count of 0 or more");
        return Function(call, args.Take(1).ToList(), ColumnType.String, (v, _) => MapText(v[0], s =>
            fromRight ? s[(int)Math.Max(0, s.Length - count)..] : s[..(int)Math.Min(count, s.Length)]));
    }

    private static BoundExpression Replace(ExpressionBinder b, CallSyntax call, List<BoundExpression> args)
    {
        Arity(b, call, 3, 3, "replace(text, 'find', 'with')");
        Expect(b, call, args, 0, "text", ColumnType.String);
        var find = LiteralText(b, call, args, 1, "the text to find");
        var with = LiteralText(b, call, args, 2, "the replacement");
        if (find.Length == 0) throw b.Error(call.Arguments[1].Position, "replace() cannot find empty text");
        return Function(call, args.Take(1).ToList(), ColumnType.String, (v, _) => MapText(v[0], s => s.Replace(find, with, StringComparison.Ordinal)));
    }

    private static BoundExpression Concat(ExpressionBinder b, CallSyntax call, List<BoundExpression> args)
    {
        if (args.Count == 0) throw b.Error(call.Position, "concat() needs at least one argument");
        // concat() skips missing values (as in PostgreSQL); || makes the result missing instead.
        var texts = args.Select(a => ExpressionBinder.CastToText(a)).ToList();
        return Function(call, texts, ColumnType.String, (v, context) =>
        {
            var n = context.Rows;
            var builder = new StringColumnBuilder(n);
            var sb = new System.Text.StringBuilder();
            for (var i = 0; i < n; i++)
            {
                sb.Clear();
                foreach (var vec in v) if (vec.GetValue(vec is ScalarVector ? 0 : i) is string s) sb.Append(s);
                builder.Append(sb.ToString());
            }
            return new StringVector(builder.Build("value"));
        });
    }

    private static BoundExpression TextTest(ExpressionBinder b, CallSyntax call, List<BoundExpression> args, Func<string, string, bool> test)
    {
        Arity(b, call, 2, 2, $"{call.Name}(text, 'part')");
        Expect(b, call, args, 0, "text", ColumnType.String);
        var part = LiteralText(b, call, args, 1, "the text to look for");
        return Function(call, args.Take(1).ToList(), ColumnType.Boolean, (v, _) => v[0] switch
        {
            ScalarVector s => new ScalarVector(s.Value is string t ? test(t, part) : null, ColumnType.Boolean, s.Length),
            StringVector t => new BoolVector(t.TestPerValue(x => test(x, part), span => test(span.ToString(), part)), t.Length, t.Valid),
            _ => throw new InvalidOperationException(),
        });
    }

    private static BoundExpression RegexMatch(ExpressionBinder b, CallSyntax call, List<BoundExpression> args)
    {
        Arity(b, call, 2, 2, "regex_match(text, 'pattern')");
        Expect(b, call, args, 0, "text", ColumnType.String);
        var pattern = LiteralText(b, call, args, 1, "the pattern");
        var regex = TextPattern.Create(pattern, PatternKind.Regex, ignoreCase: false);
        CompileRegex(b, call, pattern, 1);
        return new BoundPattern(args[0], regex, negated: false);
    }

    private static BoundExpression RegexReplace(ExpressionBinder b, CallSyntax call, List<BoundExpression> args)
    {
        Arity(b, call, 3, 3, "regex_replace(text, 'pattern', 'replacement')");
        Expect(b, call, args, 0, "text", ColumnType.String);
        var regex = CompileRegex(b, call, LiteralText(b, call, args, 1, "the pattern"), 1);
        var with = LiteralText(b, call, args, 2, "the replacement ($1 for a group)");
        return Function(call, args.Take(1).ToList(), ColumnType.String, (v, _) => MapText(v[0], s => regex.Replace(s, with)));
    }

    private static BoundExpression RegexExtract(ExpressionBinder b, CallSyntax call, List<BoundExpression> args)
    {
        Arity(b, call, 2, 3, "regex_extract(text, 'pattern') or regex_extract(text, 'pattern', group)");
        Expect(b, call, args, 0, "text", ColumnType.String);
        var regex = CompileRegex(b, call, LiteralText(b, call, args, 1, "the pattern"), 1);
        var group = args.Count == 3 ? LiteralLong(b, call, args, 2, "the group number") : 0;
        if (group < 0 || group > regex.GetGroupNumbers().Max())
            throw b.Error(call.Arguments[2].Position, $"The pattern has no group {group}");
        // No match: missing (not empty text), so a failed extraction is visible.
        return Function(call, args.Take(1).ToList(), ColumnType.String, (v, _) => MapText(v[0], s =>
        {
            var m = regex.Match(s);
            return m.Success ? m.Groups[(int)group].Value : null;
        }));
    }

    // ---- missing values and conditions -------------------------------------------------------------------

    private static BoundExpression Coalesce(ExpressionBinder b, CallSyntax call, List<BoundExpression> args)
    {
        if (args.Count < 1) throw b.Error(call.Position, "coalesce() needs at least one argument", "Write coalesce(x, 0).");
        var type = b.Unify(call, args);
        var unified = args.Select(a => ExpressionBinder.Coerce(a, type)).ToList();
        return Function(call, unified, type, (v, context) => VectorBuilder.Pick(type ?? ColumnType.String, context.Rows, row =>
        {
            foreach (var vec in v)
            {
                var r = vec is ScalarVector ? 0 : row;
                if (vec is ScalarVector { IsMissing: false } || vec is not ScalarVector && vec.IsValid(r)) return (vec, r);
            }
            return (null, row);
        }));
    }

    private static BoundExpression NullIf(ExpressionBinder b, CallSyntax call, List<BoundExpression> args)
    {
        Arity(b, call, 2, 2, "nullif(x, value)");
        var type = b.Unify(call, args);
        var x = ExpressionBinder.Coerce(args[0], type);
        var y = ExpressionBinder.Coerce(args[1], type);
        return Function(call, [x, y], type, (v, context) =>
        {
            var n = context.Rows;
            var equal = BoundComparison.Compare(BinaryOperator.Equal, v[0], v[1], false, n);
            var (bits, valid) = BoolMask.Of(equal, n);
            return VectorBuilder.Pick(type ?? ColumnType.String, n, row =>
                (valid == null || Bits.Get(valid, row)) && Bits.Get(bits, row) ? (null, row) : (v[0], v[0] is ScalarVector ? 0 : row));
        });
    }

    /// <summary>row_number(): 1 for the first row, 2 for the next... (a time axis for a file that has none).</summary>
    private static BoundExpression RowNumber(ExpressionBinder b, CallSyntax call)
    {
        Arity(b, call, 0, 0, "row_number()");
        return Function(call, [], ColumnType.Int64, (_, context) =>
        {
            var numbers = new long[context.Rows];
            for (var i = 0; i < numbers.Length; i++) numbers[i] = i + 1;
            return new LongVector(numbers, numbers.Length, null);
        });
    }

    private static BoundExpression If(ExpressionBinder b, CallSyntax call, List<BoundExpression> args)
    {
        Arity(b, call, 3, 3, "if(condition, then, else)");
        if (args[0].Type is { } t && t != ColumnType.Boolean)
            throw b.Error(call.Arguments[0].Position, $"if() needs a condition (true or false) as argument 1, not {t}");
        var type = b.Unify(call, args.Skip(1).ToList());
        return new BoundCase([(args[0], ExpressionBinder.Coerce(args[1], type))], ExpressionBinder.Coerce(args[2], type), type, call.Position);
    }
}

using DataCenterTools.Core.Data;
using DataCenterTools.Core.Query;
using Xunit;

namespace DataCenterTools.Core.Tests;

/// <summary>The -Filter / -Expression language on a hand-made table whose answers are worked out by hand.</summary>
public class ExpressionTests
{
    private static readonly DateTime T1 = new(2026, 11, 1, 0, 30, 0, DateTimeKind.Utc);   // a Sunday
    private static readonly DateTime T2 = new(2026, 11, 1, 13, 15, 0, DateTimeKind.Utc);
    private static readonly DateTime T3 = new(2026, 11, 2, 23, 59, 0, DateTimeKind.Utc);  // a Monday
    private static readonly DateTime T5 = new(2026, 11, 7, 6, 0, 0, DateTimeKind.Utc);    // a Saturday

    /// <summary>
    /// id  cpu    region   host    ts                 ok
    /// 1   10.5   cn-east  gpu-01  2026-11-01 00:30   true
    /// 2   -      cn-west  gpu-02  2026-11-01 13:15   false
    /// 3   75     cn-east  cpu-03  2026-11-02 23:59   -
    /// 4   50     -        gpu-04  -                  true
    /// 5   90.25  eu-fra   -       2026-11-07 06:00   false
    /// </summary>
    internal static Dataset Table() => new("t",
    [
        new Int64Column("id", [1, 2, 3, 4, 5]),
        TestColumns.Doubles("cpu", 10.5, null, 75, 50, 90.25),
        new StringColumn("region", ["cn-east", "cn-west", "cn-east", null, "eu-fra"]),
        new StringColumn("host", ["gpu-01", "gpu-02", "cpu-03", "gpu-04", null]),
        new DateTimeColumn("ts", [T1, T2, T3, default, T5], ValidityBitmap.FromFlags([true, true, true, false, true])),
        new BooleanColumn("ok", [true, false, false, true, false], ValidityBitmap.FromFlags([true, true, false, true, true])),
        new StringColumn("cpu %", ["1", "2", "x", "4", "5"]),
    ]);

    [Theory]
    [InlineData("cpu > 50", new long[] { 3, 5 })]
    [InlineData("cpu > 50 and region = 'cn-east'", new long[] { 3 })]
    [InlineData("cpu >= 50 or region = 'cn-west'", new long[] { 2, 3, 4, 5 })]
    [InlineData("not (cpu > 50)", new long[] { 1, 4 })]
    [InlineData("cpu is null", new long[] { 2 })]
    [InlineData("cpu is not null and host is null", new long[] { 5 })]
    [InlineData("region in ('cn-east', 'eu-fra')", new long[] { 1, 3, 5 })]
    [InlineData("region not in ('cn-east')", new long[] { 2, 5 })]
    [InlineData("host like 'gpu-%'", new long[] { 1, 2, 4 })]
    [InlineData("host like 'GPU-%'", new long[] { })]
    [InlineData("host ilike 'GPU-%'", new long[] { 1, 2, 4 })]
    [InlineData("host like '_pu-0_'", new long[] { 1, 2, 3, 4 })]
    [InlineData("host not like '%-0[12]'", new long[] { 1, 2, 3, 4 })]
    [InlineData("host -like 'GPU-*'", new long[] { 1, 2, 4 })]
    [InlineData("host -clike 'GPU-*'", new long[] { })]
    [InlineData("host -like 'gpu-0[12]'", new long[] { 1, 2 })]
    [InlineData("host -match '^GPU-0[14]$'", new long[] { 1, 4 })]
    [InlineData("region -eq 'CN-EAST'", new long[] { 1, 3 })]
    [InlineData("region = 'CN-EAST'", new long[] { })]
    [InlineData("region -ne 'cn-east'", new long[] { 2, 5 })]
    [InlineData("region < 'cn-f'", new long[] { 1, 3 })]
    [InlineData("id % 2 = 0", new long[] { 2, 4 })]
    [InlineData("id * 10 - 5 >= 25", new long[] { 3, 4, 5 })]
    [InlineData("id in (1, 2.0)", new long[] { 1, 2 })]
    [InlineData("id between 2 and 4", new long[] { 2, 3, 4 })]
    [InlineData("id not between 2 and 4", new long[] { 1, 5 })]
    [InlineData("hour(ts) = 13", new long[] { 2 })]
    [InlineData("day_of_week(ts) = 6", new long[] { 5 })]
    [InlineData("day_of_week(ts) = 0", new long[] { 1, 2 })]
    [InlineData("day(ts) = 1", new long[] { 1, 2 })]
    [InlineData("ts >= '2026-11-02'", new long[] { 3, 5 })]
    [InlineData("date(ts) = date '2026-11-01'", new long[] { 1, 2 })]
    [InlineData("ts between date '2026-11-01' and timestamp '2026-11-01 23:59:59'", new long[] { 1, 2 })]
    [InlineData("date_trunc('1d', ts) = '2026-11-02'", new long[] { 3 })]
    [InlineData("date_trunc('week', ts) = '2026-10-26'", new long[] { 1, 2 })]
    [InlineData("ok", new long[] { 1, 4 })]
    [InlineData("not ok", new long[] { 2, 5 })]
    [InlineData("ok is null", new long[] { 3 })]
    [InlineData("ok = false", new long[] { 2, 5 })]
    [InlineData("ok or cpu > 80", new long[] { 1, 4, 5 })]
    [InlineData("ok and cpu > 80", new long[] { })]
    [InlineData("cpu > 80 or ok", new long[] { 1, 4, 5 })]
    [InlineData("coalesce(cpu, 0) < 20", new long[] { 1, 2 })]
    [InlineData("length(host) = 6", new long[] { 1, 2, 3, 4 })]
    [InlineData("upper(region) = 'CN-EAST'", new long[] { 1, 3 })]
    [InlineData("starts_with(host, 'cpu')", new long[] { 3 })]
    [InlineData("cast(id as String) = '3'", new long[] { 3 })]
    [InlineData("[cpu] > 80", new long[] { 5 })]
    [InlineData("`cpu` > 80", new long[] { 5 })]
    [InlineData("\"cpu\" > 80", new long[] { 5 })]
    [InlineData("try_cast([cpu %] as Int64) >= 4", new long[] { 4, 5 })]
    [InlineData("case when cpu > 60 then 'hi' else 'lo' end = 'hi'", new long[] { 3, 5 })]
    [InlineData("if(cpu > 60, 1, 0) = 0", new long[] { 1, 2, 4 })]
    [InlineData("regex_match(host, '^gpu-0[12]$')", new long[] { 1, 2 })]
    [InlineData("$_.cpu -gt 80 -and $_.region -eq 'eu-fra'", new long[] { 5 })]
    [InlineData("region -in 'cn-west', 'eu-fra'", new long[] { 2, 5 })]
    [InlineData("-not ($_.ok)", new long[] { 2, 5 })]
    [InlineData("abs(cpu - 60) < 20", new long[] { 3, 4 })]
    [InlineData("true", new long[] { 1, 2, 3, 4, 5 })]
    [InlineData("1 = 2", new long[] { })]
    public void Filter_selects_the_rows_where_the_condition_is_true(string filter, long[] ids)
    {
        var table = Table();
        var rows = DataExpression.Compile(table, filter).SelectRows(out var warnings);
        Assert.Equal(ids, rows.Select(r => ((Int64Column)table["id"])[r]).ToArray());
        Assert.Empty(warnings);
    }

    [Theory]
    [InlineData("cpu * 2", new object?[] { 21.0, null, 150.0, 100.0, 180.5 })]
    [InlineData("id + 1", new object?[] { 2L, 3L, 4L, 5L, 6L })]
    [InlineData("id / 2", new object?[] { 0.5, 1.0, 1.5, 2.0, 2.5 })]
    [InlineData("id % 3", new object?[] { 1L, 2L, 0L, 1L, 2L })]
    [InlineData("-id", new object?[] { -1L, -2L, -3L, -4L, -5L })]
    [InlineData("hour(ts)", new object?[] { 0L, 13L, 23L, null, 6L })]
    [InlineData("month(ts) * 100 + day(ts)", new object?[] { 1101L, 1101L, 1102L, null, 1107L })]
    [InlineData("round(cpu / 3, 1)", new object?[] { 3.5, null, 25.0, 16.7, 30.1 })]
    [InlineData("round(2.5)", new object?[] { 3.0, 3.0, 3.0, 3.0, 3.0 })]
    [InlineData("round(-2.5)", new object?[] { -3.0, -3.0, -3.0, -3.0, -3.0 })]
    [InlineData("floor(cpu)", new object?[] { 10.0, null, 75.0, 50.0, 90.0 })]
    [InlineData("ceil(cpu)", new object?[] { 11.0, null, 75.0, 50.0, 91.0 })]
    [InlineData("lower(host) || '-' || region", new object?[] { "gpu-01-cn-east", "gpu-02-cn-west", "cpu-03-cn-east", null, null })]
    [InlineData("concat(host, '/', region)", new object?[] { "gpu-01/cn-east", "gpu-02/cn-west", "cpu-03/cn-east", "gpu-04/", "/eu-fra" })]
    [InlineData("substring(host, 5)", new object?[] { "01", "02", "03", "04", null })]
    [InlineData("substring(host, 1, 3)", new object?[] { "gpu", "gpu", "cpu", "gpu", null })]
    [InlineData("replace(region, 'cn-', 'china-')", new object?[] { "china-east", "china-west", "china-east", null, "eu-fra" })]
    [InlineData("regex_replace(host, '[0-9]+', '#')", new object?[] { "gpu-#", "gpu-#", "cpu-#", "gpu-#", null })]
    [InlineData("regex_extract(host, '-(\\d+)', 1)", new object?[] { "01", "02", "03", "04", null })]
    [InlineData("coalesce(region, host, 'none')", new object?[] { "cn-east", "cn-west", "cn-east", "gpu-04", "eu-fra" })]
    [InlineData("coalesce(cpu, id)", new object?[] { 10.5, 2.0, 75.0, 50.0, 90.25 })]
    [InlineData("nullif(region, 'cn-east')", new object?[] { null, "cn-west", null, null, "eu-fra" })]
    [InlineData("case when cpu > 60 then 'hi' when cpu > 20 then 'mid' end", new object?[] { null, null, "hi", "mid", "hi" })]
    [InlineData("greatest(cpu, id * 20)", new object?[] { 20.0, 40.0, 75.0, 80.0, 100.0 })]
    [InlineData("least(cpu, 60)", new object?[] { 10.5, 60.0, 60.0, 50.0, 60.0 })]
    [InlineData("cast(cpu as Int64)", new object?[] { null, null, 75L, 50L, null })]
    [InlineData("cast(round(cpu) as Int64)", new object?[] { 11L, null, 75L, 50L, 90L })]
    [InlineData("cast(id > 2 as Double)", new object?[] { 0.0, 0.0, 1.0, 1.0, 1.0 })]
    [InlineData("cast(ok as Int64)", new object?[] { 1L, 0L, null, 1L, 0L })]
    [InlineData("cast(id as Double) / 4", new object?[] { 0.25, 0.5, 0.75, 1.0, 1.25 })]
    [InlineData("cast(ts as String)", new object?[] { "2026-11-01T00:30:00Z", "2026-11-01T13:15:00Z", "2026-11-02T23:59:00Z", null, "2026-11-07T06:00:00Z" })]
    [InlineData("cast('2026-11-05' as DateTime) > ts", new object?[] { true, true, true, null, false })]
    [InlineData("length(region)", new object?[] { 7L, 7L, 7L, null, 6L })]
    [InlineData("cpu > 50", new object?[] { false, null, true, false, true })]
    [InlineData("unix_seconds(ts) - 1793491200", new object?[] { 1800L, 47700L, 172740L, null, 540000L })]
    [InlineData("from_unixtime(1793491200 + hour(ts) * 3600) = date_trunc('1h', ts)", new object?[] { true, true, false, null, false })]
    [InlineData("log10(id * 10)", new object?[] { 1.0, 1.3010299956639813, 1.4771212547196624, 1.6020599913279623, 1.6989700043360187 })]
    [InlineData("null", new object?[] { null, null, null, null, null })]
    [InlineData("row_number() * 10", new object?[] { 10L, 20L, 30L, 40L, 50L })]
    public void Expression_gives_each_row_its_value(string expression, object?[] expected)
    {
        var column = DataExpression.Compile(Table(), expression).Evaluate("x", out _);
        Assert.Equal("x", column.Name);
        for (var i = 0; i < expected.Length; i++)
        {
            var actual = column.GetValue(i);
            if (expected[i] is double d) Assert.Equal(d, (double)actual!, 10);
            else Assert.Equal(expected[i], actual);
        }
    }

    [Fact]
    public void From_unixtime_reads_seconds_and_milliseconds_as_utc()
    {
        var t = Table();
        var seconds = (DateTimeColumn)DataExpression.Compile(t, "from_unixtime(1762000000 + id)").Evaluate("t", out _);
        Assert.Equal(new DateTime(2025, 11, 1, 12, 26, 41, DateTimeKind.Utc), seconds[0]);
        Assert.Equal(DateTimeKind.Utc, seconds[0].Kind);
        var ms = (DateTimeColumn)DataExpression.Compile(t, "from_unixtime_ms(1762000000500)").Evaluate("t", out _);
        Assert.Equal(new DateTime(2025, 11, 1, 12, 26, 40, 500, DateTimeKind.Utc), ms[4]);
    }

    [Fact]
    public void Date_trunc_aligns_to_utc_midnight_and_monday_weeks()
    {
        var t = Table();
        var hours = (DateTimeColumn)DataExpression.Compile(t, "date_trunc('6h', ts)").Evaluate("h", out _);
        Assert.Equal(new DateTime(2026, 11, 1, 0, 0, 0), hours[0]);
        Assert.Equal(new DateTime(2026, 11, 1, 12, 0, 0), hours[1]);
        Assert.Equal(new DateTime(2026, 11, 2, 18, 0, 0), hours[2]);
        var weeks = (DateTimeColumn)DataExpression.Compile(t, "date_trunc('7d', ts)").Evaluate("w", out _);
        Assert.Equal(new DateTime(2026, 10, 26), weeks[0]);   // the Monday before Sunday 1 November
        Assert.Equal(new DateTime(2026, 11, 2), weeks[2]);
        var months = (DateTimeColumn)DataExpression.Compile(t, "date_trunc('quarter', ts)").Evaluate("q", out _);
        Assert.Equal(new DateTime(2026, 10, 1), months[4]);
        Assert.Equal(DateTimeKind.Utc, months[4].Kind);
    }

    [Fact]
    public void Dictionary_encoded_text_stays_encoded_through_functions()
    {
        var column = (StringColumn)DataExpression.Compile(Table(), "upper(region)").Evaluate("r", out _);
        Assert.True(column.IsDictionaryEncoded);
        Assert.Equal(["CN-EAST", "CN-WEST", "EU-FRA"], column.Dictionary!.Order().ToArray());
    }

    [Fact]
    public void Division_by_zero_is_missing_with_a_warning()
    {
        var column = DataExpression.Compile(Table(), "id / (id - 3)").Evaluate("x", out var warnings);
        Assert.Null(column.GetValue(2));
        Assert.Equal(-0.5, column.GetValue(0));
        Assert.Contains(warnings, w => w.Contains("1 row(s) divide by zero"));
    }

    [Fact]
    public void Out_of_domain_values_are_missing_with_a_warning()
    {
        var column = DataExpression.Compile(Table(), "sqrt(cpu - 60)").Evaluate("x", out var warnings);
        Assert.Null(column.GetValue(0));
        Assert.Equal(Math.Sqrt(15), (double)column.GetValue(2)!, 12);
        Assert.Null(column.GetValue(3));
        Assert.Equal(2, column.NullCount - 1); // rows 1 and 4 out of domain, row 2 already missing
        Assert.Contains(warnings, w => w.Contains("2 value(s) are outside the function's domain"));
    }

    [Fact]
    public void A_cast_that_fails_on_some_cells_warns_with_the_count_and_on_every_cell_is_an_error()
    {
        var partly = DataExpression.Compile(Table(), "cast([cpu %] as Int64)").Evaluate("x", out var warnings);
        Assert.Equal(1, partly.NullCount);
        Assert.Equal(4L, partly.GetValue(3));
        Assert.Contains(warnings, w => w.Contains("1 of 5 value(s) of column '[cpu %]' could not be converted from String to Int64") && w.Contains("first in row 3; e.g. 'x'"));
        var e = Assert.Throws<DataException>(() => DataExpression.Compile(Table(), "cast(region as Int64)").Evaluate("x", out _));
        Assert.Equal("DataCenterTools.ConversionFailed", e.ErrorId);
        Assert.Contains("none of its 4 value(s) converts", e.Message);
        var silent = DataExpression.Compile(Table(), "try_cast(region as Int64)").Evaluate("x", out var none);
        Assert.Equal(5, silent.NullCount);
        Assert.Empty(none);
    }

    [Fact]
    public void Int64_overflow_is_an_error_not_a_wrapped_number()
    {
        var e = Assert.Throws<DataException>(() => DataExpression.Compile(Table(), "id * 9223372036854775807").Evaluate("x", out _));
        Assert.Equal("DataCenterTools.ExpressionOverflow", e.ErrorId);
        Assert.Equal(-9223372036854775808L, DataExpression.Compile(Table(), "-9223372036854775808").Evaluate("x", out _).GetValue(0));
    }

    [Theory]
    [InlineData("cpu >", "DataCenterTools.ExpressionInvalid", "ends where a value was expected", 6)]
    [InlineData("cpux > 5", "DataCenterTools.ColumnNotFound", "Did you mean 'cpu'", 1)]
    [InlineData("region > 5", "DataCenterTools.ExpressionInvalid", "Cannot compare with '>' region (String) and 5 (Int64)", 8)]
    [InlineData("region = \"cn-east\"", "DataCenterTools.ColumnNotFound", "no column 'cn-east'", 10)]
    [InlineData("cpu = null", "DataCenterTools.ExpressionInvalid", "comparison with null is never true", 7)]
    [InlineData("foo(cpu)", "DataCenterTools.ExpressionInvalid", "no function 'foo'", 1)]
    [InlineData("hour(cpu)", "DataCenterTools.ExpressionInvalid", "hour() needs a DateTime as argument 1, not Double", 6)]
    [InlineData("cpu + region", "DataCenterTools.ExpressionInvalid", "'+' needs numbers, but region is String", 7)]
    [InlineData("host + 'x'", "DataCenterTools.ExpressionInvalid", "'+' needs numbers", 1)]
    [InlineData("'abc", "DataCenterTools.ExpressionInvalid", "never closed", 1)]
    [InlineData("cpu > 5 region", "DataCenterTools.ExpressionInvalid", "Unexpected 'region'", 9)]
    [InlineData("(cpu > 5", "DataCenterTools.ExpressionInvalid", "Expected ')'", 9)]
    [InlineData("ts > 'soon'", "DataCenterTools.ExpressionInvalid", "'soon' is compared with a DateTime", 6)]
    [InlineData("cpu and ok", "DataCenterTools.ExpressionInvalid", "'and' needs a condition (true or false), but cpu is Double", 1)]
    [InlineData("cast(ts as Int64)", "DataCenterTools.ExpressionInvalid", "A DateTime cannot be cast to Int64", 1)]
    [InlineData("cast(id as Money)", "DataCenterTools.ExpressionInvalid", "'Money' is not a type", 12)]
    [InlineData("host like region", "DataCenterTools.ExpressionInvalid", "pattern must be written as 'text'", 11)]
    [InlineData("region in (1, 2)", "DataCenterTools.ExpressionInvalid", "Cannot look for region (String) and 1 (Int64)", 12)]
    [InlineData("date_trunc('fortnight', ts)", "DataCenterTools.ExpressionInvalid", "'fortnight' is not a time interval", 12)]
    [InlineData("99999999999999999999", "DataCenterTools.ExpressionInvalid", "does not fit in Int64", 1)]
    [InlineData("cpu && ok", "DataCenterTools.ExpressionInvalid", "Unexpected character '&'", 5)]
    [InlineData("", "DataCenterTools.ExpressionInvalid", "empty", 1)]
    public void Errors_name_the_position_and_what_was_expected(string expression, string errorId, string fragment, int position)
    {
        var e = Assert.ThrowsAny<DataException>(() => DataExpression.Compile(Table(), expression));
        Assert.Equal(errorId, e.ErrorId);
        Assert.Contains(fragment, e.Message);
        Assert.Contains($"at position {position} of the expression \"{expression}\"", e.Message);
    }

    [Fact]
    public void A_filter_that_is_not_a_condition_is_an_error_before_any_row_is_read()
    {
        var e = Assert.Throws<DataException>(() => DataExpression.Compile(Table(), "cpu * 2").SelectRows(out _));
        Assert.Equal("DataCenterTools.ExpressionInvalid", e.ErrorId);
        Assert.Contains("must be true or false", e.Message);
    }

    [Fact]
    public void Columns_lists_what_the_expression_reads()
    {
        Assert.Equal(["cpu", "region"], DataExpression.Compile(Table(), "cpu > 5 and (region = 'x' or cpu < 1)").Columns);
    }
}

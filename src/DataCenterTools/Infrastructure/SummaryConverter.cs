using System.Management.Automation;
using DataCenterTools.Core.Data;
using DataCenterTools.Core.Distribution;
using DataCenterTools.Core.Text.Tokens;

namespace DataCenterTools.Infrastructure;

/// <summary>
/// Turns pipeline input back into a <see cref="ColumnSummary"/>: a live one as is, or one that crossed a
/// process boundary (Import-Clixml, Receive-Job, ConvertFrom-Json) rebuilt from its plain properties.
/// </summary>
internal static class SummaryConverter
{
    public static ColumnSummary From(PSObject input)
    {
        if (input.BaseObject is ColumnSummary live) return live;
        var column = Get<string>(input, nameof(ColumnSummary.Column));
        try
        {
            var kind = Get<string>(input, nameof(ColumnSummary.Kind));
            var quantiles = input.Properties[nameof(ColumnSummary.Quantiles)]?.Value is { } q && q is not null ? PSObject.AsPSObject(q) : null;
            var distinct = PSObject.AsPSObject(Get<object>(input, nameof(ColumnSummary.Distinct)));
            return new ColumnSummary
            {
                Dataset = Optional<string>(input, nameof(ColumnSummary.Dataset)) ?? "",
                Column = column,
                Type = Get<ColumnType>(input, nameof(ColumnSummary.Type)),
                Kind = kind,
                Count = Get<long>(input, nameof(ColumnSummary.Count)),
                Missing = Get<long>(input, nameof(ColumnSummary.Missing)),
                Min = Optional<double?>(input, nameof(ColumnSummary.Min)),
                Max = Optional<double?>(input, nameof(ColumnSummary.Max)),
                Zeros = Optional<long?>(input, nameof(ColumnSummary.Zeros)) ?? 0,
                Mean = Optional<double?>(input, nameof(ColumnSummary.Mean)) ?? double.NaN,
                M2 = Optional<double?>(input, nameof(ColumnSummary.M2)) ?? 0,
                M3 = Optional<double?>(input, nameof(ColumnSummary.M3)) ?? 0,
                M4 = Optional<double?>(input, nameof(ColumnSummary.M4)) ?? 0,
                Quantiles = quantiles == null ? null : KllSketch.FromState(
                    Get<int>(quantiles, nameof(KllSketch.K)), Get<long>(quantiles, nameof(KllSketch.Count)),
                    Optional<double?>(quantiles, nameof(KllSketch.Min)) ?? double.NaN, Optional<double?>(quantiles, nameof(KllSketch.Max)) ?? double.NaN,
                    Optional<double[]>(quantiles, nameof(KllSketch.Items)) ?? [], Get<int[]>(quantiles, nameof(KllSketch.LevelStarts))),
                Distinct = HyperLogLog.FromState(Get<int>(distinct, nameof(HyperLogLog.Precision)), Get<byte[]>(distinct, nameof(HyperLogLog.Registers))),
                Values = Optional<string[]>(input, nameof(ColumnSummary.Values)) ?? [],
                ValueCounts = Optional<long[]>(input, nameof(ColumnSummary.ValueCounts)) ?? [],
                ValueCountsExact = Optional<bool?>(input, nameof(ColumnSummary.ValueCountsExact)) ?? true,
            };
        }
        catch (Exception e) when (e is PSInvalidCastException or ArgumentException or InvalidOperationException)
        {
            throw NotASummary($"The summary of column '{column}' cannot be rebuilt: {e.Message}", column);
        }
    }

    /// <summary>A token count (Measure-TextToken), live or rebuilt from a deserialized one.</summary>
    public static TokenCountSummary TokenCountsFrom(PSObject input)
    {
        if (input.BaseObject is TokenCountSummary live) return live;
        return new TokenCountSummary(Get<string>(input, nameof(TokenCountSummary.Tokenizer)), Get<string>(input, nameof(TokenCountSummary.TokenizerPin)),
            Get<long>(input, nameof(TokenCountSummary.Documents)), Get<long>(input, nameof(TokenCountSummary.Tokens)),
            Get<long>(input, nameof(TokenCountSummary.MinTokens)), Get<long>(input, nameof(TokenCountSummary.MaxTokens)),
            Get<double>(input, nameof(TokenCountSummary.MeanTokens)), Optional<TimeSpan?>(input, nameof(TokenCountSummary.Elapsed)) ?? TimeSpan.Zero);
    }

    private static T Get<T>(PSObject input, string name)
    {
        var value = input.Properties[name]?.Value;
        if (value == null) throw NotASummary($"The input has no '{name}' property, so it is not a column summary.", null);
        return LanguagePrimitives.ConvertTo<T>(value);
    }

    private static T? Optional<T>(PSObject input, string name)
    {
        var value = input.Properties[name]?.Value;
        return value == null ? default : LanguagePrimitives.ConvertTo<T>(value);
    }

    private static DataException NotASummary(string message, string? column) =>
        new("NotASummary", DataErrorKind.InvalidArgument, message,
            "Pipe the output of Get-DataDistribution -AsSummary (live, or via Export-Clixml/Import-Clixml or Receive-Job).", column: column);
}

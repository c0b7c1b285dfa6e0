using System.Globalization;
using System.Text.RegularExpressions;
using DataCenterTools.Core.Data;
using DataCenterTools.Core.Features;

namespace DataCenterTools.Core.Privacy;

/// <summary>
/// Demographic quasi-identifiers: columns that name no one alone but single people out together (Sweeney: zip, date
/// of birth and sex identify 87% of Americans). Recognised by the column's name (age, sex/gender, race/ethnicity,
/// nationality/native country/citizenship, postcode/zip, and their Chinese names) when the values fit it: ages are
/// whole numbers from 0 to 130, sex at most 10 distinct values, race at most 50, nationality at most 300, postcodes
/// codes of 3 to 10 letters and digits. Dates of birth are found as <see cref="SensitiveDataKind.DateOfBirth"/>.
/// </summary>
internal static partial class QuasiIdentifierColumns
{
    /// <summary>Name-matched and fitting values, but no pattern to check: Medium, enough for the catalog and -Auto.</summary>
    public const double Confidence = 0.75;
    private const double MinimumShare = 0.95;

    private static readonly (string Attribute, string[] Words, string[] Contains, int MaxDistinct)[] Attributes =
    [
        ("age", ["age", "ages", "agegroup"], ["年龄"], int.MaxValue),
        ("sex", ["sex", "gender"], ["性别"], 10),
        ("race", ["race", "ethnicity", "ethnic", "ethnicgroup"], ["民族", "种族"], 50),
        ("nationality", ["nationality", "citizenship", "nativecountry", "countryofbirth", "birthcountry", "birthplace"], ["国籍", "籍贯"], 300),
        ("postcode", ["zip", "zipcode", "postcode", "postalcode", "postal", "plz"], ["邮编", "邮政编码"], int.MaxValue),
    ];

    [GeneratedRegex(@"[A-Z]?[a-z]+|[A-Z]+(?![a-z])|\d+")]
    private static partial Regex WordRegex();

    [GeneratedRegex(@"^[A-Za-z0-9][A-Za-z0-9 -]{1,8}[A-Za-z0-9]$")]
    private static partial Regex PostcodeRegex();

    /// <summary>The demographic attribute the column's name says it holds ("age", "sex", ...), or null.</summary>
    public static string? AttributeNamedBy(string columnName)
    {
        var words = WordRegex().Matches(columnName).Select(m => m.Value.ToLowerInvariant()).ToList();
        words.Add(string.Concat(words));
        var lower = columnName.ToLowerInvariant();
        foreach (var (attribute, whole, contains, _) in Attributes)
            if (words.Any(w => whole.Contains(w)) || contains.Any(c => lower.Contains(c, StringComparison.Ordinal))) return attribute;
        return null;
    }

    /// <summary>A QuasiIdentifier finding when the name says so and the scanned values fit, else null.</summary>
    public static SensitiveColumnFinding? Find(string datasetName, Column column, int[] rows)
    {
        if (AttributeNamedBy(column.Name) is not { } attribute) return null;
        var maxDistinct = Attributes.First(a => a.Attribute == attribute).MaxDistinct;
        var distinct = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var samples = new List<string>();
        long cells = 0, fitting = 0;
        foreach (var row in rows)
        {
            if (FeatureColumns.TextAt(column, row) is not { } text) continue;
            cells++;
            if (Fits(attribute, column, text)) fitting++;
            if (distinct.Add(text) && samples.Count < 2) samples.Add(SensitiveValueMask.Mask(SensitiveDataKind.QuasiIdentifier, text));
        }
        if (cells == 0 || fitting < MinimumShare * cells || distinct.Count > maxDistinct) return null;
        var share = fitting / (double)cells;
        return new SensitiveColumnFinding
        {
            Dataset = datasetName,
            Column = column.Name,
            Kind = SensitiveDataKind.QuasiIdentifier,
            Attribute = attribute,
            Kinds = [new SensitiveKindMatch { Kind = SensitiveDataKind.QuasiIdentifier, MatchCount = fitting, MatchShare = share, Confidence = Confidence }],
            MatchShare = share,
            Confidence = Confidence,
            Level = SensitiveColumnFinding.LevelOf(Confidence),
            Samples = samples,
            RowsScanned = rows.Length,
            CellsScanned = cells,
        };
    }

    private static bool Fits(string attribute, Column column, string text) => attribute switch
    {
        "age" => column.Type is ColumnType.Int64 or ColumnType.Double or ColumnType.String &&
                 double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var age) && age is >= 0 and <= 130,
        "postcode" => PostcodeRegex().IsMatch(text) && text.Any(char.IsAsciiDigit),
        _ => column.Type == ColumnType.String && text.Length <= 60,
    };
}

namespace DataCenterTools.Core.Privacy;

/// <summary>
/// The check-digit and structure rules of the identifiers Find-SensitiveData looks for. A value that
/// passes one of these is far more likely to be real than one that merely has the right shape.
/// Every method takes the identifier with separators (spaces, dashes) already removed unless it says otherwise.
/// </summary>
public static class IdentifierChecks
{
    /// <summary>The Luhn (mod 10) check of a payment card number: digits only.</summary>
    public static bool Luhn(ReadOnlySpan<char> digits)
    {
        if (digits.IsEmpty) return false;
        var sum = 0;
        var doubleIt = false;
        for (var i = digits.Length - 1; i >= 0; i--)
        {
            var d = digits[i] - '0';
            if ((uint)d > 9) return false;
            if (doubleIt) { d *= 2; if (d > 9) d -= 9; }
            sum += d;
            doubleIt = !doubleIt;
        }
        return sum % 10 == 0;
    }

    /// <summary>
    /// A payment card number: 13 to 19 digits, an issuer prefix in use (2 Mastercard 2-series, 3 Amex/Diners/JCB,
    /// 4 Visa, 5 Mastercard, 6 Discover/UnionPay) and a valid Luhn check digit.
    /// </summary>
    public static bool IsCardNumber(ReadOnlySpan<char> digits) =>
        digits.Length is >= 13 and <= 19 && digits[0] is >= '2' and <= '6' && Luhn(digits);

    /// <summary>The IBAN length per country (SWIFT IBAN registry); a code not listed is not an IBAN country.</summary>
    private static readonly Dictionary<string, int> IbanLengths = new(StringComparer.Ordinal)
    {
        ["AD"] = 24, ["AE"] = 23, ["AL"] = 28, ["AT"] = 20, ["AZ"] = 28, ["BA"] = 20, ["BE"] = 16, ["BG"] = 22,
        ["BH"] = 22, ["BR"] = 29, ["BY"] = 28, ["CH"] = 21, ["CR"] = 22, ["CY"] = 28, ["CZ"] = 24, ["DE"] = 22,
        ["DK"] = 18, ["DO"] = 28, ["EE"] = 20, ["EG"] = 29, ["ES"] = 24, ["FI"] = 18, ["FO"] = 18, ["FR"] = 27,
        ["GB"] = 22, ["GE"] = 22, ["GI"] = 23, ["GL"] = 18, ["GR"] = 27, ["GT"] = 28, ["HR"] = 21, ["HU"] = 28,
        ["IE"] = 22, ["IL"] = 23, ["IQ"] = 23, ["IS"] = 26, ["IT"] = 27, ["JO"] = 30, ["KW"] = 30, ["KZ"] = 20,
        ["LB"] = 28, ["LC"] = 32, ["LI"] = 21, ["LT"] = 20, ["LU"] = 20, ["LV"] = 21, ["MC"] = 27, ["MD"] = 24,
        ["ME"] = 22, ["MK"] = 19, ["MR"] = 27, ["MT"] = 31, ["MU"] = 30, ["NL"] = 18, ["NO"] = 15, ["PK"] = 24,
        ["PL"] = 28, ["PS"] = 29, ["PT"] = 25, ["QA"] = 29, ["RO"] = 24, ["RS"] = 22, ["SA"] = 24, ["SC"] = 31,
        ["SE"] = 24, ["SI"] = 19, ["SK"] = 24, ["SM"] = 27, ["ST"] = 25, ["SV"] = 28, ["TL"] = 23, ["TN"] = 24,
        ["TR"] = 26, ["UA"] = 29, ["VA"] = 22, ["VG"] = 24, ["XK"] = 20,
    };

    /// <summary>The IBAN length for a two-letter country code, or 0 when the country has no IBAN.</summary>
    public static int IbanLength(ReadOnlySpan<char> country) =>
        country.Length == 2 && IbanLengths.GetAlternateLookup<ReadOnlySpan<char>>().TryGetValue(country, out var n) ? n : 0;

    /// <summary>An IBAN (upper-case, no spaces): known country, its length, and the ISO 13616 mod-97 check equal to 1.</summary>
    public static bool IsIban(ReadOnlySpan<char> iban)
    {
        if (iban.Length < 15 || IbanLength(iban[..2]) != iban.Length || !char.IsAsciiDigit(iban[2]) || !char.IsAsciiDigit(iban[3]))
            return false;
        // Move the first four characters to the end, letters become 10..35, and take the number mod 97 digit by digit.
        var remainder = 0;
        for (var i = 0; i < iban.Length; i++)
        {
            var c = iban[(i + 4) % iban.Length];
            if (char.IsAsciiDigit(c)) remainder = (remainder * 10 + (c - '0')) % 97;
            else if (char.IsAsciiLetterUpper(c)) remainder = (remainder * 100 + (c - 'A' + 10)) % 97;
            else return false;
        }
        return remainder == 1;
    }

    /// <summary>
    /// A US Social Security number as nine digits: area not 000, 666 or 900-999, group not 00, serial not 0000
    /// (the SSA's rules for numbers it issues).
    /// </summary>
    public static bool IsUsSsn(ReadOnlySpan<char> digits)
    {
        if (digits.Length != 9) return false;
        foreach (var c in digits) if (!char.IsAsciiDigit(c)) return false;
        var area = int.Parse(digits[..3], System.Globalization.CultureInfo.InvariantCulture);
        var group = int.Parse(digits[3..5], System.Globalization.CultureInfo.InvariantCulture);
        var serial = int.Parse(digits[5..], System.Globalization.CultureInfo.InvariantCulture);
        return area != 0 && area != 666 && area < 900 && group != 0 && serial != 0;
    }

    private static readonly int[] ChineseIdWeights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
    private const string ChineseIdCheckChars = "10X98765432";

    /// <summary>
    /// A resident identity card number of the People's Republic of China (GB 11643-1999): 17 digits whose first is a
    /// region 1-9, a birth date YYYYMMDD from 1900 up to <paramref name="today"/>, and an ISO 7064 MOD 11-2 check
    /// character (0-9 or X, either case).
    /// </summary>
    public static bool IsChineseResidentId(ReadOnlySpan<char> id, DateTime? today = null)
    {
        if (id.Length != 18 || id[0] is < '1' or > '9') return false;
        var sum = 0;
        for (var i = 0; i < 17; i++)
        {
            if (!char.IsAsciiDigit(id[i])) return false;
            sum += (id[i] - '0') * ChineseIdWeights[i];
        }
        if (char.ToUpperInvariant(id[17]) != ChineseIdCheckChars[sum % 11]) return false;
        var year = int.Parse(id[6..10], System.Globalization.CultureInfo.InvariantCulture);
        var month = int.Parse(id[10..12], System.Globalization.CultureInfo.InvariantCulture);
        var day = int.Parse(id[12..14], System.Globalization.CultureInfo.InvariantCulture);
        var now = today ?? DateTime.UtcNow;
        return year >= 1900 && month is >= 1 and <= 12 && day >= 1 && day <= DateTime.DaysInMonth(year, month)
               && new DateTime(year, month, day) <= now.Date;
    }
}

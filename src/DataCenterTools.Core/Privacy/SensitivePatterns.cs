using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;

namespace DataCenterTools.Core.Privacy;

/// <summary>One recognised value inside a cell: where it is, what it is, and how strong the evidence alone is (0..1).</summary>
internal readonly record struct PatternMatch(int Start, int Length, SensitiveDataKind Kind, double Strength);

/// <summary>
/// Finds sensitive values inside a piece of text, validated by their check digits and structure. Candidates of all
/// kinds are collected, then the strongest claim on each span wins, so an 18-digit resident ID that happens to pass
/// Luhn is not also a card, and an IP inside a URL is part of the URL.
/// </summary>
internal static partial class SensitivePatterns
{
    // Evidence strength of each kind of match before column context: checksums and distinctive shapes rank high,
    // bare digit runs that could be anything rank low.
    private const double Checksummed = 0.9;
    private const double Distinctive = 0.85;
    private const double Shaped = 0.75;
    private const double Weak = 0.55;
    private const double Bare = 0.4;

    [GeneratedRegex(@"(?<![\w.%+-])[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}(?![\w-])")]
    private static partial Regex EmailRegex();

    [GeneratedRegex(@"\b(?:(?:https?|ftp)://|www\.)[^\s<>""'()]+[^\s<>""'().,;:!?]", RegexOptions.IgnoreCase)]
    private static partial Regex UrlRegex();

    [GeneratedRegex(@"(?<![\w.])(?:(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\.){3}(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(?!\w|\.\d)")]
    private static partial Regex IPv4Regex();

    [GeneratedRegex(@"(?<![\w:.])[0-9A-Fa-f]{0,4}(?::[0-9A-Fa-f]{0,4}){2,7}(?![\w:])")]
    private static partial Regex IPv6CandidateRegex();

    [GeneratedRegex(@"(?<![\w:.-])(?:[0-9A-Fa-f]{2}([:-])(?:[0-9A-Fa-f]{2}\1){4}[0-9A-Fa-f]{2}|[0-9A-Fa-f]{4}\.[0-9A-Fa-f]{4}\.[0-9A-Fa-f]{4})(?![\w:.-])")]
    private static partial Regex MacRegex();

    // 13-19 digits, single spaces or dashes allowed between them.
    [GeneratedRegex(@"(?<![\w-])\d(?:[ -]?\d){12,18}(?![\w]|-\d)")]
    private static partial Regex CardCandidateRegex();

    // Country code, check digits, then 11-30 letters or digits, optionally grouped by single spaces.
    [GeneratedRegex(@"(?<![A-Za-z0-9])[A-Z]{2}\d{2}(?: ?[A-Z0-9]){11,30}")]
    private static partial Regex IbanCandidateRegex();

    [GeneratedRegex(@"(?<![\w-])\d{3}([- ])\d{2}\1\d{4}(?![\w]|-\d)")]
    private static partial Regex SsnRegex();

    [GeneratedRegex(@"(?<![\w])\d{9}(?!\w)")]
    private static partial Regex NineDigitsRegex();

    [GeneratedRegex(@"(?<![\w])\d{17}[\dXx](?!\w)")]
    private static partial Regex ChineseIdCandidateRegex();

    // A run that could be a phone number: optional + or 00, digits, and the separators people write.
    [GeneratedRegex(@"(?<![\w+.])(?:\+|\b00)?\(?\d[\d ().-]{5,18}\d(?![\w]|[.-]\d)")]
    private static partial Regex PhoneCandidateRegex();

    /// <summary>The validated matches in <paramref name="text"/>, strongest claim per span, in text order.</summary>
    /// <param name="contextKinds">The kinds the column name suggests; they admit bare digit runs (a nine-digit number in an ssn column).</param>
    public static List<PatternMatch> Find(string text, IReadOnlySet<SensitiveDataKind> contextKinds)
    {
        var candidates = new List<PatternMatch>();
        var hasAt = text.Contains('@');
        var hasColon = text.Contains(':');
        var digits = 0;
        foreach (var c in text) if (char.IsAsciiDigit(c)) digits++;

        if (hasAt) Add(candidates, EmailRegex(), text, SensitiveDataKind.Email, Distinctive);
        if (hasColon || text.Contains("www.", StringComparison.OrdinalIgnoreCase)) Add(candidates, UrlRegex(), text, SensitiveDataKind.Url, Distinctive);
        if (digits >= 4 && text.Contains('.')) Add(candidates, IPv4Regex(), text, SensitiveDataKind.IPv4, Shaped);
        if (hasColon) FindIPv6(text, candidates);
        if (hasColon || text.Contains('-') || text.Contains('.')) Add(candidates, MacRegex(), text, SensitiveDataKind.MacAddress, Distinctive);
        if (digits >= 13) FindByCheck(text, CardCandidateRegex(), candidates, SensitiveDataKind.CreditCard, Checksummed, s => IdentifierChecks.IsCardNumber(DigitsOf(s)));
        if (digits >= 8) FindIban(text, candidates);
        if (digits >= 9)
        {
            FindByCheck(text, SsnRegex(), candidates, SensitiveDataKind.UsSsn, Weak, s => IdentifierChecks.IsUsSsn(DigitsOf(s)));
            if (contextKinds.Contains(SensitiveDataKind.UsSsn))
                FindByCheck(text, NineDigitsRegex(), candidates, SensitiveDataKind.UsSsn, Bare, s => IdentifierChecks.IsUsSsn(s));
        }
        if (digits >= 17) FindByCheck(text, ChineseIdCandidateRegex(), candidates, SensitiveDataKind.ChineseResidentId, Checksummed, s => IdentifierChecks.IsChineseResidentId(s));
        if (digits >= 7) FindPhones(text, candidates, contextKinds.Contains(SensitiveDataKind.Phone));
        return Resolve(candidates);
    }

    /// <summary>Keeps the strongest candidate on every span; ties go to the longer one.</summary>
    private static List<PatternMatch> Resolve(List<PatternMatch> candidates)
    {
        if (candidates.Count <= 1) return candidates;
        candidates.Sort((a, b) => b.Strength != a.Strength ? b.Strength.CompareTo(a.Strength)
            : b.Length != a.Length ? b.Length.CompareTo(a.Length) : TieRank(b.Kind).CompareTo(TieRank(a.Kind)));
        var kept = new List<PatternMatch>();
        foreach (var c in candidates)
        {
            var overlaps = false;
            foreach (var k in kept)
                if (c.Start < k.Start + k.Length && k.Start < c.Start + c.Length) { overlaps = true; break; }
            if (!overlaps) kept.Add(c);
        }
        kept.Sort((a, b) => a.Start.CompareTo(b.Start));
        return kept;
    }

    // An 18-digit resident ID may pass Luhn by chance: its own check (digit and birth date) is the stricter one.
    private static int TieRank(SensitiveDataKind kind) => kind switch
    {
        SensitiveDataKind.ChineseResidentId => 2,
        SensitiveDataKind.Iban => 1,
        _ => 0,
    };

    private static void Add(List<PatternMatch> into, Regex regex, string text, SensitiveDataKind kind, double strength)
    {
        foreach (Match m in regex.Matches(text)) into.Add(new PatternMatch(m.Index, m.Length, kind, strength));
    }

    private static void FindByCheck(string text, Regex regex, List<PatternMatch> into, SensitiveDataKind kind, double strength, Func<string, bool> valid)
    {
        foreach (Match m in regex.Matches(text))
            if (valid(m.Value)) into.Add(new PatternMatch(m.Index, m.Length, kind, strength));
    }

    private static void FindIPv6(string text, List<PatternMatch> into)
    {
        foreach (Match m in IPv6CandidateRegex().Matches(text))
        {
            // Times (12:30:45) and MACs have the shape but not the grammar: the parser decides.
            if (m.Value.Count(c => c == ':') >= 2 && m.Value.Any(char.IsAsciiHexDigit)
                && IPAddress.TryParse(m.Value, out var ip) && ip.AddressFamily == AddressFamily.InterNetworkV6)
                into.Add(new PatternMatch(m.Index, m.Length, SensitiveDataKind.IPv6, Distinctive));
        }
    }

    private static void FindIban(string text, List<PatternMatch> into)
    {
        Span<char> compact = stackalloc char[34];
        foreach (Match m in IbanCandidateRegex().Matches(text))
        {
            // The candidate may run on into the next word; take exactly the country's length of characters.
            var want = IdentifierChecks.IbanLength(m.ValueSpan[..2]);
            if (want == 0) continue;
            var n = 0;
            var end = m.Index;
            for (; end < m.Index + m.Length && n < want; end++)
                if (text[end] != ' ') compact[n++] = text[end];
            if (n != want || (end < text.Length && char.IsAsciiLetterOrDigit(text[end]))) continue;
            if (IdentifierChecks.IsIban(compact[..n])) into.Add(new PatternMatch(m.Index, end - m.Index, SensitiveDataKind.Iban, Checksummed));
        }
    }

    private static void FindPhones(string text, List<PatternMatch> into, bool phoneContext)
    {
        foreach (Match m in PhoneCandidateRegex().Matches(text))
        {
            var value = m.ValueSpan.Trim();
            var strength = PhoneStrength(value, phoneContext);
            if (strength > 0) into.Add(new PatternMatch(m.Index, m.Length, SensitiveDataKind.Phone, strength));
        }
    }

    /// <summary>
    /// How sure a digit run is a phone number: E.164 (+ and 8-15 digits), North American (NXX NXX XXXX, optional
    /// leading 1) or Chinese mobile (1[3-9] and 9 more digits, optional 86). Written with separators or a + it is
    /// likely; bare digits only count in a column whose name says phone, or as an 11-digit Chinese mobile.
    /// </summary>
    private static double PhoneStrength(ReadOnlySpan<char> value, bool phoneContext)
    {
        var groups = DigitGroups(value);
        var digits = string.Concat(groups);
        var doubleZero = value.StartsWith("00");
        if (value[0] == '+' || doubleZero)
        {
            // E.164: a country code of 1-3 digits, then the national number; 8-15 digits in all.
            if (doubleZero) { digits = digits[2..]; groups[0] = groups[0][2..]; }
            var countryCodeFirst = groups.Count == 1 || groups[0].Length is >= 1 and <= 3;
            return digits.Length is >= 8 and <= 15 && digits[0] != '0' && countryCodeFirst ? Shaped : 0;
        }
        // The digit groups must be laid out as people write these numbers, so a date with a time (2026-11-01 12)
        // or a version string does not pass for one.
        var layout = string.Join(",", groups.Select(g => g.Length));
        var national = digits.Length == 11 && digits[0] == '1' ? digits[1..] : digits;
        var northAmerican = national.Length == 10 && national[0] is >= '2' and <= '9' && national[3] is >= '2' and <= '9'
                            && layout is "10" or "11" or "3,3,4" or "1,3,3,4" or "3,7";
        var china = digits.Length == 13 && digits.StartsWith("86", StringComparison.Ordinal) ? digits[2..] : digits;
        var chineseMobile = china.Length == 11 && china[0] == '1' && china[1] is >= '3' and <= '9'
                            && layout is "11" or "3,4,4" or "13" or "2,11" or "2,3,4,4";
        if (!northAmerican && !chineseMobile) return 0;
        if (groups.Count > 1 || chineseMobile) return Weak;
        return phoneContext ? Bare : 0;
    }

    private static List<string> DigitGroups(ReadOnlySpan<char> text)
    {
        var groups = new List<string>();
        var start = -1;
        for (var i = 0; i <= text.Length; i++)
        {
            var digit = i < text.Length && char.IsAsciiDigit(text[i]);
            if (digit && start < 0) start = i;
            else if (!digit && start >= 0) { groups.Add(new string(text[start..i])); start = -1; }
        }
        return groups;
    }

    /// <summary>The ASCII digits of <paramref name="text"/>, in order.</summary>
    public static string DigitsOf(ReadOnlySpan<char> text)
    {
        Span<char> buffer = stackalloc char[text.Length];
        var n = 0;
        foreach (var c in text) if (char.IsAsciiDigit(c)) buffer[n++] = c;
        return new string(buffer[..n]);
    }
}

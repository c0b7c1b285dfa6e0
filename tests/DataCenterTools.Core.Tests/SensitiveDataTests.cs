using DataCenterTools.Core.Data;
using DataCenterTools.Core.Privacy;

namespace DataCenterTools.Core.Tests;

public class IdentifierCheckTests
{
    // Card numbers published by payment processors for testing (Visa, Mastercard, Amex).
    [Theory]
    [InlineData("4111111111111111")]
    [InlineData("5500005555555559")]
    [InlineData("378282246310005")]
    public void KnownTestCardsPassLuhn(string number)
    {
        Assert.True(IdentifierChecks.Luhn(number));
        Assert.True(IdentifierChecks.IsCardNumber(number));
    }

    [Theory]
    [InlineData("4111111111111112")] // last digit changed
    [InlineData("5500005555555558")]
    [InlineData("378282246310006")]
    public void AlteredCardsFailLuhn(string number) => Assert.False(IdentifierChecks.IsCardNumber(number));

    [Fact]
    public void LuhnByHand()
    {
        // 79927398713 (the textbook example): from the right, doubling every second digit:
        // 3 + (1*2=2) + 7 + (8*2=16->7) + 9 + (3*2=6) + 7 + (9*2=18->9) + 9 + (7*2=14->5) + 7 = 70, divisible by 10.
        Assert.True(IdentifierChecks.Luhn("79927398713"));
        Assert.False(IdentifierChecks.Luhn("79927398710"));
        // Luhn passes but 1 is no card issuer's first digit.
        Assert.True(IdentifierChecks.Luhn("1000000000000008"));
        Assert.False(IdentifierChecks.IsCardNumber("1000000000000008"));
    }

    [Theory]
    [InlineData("GB82WEST12345698765432", true)]
    [InlineData("DE89370400440532013000", true)]
    [InlineData("GB82WEST12345698765433", false)] // last digit altered
    [InlineData("DE89370400440532013001", false)]
    [InlineData("DE8937040044053201300", false)] // one character short for Germany (22)
    [InlineData("ZZ89370400440532013000", false)] // no such country
    public void Iban(string iban, bool valid) => Assert.Equal(valid, IdentifierChecks.IsIban(iban));

    [Theory]
    [InlineData("11010519491231002X", true)] // the GB 11643 example: Beijing, born 1949-12-31
    [InlineData("11010519491231002x", true)]
    [InlineData("110105194912310021", false)] // check character changed
    [InlineData("11010519491331002X", false)] // month 13
    [InlineData("01010519491231002X", false)] // region cannot start with 0
    public void ChineseResidentId(string id, bool valid) => Assert.Equal(valid, IdentifierChecks.IsChineseResidentId(id));

    [Fact]
    public void ChineseResidentIdBornInTheFutureIsInvalid()
    {
        // 11010520300101 + check: compute the check char so only the date can fail.
        const string body = "11010520300101001";
        int[] w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
        var sum = body.Select((c, i) => (c - '0') * w[i]).Sum();
        var id = body + "10X98765432"[sum % 11];
        Assert.False(IdentifierChecks.IsChineseResidentId(id, new DateTime(2026, 1, 1)));
        Assert.True(IdentifierChecks.IsChineseResidentId(id, new DateTime(2031, 1, 1)));
    }

    [Theory]
    [InlineData("123456789", true)]
    [InlineData("000456789", false)] // area 000
    [InlineData("666456789", false)] // area 666
    [InlineData("900456789", false)] // area 9xx (ITINs)
    [InlineData("123006789", false)] // group 00
    [InlineData("123450000", false)] // serial 0000
    [InlineData("12345678", false)]
    public void UsSsnRules(string digits, bool valid) => Assert.Equal(valid, IdentifierChecks.IsUsSsn(digits));
}

public class SensitiveDataScannerTests
{
    private static Dataset Table(params (string Name, string?[] Values)[] columns) =>
        new("people", columns.Select(c => (Column)new StringColumn(c.Name, c.Values)));

    private static SensitiveColumnFinding Only(Dataset ds, string column) =>
        Assert.Single(SensitiveDataScanner.Scan(ds, new SensitiveScanOptions { Columns = [column], MinimumConfidence = 0 }));

    [Theory]
    [InlineData(SensitiveDataKind.Email, "a.user@example.com", "bob.smith@mail.example.cn", "x_y@example.org")]
    [InlineData(SensitiveDataKind.Phone, "+1 415 555 0100", "+44 20 7946 0958", "+86 138 0013 8000")]
    [InlineData(SensitiveDataKind.Phone, "(415) 555-0100", "212-555-0199", "13800138000")]
    [InlineData(SensitiveDataKind.IPv4, "10.0.225.62", "192.168.1.1", "8.8.8.8")]
    [InlineData(SensitiveDataKind.IPv6, "2001:db8::1", "fe80::1ff:fe23:4567:890a", "2001:0db8:85a3:0000:0000:8a2e:0370:7334")]
    [InlineData(SensitiveDataKind.MacAddress, "00:1A:2B:3C:4D:5E", "00-1a-2b-3c-4d-5f", "001a.2b3c.4d60")]
    [InlineData(SensitiveDataKind.CreditCard, "4111111111111111", "5500 0055 5555 5559", "3782-822463-10005")]
    [InlineData(SensitiveDataKind.Iban, "GB82WEST12345698765432", "DE89 3704 0044 0532 0130 00", "GB82WEST12345698765432")]
    [InlineData(SensitiveDataKind.UsSsn, "123-45-6789", "078-05-1120", "219-09-9999")]
    [InlineData(SensitiveDataKind.ChineseResidentId, "11010519491231002X", "11010519491231002X", "11010519491231002x")]
    [InlineData(SensitiveDataKind.Url, "https://example.com/u/42?token=abc", "http://intranet.example.cn/a", "www.example.org/page")]
    public void DetectsEachKindInAnUnnamedColumn(SensitiveDataKind kind, string a, string b, string c)
    {
        // A neutral column name, so only the values speak; one missing cell does not count against the share.
        var finding = Only(Table(("value", [a, b, c, null])), "value");
        Assert.Equal(kind, finding.Kind);
        Assert.Equal(1.0, finding.MatchShare);
        Assert.False(finding.FreeText);
        Assert.Equal(4, finding.RowsScanned);
        Assert.Equal(3, finding.CellsScanned);
        Assert.All(finding.Samples, s => Assert.DoesNotContain(s, new[] { a, b, c }));
        Assert.InRange(finding.Samples.Count, 1, 2);
    }

    [Fact]
    public void SixteenDigitNumbersFailingLuhnAreNotCards()
    {
        var findings = SensitiveDataScanner.Scan(Table(("value", ["4111111111111112", "5500005555555558", "1234567812345678"])),
            new SensitiveScanOptions { MinimumConfidence = 0 });
        Assert.Empty(findings);
    }

    [Fact]
    public void DateOfBirthNeedsTheColumnName()
    {
        string?[] dates = ["1985-03-12", "1990-11-30", "2001-01-01"];
        var finding = Only(Table(("birth_date", dates)), "birth_date");
        Assert.Equal(SensitiveDataKind.DateOfBirth, finding.Kind);
        Assert.Equal(["1985-**-**", "1990-**-**"], finding.Samples);
        Assert.Empty(SensitiveDataScanner.Scan(Table(("shipped", dates)), new SensitiveScanOptions { MinimumConfidence = 0 }));

        var typed = new Dataset("t", [new DateTimeColumn("出生日期", [new DateTime(1970, 5, 1), new DateTime(2999, 1, 1)])]);
        var f = Only(typed, "出生日期");
        Assert.Equal(SensitiveDataKind.DateOfBirth, f.Kind);
        Assert.Equal(0.5, f.MatchShare); // 2999 is no one's birthday
    }

    [Fact]
    public void AMatchingColumnNameRaisesConfidenceAndAnotherLowersIt()
    {
        string?[] ips = ["10.0.0.1", "10.0.0.2"];
        var named = Only(Table(("client_ip", ips)), "client_ip");
        var neutral = Only(Table(("value", ips)), "value");
        var misnamed = Only(Table(("email", ips)), "email");
        // IPv4 evidence 0.75 at share 1: 0.75 neutral, +0.15 when the name agrees, -0.1 when it names another kind.
        Assert.Equal(0.75, neutral.Confidence, 6);
        Assert.Equal(0.90, named.Confidence, 6);
        Assert.Equal(0.65, misnamed.Confidence, 6);
        Assert.Equal("High", named.Level);
        Assert.Equal("Medium", misnamed.Level);
        // Both addresses mask alike, so one sample says all there is to say.
        Assert.Equal(["10.*.*.*"], named.Samples);
    }

    [Fact]
    public void BareNineDigitsAreAnSsnOnlyInAnSsnColumn()
    {
        string?[] values = ["123456789", "078051120"];
        Assert.Equal(SensitiveDataKind.UsSsn, Only(Table(("ssn", values)), "ssn").Kind);
        Assert.Empty(SensitiveDataScanner.Scan(Table(("value", values)), new SensitiveScanOptions { MinimumConfidence = 0 }));
    }

    [Fact]
    public void FindsValuesInsideFreeText()
    {
        var finding = Only(Table(("note", ["call me at +1 415 555 0100 after 5", "no contact details", "ok", "or mail j.doe@example.com"])), "note");
        Assert.True(finding.FreeText);
        Assert.Equal(2, finding.Kinds.Count);
        var phone = finding.Kinds.Single(k => k.Kind == SensitiveDataKind.Phone);
        Assert.Equal(1, phone.MatchCount);
        Assert.Equal(0.25, phone.MatchShare);
        // Only the matched value is sampled (masked), never the note around it.
        var email = finding.Kinds.Single(k => k.Kind == SensitiveDataKind.Email);
        Assert.Equal(SensitiveDataKind.Email, finding.Kind); // e-mail evidence (0.85) beats a written phone number (0.75)
        Assert.Equal(email.Confidence, finding.Confidence);
        Assert.Equal(["j****@example.com"], finding.Samples);
    }

    [Fact]
    public void MasksKeepOnlyARecognisablePart()
    {
        Assert.Equal("************1111", SensitiveValueMask.Mask(SensitiveDataKind.CreditCard, "4111111111111111"));
        Assert.Equal("***-**-6789", SensitiveValueMask.Mask(SensitiveDataKind.UsSsn, "123-45-6789"));
        Assert.Equal("+* *** *** **00", SensitiveValueMask.Mask(SensitiveDataKind.Phone, "+1 415 555 0100"));
        Assert.Equal("10.*.*.*", SensitiveValueMask.Mask(SensitiveDataKind.IPv4, "10.0.225.62"));
        Assert.Equal("00:1A:2B:**:**:**", SensitiveValueMask.Mask(SensitiveDataKind.MacAddress, "00:1A:2B:3C:4D:5E"));
        Assert.Equal("GB****************5432", SensitiveValueMask.Mask(SensitiveDataKind.Iban, "GB82WEST12345698765432"));
        Assert.Equal("110**************X", SensitiveValueMask.Mask(SensitiveDataKind.ChineseResidentId, "11010519491231002X"));
        Assert.Equal("*@example.cn", SensitiveValueMask.Mask(SensitiveDataKind.Email, "a@example.cn"));
        Assert.Equal("https://example.com/********", SensitiveValueMask.Mask(SensitiveDataKind.Url, "https://example.com/u/42?t=1"));
    }

    [Fact]
    public void OrdinaryColumnsAreNotFlagged()
    {
        var ds = new Dataset("t", [
            new StringColumn("host", ["gpu-fra-01", "gpu-fra-02"]),
            new StringColumn("when", ["2026-11-01T00:00:00Z", "2026-11-01 12:30:45"]),
            new StringColumn("version", ["1.2.3", "10.4"]),
            new DoubleColumn("cpu", [62.7, 12.5]),
            TestColumns.Longs("count", 1732800000, 42),
        ]);
        var findings = SensitiveDataScanner.Scan(ds, new SensitiveScanOptions { MinimumConfidence = 0 });
        Assert.True(findings.Count == 0, string.Join("; ", findings.Select(f => $"{f.Column} {f.Kind} {string.Join(",", f.Samples)}")));
    }

    [Fact]
    public void IntegerColumnsOfCardNumbersAreFound()
    {
        var ds = new Dataset("t", [TestColumns.Longs("pan", 4111111111111111, 5500005555555559, null)]);
        var finding = Only(ds, "pan");
        Assert.Equal(SensitiveDataKind.CreditCard, finding.Kind);
        Assert.Equal(1.0, finding.MatchShare);
    }

    [Fact]
    public void SamplesEvenlyUnlessAskedForAllRows()
    {
        // 100 rows, e-mails only in the second half: a 10-row sample takes rows 0, 10, ..., 90, five of them e-mails.
        var values = Enumerable.Range(0, 100).Select(i => (string?)(i >= 50 ? $"user{i}@example.com" : $"item {i}")).ToArray();
        var ds = Table(("contact", values));
        var sampled = Only(ds, "contact");
        var sample = Assert.Single(SensitiveDataScanner.Scan(ds, new SensitiveScanOptions { SampleRows = 10, MinimumConfidence = 0 }));
        Assert.Equal(10, sample.RowsScanned);
        Assert.Equal(0.5, sample.MatchShare);
        var all = Assert.Single(SensitiveDataScanner.Scan(ds, new SensitiveScanOptions { SampleRows = 10, ScanAllRows = true, MinimumConfidence = 0 }));
        Assert.Equal(100, all.RowsScanned);
        Assert.Equal(50, all.Kinds[0].MatchCount);
        Assert.Equal(100, sampled.RowsScanned);
    }

    [Fact]
    public void MinimumConfidenceFiltersAndUnknownColumnsFail()
    {
        var ds = Table(("note", ["x", "y", "z", "w", "v", "u", "t", "s", "r", "ip 10.0.0.1 here"]));
        // One IPv4 in ten notes inside text: 0.75 x (0.6 + 0.4 x 0.1) = 0.48, below the default 0.5.
        Assert.Empty(SensitiveDataScanner.Scan(ds));
        Assert.Equal(0.48, Only(ds, "note").Confidence, 6);
        var e = Assert.Throws<DataException>(() => SensitiveDataScanner.Scan(ds, new SensitiveScanOptions { Columns = ["nope"] }));
        Assert.Equal("DataCenterTools.ColumnNotFound", e.ErrorId);
    }
}

using DataCenterTools.Core.Data;
using DataCenterTools.Core.Privacy;
using DataCenterTools.Core.Security;
using Xunit;

namespace DataCenterTools.Core.Tests;

public class Ff1TokenizerTests
{
    private static readonly byte[] NistKey256 = Convert.FromHexString("2B7E151628AED2A6ABF7158809CF4F3CEF4359D8D580AA4F7F036D6F04FC6A94");

    // NIST SP 800-38G FF1 samples ("FF1samples.pdf", AES-256 samples 7, 8 and 9).
    [Theory]
    [InlineData("", Ff1Tokenizer.Digits, "0123456789", "6657667009")]
    [InlineData("39383736353433323130", Ff1Tokenizer.Digits, "0123456789", "1001623463")]
    [InlineData("3737373770717273373737", Ff1Tokenizer.LowerAlphanumeric, "0123456789abcdefghi", "xs8a0azh2avyalyzuwd")]
    public void Nist_samples_encrypt_and_decrypt(string tweakHex, string alphabet, string plaintext, string ciphertext)
    {
        var tokenizer = new Ff1Tokenizer(NistKey256, alphabet, Convert.FromHexString(tweakHex));
        Assert.Equal(ciphertext, tokenizer.Encrypt(plaintext));
        Assert.Equal(plaintext, tokenizer.Decrypt(ciphertext));
    }

    // NIST SP 800-38G FF1 sample 1 (AES-128).
    [Fact]
    public void Nist_sample_1_with_an_aes128_key()
    {
        var tokenizer = new Ff1Tokenizer(Convert.FromHexString("2B7E151628AED2A6ABF7158809CF4F3C"), Ff1Tokenizer.Digits);
        Assert.Equal("2433477484", tokenizer.Encrypt("0123456789"));
    }

    [Fact]
    public void Alphabet_is_inferred_smallest_first()
    {
        Assert.Equal(Ff1Tokenizer.Digits, Ff1Tokenizer.InferAlphabet(["4111111111111111", "5500000000000004"]));
        Assert.Equal(Ff1Tokenizer.LowerAlphanumeric, Ff1Tokenizer.InferAlphabet(["ab12cd34", "0099zz"]));
        Assert.Equal(Ff1Tokenizer.Alphanumeric, Ff1Tokenizer.InferAlphabet(["Ab12cd34", "0099zz"]));
        // No standard alphabet covers "41-11": the one covering the most values is chosen and that cell is reported.
        Assert.Equal(Ff1Tokenizer.Digits, Ff1Tokenizer.InferAlphabet(["4111111111111111", "5500000000000004", "41-11"]));
    }

    [Fact]
    public void Minimum_length_follows_the_million_domain_rule()
    {
        Assert.Equal(6, Ff1Tokenizer.MinimumLength(10));
        Assert.Equal(4, Ff1Tokenizer.MinimumLength(36));
        Assert.Equal(20, Ff1Tokenizer.MinimumLength(2));
    }
}

public class PseudonymHasherTests
{
    // Key bytes 0..31. Expected tokens computed independently with Debian python3:
    // sub = HKDF-SHA256(ikm=key, salt=b"DataCenterTools subkey v1", info=b"hmac") =
    //   78d82b2352a845cd8ff4126e27a664c0255af1624822b8657bb2b08d882eee1c
    // hmac.new(sub, value.encode(), hashlib.sha256).hexdigest()[:32]
    // (and for alice: echo -n alice@example.com | openssl dgst -sha256 -mac HMAC -macopt hexkey:<sub>)
    internal static DataProtectionKey TestKey() => DataProtectionKey.FromBytes(Enumerable.Range(0, 32).Select(i => (byte)i).ToArray());

    [Fact]
    public void Subkey_matches_an_independent_hkdf()
    {
        using var key = TestKey();
        Assert.Equal("78d82b2352a845cd8ff4126e27a664c0255af1624822b8657bb2b08d882eee1c", Convert.ToHexStringLower(key.DeriveSubkey("hmac")));
    }

    [Fact]
    public void Tokens_equal_independently_computed_hmacs_in_every_storage()
    {
        using var key = TestKey();
        var hasher = new PseudonymHasher(key.DeriveSubkey("hmac"));
        string?[] values = ["alice@example.com", null, "bob@example.org", "Zoë", "alice@example.com"];
        string?[] expected = ["060932cb65568ee25426b099aa3b1742", null, "3638853c10dc7d946a836795a0154c69", "c22ac796e4193a2b1122ed01f0ee48b6", "060932cb65568ee25426b099aa3b1742"];
        var buffer = new StringColumn("email", values);
        var dictionary = new StringColumn("email", [0, -1, 1, 2, 0], ["alice@example.com", "bob@example.org", "Zoë"]);
        Assert.False(buffer.IsDictionaryEncoded);
        foreach (var column in new[] { buffer, dictionary })
        {
            var hashed = hasher.HashColumn(column);
            Assert.Equal(expected, Enumerable.Range(0, 5).Select(r => hashed[r]).ToArray());
        }
        var numbers = hasher.HashColumn(TestColumns.Longs("n", 42, null));
        Assert.Equal("1e7f0c2c2c592ed90c68a00b57ad24de", numbers.GetValue(0));
        Assert.True(numbers.IsNull(1));
    }

    [Fact]
    public void Many_rows_hash_in_parallel_chunks_like_one_at_a_time()
    {
        using var key = TestKey();
        var hasher = new PseudonymHasher(key.DeriveSubkey("hmac"));
        var values = Enumerable.Range(0, 40_000).Select(i => i % 7 == 0 ? null : $"user{i}@example.com").ToArray();
        var hashed = hasher.HashColumn(new StringColumn("e", values));
        foreach (var row in new[] { 1, 16_384, 16_385, 39_999 })
            Assert.Equal(hasher.Token(values[row]!), hashed[row]);
        Assert.Null(hashed[0]);
        Assert.Equal(values.Count(v => v == null), hashed.NullCount);
    }
}

public class GeneralizerTests
{
    [Theory]
    [InlineData(34, 10, true, "30-39")]
    [InlineData(30, 10, true, "30-39")]
    [InlineData(-3, 10, true, "-10--1")]
    [InlineData(66.3, 10, false, "[60,70)")]
    [InlineData(0.25, 0.5, false, "[0,0.5)")]
    public void Numbers_fall_into_ranges(double value, double width, bool integral, string expected) =>
        Assert.Equal(expected, Generalizer.NumberRange(value, width, integral));

    [Theory]
    [InlineData("10.1.2.3", 24, "10.1.2.0/24")]
    [InlineData("192.168.77.200", 16, "192.168.0.0/16")]
    [InlineData("2001:db8:abcd:12::1", 48, "2001:db8:abcd::/48")]
    public void Ip_addresses_become_prefixes(string ip, int bits, string expected) =>
        Assert.Equal(expected, Generalizer.IpPrefix(ip, bits, bits));

    [Fact]
    public void Columns_generalize_by_type()
    {
        var options = new ProtectionOptions { Width = 10, DateTo = DatePrecision.Year };
        Assert.Equal("30-39", Generalizer.GeneralizeColumn(TestColumns.Longs("age", 34), options)[0]);
        var dates = new DateTimeColumn("dob", [new DateTime(1985, 3, 17)]);
        Assert.Equal("1985", Generalizer.GeneralizeColumn(dates, options)[0]);
        Assert.Equal("1985-03", Generalizer.GeneralizeColumn(dates, options with { DateTo = DatePrecision.Month })[0]);
        var mixed = Generalizer.GeneralizeColumn(new StringColumn("who", ["J.Smith@Example.COM", "10.0.225.62", null]), options);
        Assert.Equal("example.com", mixed[0]);
        Assert.Equal("10.0.225.0/24", mixed[1]);
        Assert.Null(mixed[2]);
    }

    [Fact]
    public void Text_that_is_neither_ip_nor_email_is_a_type_mismatch()
    {
        var e = Assert.Throws<DataException>(() => Generalizer.GeneralizeColumn(new StringColumn("note", ["10.0.0.1", "hello", "world"]), new ProtectionOptions()));
        Assert.Equal("DataCenterTools.OperatorTypeMismatch", e.ErrorId);
        Assert.Contains("rows 2, 3", e.Message);
    }
}

public class LaplaceNoiseTests
{
    [Fact]
    public void Samples_have_mean_zero_and_mean_absolute_deviation_b()
    {
        // Laplace(0, b): E[X] = 0, E|X| = b, Var = 2b^2. With b = 2 and 200,000 draws the standard error of
        // the mean is 2·√2/√200000 ≈ 0.0063 and of E|X| is 2/√200000 ≈ 0.0045; the bounds are ~8 and ~9 of those.
        var noise = new LaplaceNoise(epsilon: 0.5, sensitivity: 1, seed: 12345);
        Assert.Equal(2, noise.Scale);
        var draws = Enumerable.Range(0, 200_000).Select(_ => noise.Sample()).ToArray();
        Assert.InRange(draws.Average(), -0.05, 0.05);
        Assert.InRange(draws.Average(Math.Abs), 1.96, 2.04);
        Assert.InRange(draws.Average(d => d * d), 7.8, 8.2);
    }

    [Fact]
    public void Cryptographic_draws_have_the_same_scale()
    {
        var noise = new LaplaceNoise(1, 1);
        var draws = Enumerable.Range(0, 100_000).Select(_ => noise.Sample()).ToArray();
        Assert.InRange(draws.Average(Math.Abs), 0.97, 1.03);
    }

    [Fact]
    public void Noise_on_text_is_a_type_mismatch()
    {
        var e = Assert.Throws<DataException>(() => new LaplaceNoise(1, 1).Apply(new StringColumn("s", ["a"])));
        Assert.Equal("DataCenterTools.OperatorTypeMismatch", e.ErrorId);
    }
}

public class KAnonymizerTests
{
    // Hand-worked (see the comments): the greedy search raises age to width 5, then 10, then zip
    // one character, then two, and stops when every class has 3 rows.
    private static Dataset People() => new("people",
    [
        TestColumns.Longs("age", 21, 23, 27, 33, 36, 38),
        new StringColumn("zip", ["13053", "13068", "13053", "14853", "14850", "14853"]),
        new StringColumn("diagnosis", ["flu", "cold", "flu", "asthma", "flu", "cold"]),
    ]);

    [Fact]
    public void Generalizes_until_k_holds_without_suppression()
    {
        // The lattice: age levels 0-3 (21..38 fit one range at width 20), zip 0-5 (5-digit codes: last 1..5 masked);
        // loss (a/3 + z/5)/2. Every node of loss under 0.533 leaves a row alone (e.g. (2,1): 1306* alone; (1,2): 27
        // alone at 25-29); (2,2) = ages 20-29/30-39 with 130**/148** gives two classes of 3.
        var result = KAnonymizer.Apply(People(), ["age", "zip"], k: 2, maxSuppression: 0);
        Assert.Equal(3, result.AchievedK);
        Assert.Equal(0, result.RowsSuppressed);
        Assert.Equal([2, 2], result.Levels.Select(l => l.Level));
        Assert.Equal("ranges 10 wide", result.Levels[0].Description);
        var ds = result.Dataset;
        Assert.Equal(["20-29", "20-29", "20-29", "30-39", "30-39", "30-39"], Enumerable.Range(0, 6).Select(r => (string)ds["age"].GetValue(r)!));
        Assert.Equal(["130**", "130**", "130**", "148**", "148**", "148**"], Enumerable.Range(0, 6).Select(r => (string)ds["zip"].GetValue(r)!));
        Assert.Equal("flu", ds["diagnosis"].GetValue(0));
    }

    [Fact]
    public void Suppresses_the_last_small_class_when_allowed()
    {
        // 20% of 6 rows = 1 row may go: (2,1), loss 0.433, leaves only row 2 (1306*) alone; every node of lower loss leaves 2 or more.
        var result = KAnonymizer.Apply(People(), ["age", "zip"], k: 2, maxSuppression: 0.2);
        Assert.Equal(1, result.RowsSuppressed);
        Assert.Equal(2, result.AchievedK);
        Assert.Equal([2, 1], result.Levels.Select(l => l.Level));
        Assert.Equal(5, result.Dataset.RowCount);
        Assert.Equal(["flu", "flu", "asthma", "flu", "cold"], Enumerable.Range(0, 5).Select(r => (string)result.Dataset["diagnosis"].GetValue(r)!));
        Assert.Equal(["1305*", "1305*", "1485*", "1485*", "1485*"], Enumerable.Range(0, 5).Select(r => (string)result.Dataset["zip"].GetValue(r)!));
    }

    [Fact]
    public void Fewer_rows_than_k_cannot_be_anonymized()
    {
        var e = Assert.Throws<DataException>(() => KAnonymizer.Apply(People(), ["age", "zip"], k: 7, maxSuppression: 0.05));
        Assert.Equal("DataCenterTools.KAnonymityNotReached", e.ErrorId);
    }

    [Fact]
    public void Ip_addresses_and_dates_widen_by_prefix_and_period()
    {
        var ds = new Dataset("hosts",
        [
            new StringColumn("ip", ["10.1.2.3", "10.1.2.9", "10.1.7.1", "10.1.9.1"]),
            new DateTimeColumn("seen", [new DateTime(2026, 1, 5), new DateTime(2026, 1, 20), new DateTime(2026, 3, 2), new DateTime(2026, 3, 30)]),
        ]);
        // Levels (ip 0-4, seen 0-3), loss (i/4 + s/3)/2. Below (2,1) = 0.417 every node fails: the days differ at
        // s = 0, and at s = 1 the /24s 10.1.7.0 and 10.1.9.0 are alone; (2,1) = /16 + month gives {2026-01} x2, {2026-03} x2.
        var result = KAnonymizer.Apply(ds, ["ip", "seen"], k: 2, maxSuppression: 0);
        Assert.Equal([2, 1], result.Levels.Select(l => l.Level));
        Assert.Equal("10.1.0.0/16", result.Dataset["ip"].GetValue(3));
        Assert.Equal("2026-03", result.Dataset["seen"].GetValue(3));
        Assert.Equal(2, result.AchievedK);
    }
}

public class DatasetProtectorTests
{
    private static Dataset Customers() => new("customers",
    [
        new StringColumn("email", ["alice@example.com", "bob@example.org", null]),
        new StringColumn("card", ["4111111111111111", "5500000000000004", "340000000000009"]),
        new StringColumn("note", ["likes tea", "", "likes tea"]),
        TestColumns.Longs("age", 34, 41, null),
        new StringColumn("phone", ["+4915112345678", "+8613812345678", null]),
    ]);

    [Fact]
    public void Tokenize_and_encrypt_round_trip_through_lineage()
    {
        using var key = PseudonymHasherTests.TestKey();
        var input = Customers();
        var steps = new[]
        {
            new ProtectionStep("card", ProtectionOperator.Tokenize),
            new ProtectionStep("note", ProtectionOperator.Encrypt),
            new ProtectionStep("age", ProtectionOperator.Encrypt),
            new ProtectionStep("email", ProtectionOperator.Hash),
        };
        var result = DatasetProtector.Protect(input, steps, new ProtectionOptions { Tweak = "t1"u8.ToArray() }, key).Dataset;
        var card = (StringColumn)result["card"];
        Assert.All(Enumerable.Range(0, 3), r => Assert.Matches("^[0-9]+$", card[r]));
        Assert.Equal(16, card[0]!.Length);
        Assert.Equal(15, card[2]!.Length);
        Assert.NotEqual("4111111111111111", card[0]);
        // Randomized AES-GCM: equal plaintexts give different ciphertexts.
        Assert.NotEqual(result["note"].GetValue(0), result["note"].GetValue(2));
        Assert.Equal("060932cb65568ee25426b099aa3b1742", result["email"].GetValue(0));

        var lineage = result.Lineage[^1];
        Assert.Equal(key.KeyId, lineage.Parameters["KeyId"]);
        Assert.Equal("card", lineage.Parameters["Tokenize"]);
        Assert.Equal("note,age", lineage.Parameters["Encrypt"]);
        Assert.DoesNotContain(lineage.Parameters.Values, v => v.Contains(Convert.ToBase64String(key.Material)));

        var reversible = ProtectionLineage.ReversibleColumns(result);
        Assert.Equal(["card", "note", "age"], reversible.Select(c => c.Column));
        var back = DatasetUnprotector.Unprotect(result, reversible, key);
        for (var r = 0; r < 3; r++)
        {
            Assert.Equal(input["card"].GetValue(r), back["card"].GetValue(r));
            Assert.Equal(input["note"].GetValue(r), back["note"].GetValue(r));
            Assert.Equal(input["age"].GetValue(r), back["age"].GetValue(r));
        }
        Assert.Equal(ColumnType.Int64, back["age"].Type);
        Assert.Empty(ProtectionLineage.ReversibleColumns(back));
        // The input is untouched.
        Assert.Equal("4111111111111111", input["card"].GetValue(0));
    }

    [Fact]
    public void Deterministic_encryption_keeps_equal_values_equal_and_decrypts_without_lineage()
    {
        using var key = PseudonymHasherTests.TestKey();
        var result = DatasetProtector.Protect(Customers(), [new ProtectionStep("note", ProtectionOperator.Encrypt)],
            new ProtectionOptions { Deterministic = true }, key).Dataset;
        Assert.Equal(result["note"].GetValue(0), result["note"].GetValue(2));
        var bare = new Dataset("reimported", result.Columns);
        var back = DatasetUnprotector.Unprotect(bare, [new ReversibleColumn("note", ProtectionOperator.Encrypt, null, null, null, [], null)], key);
        Assert.Equal("likes tea", back["note"].GetValue(2));
        Assert.Equal("", back["note"].GetValue(1));
    }

    [Fact]
    public void Wrong_key_fails_and_a_tampered_cell_fails()
    {
        using var key = PseudonymHasherTests.TestKey();
        using var other = DataProtectionKey.Generate();
        var result = DatasetProtector.Protect(Customers(), [new ProtectionStep("note", ProtectionOperator.Encrypt), new ProtectionStep("card", ProtectionOperator.Tokenize)],
            new ProtectionOptions(), key).Dataset;
        var e = Assert.Throws<DataException>(() => DatasetUnprotector.Unprotect(result, ProtectionLineage.ReversibleColumns(result), other));
        Assert.Equal("DataCenterTools.KeyMismatch", e.ErrorId);

        // Without lineage the AES-GCM tag catches the wrong key.
        var bare = new Dataset("bare", result.Columns);
        var noteOnly = new[] { new ReversibleColumn("note", ProtectionOperator.Encrypt, null, null, null, [], null) };
        Assert.Equal("DataCenterTools.DecryptionFailed", Assert.Throws<DataException>(() => DatasetUnprotector.Unprotect(bare, noteOnly, other)).ErrorId);

        var cell = Convert.FromBase64String((string)result["note"].GetValue(0)!);
        cell[^1] ^= 1;
        var tampered = new Dataset("t", [new StringColumn("note", [Convert.ToBase64String(cell), null, null])]);
        Assert.Equal("DataCenterTools.DecryptionFailed", Assert.Throws<DataException>(() => DatasetUnprotector.Unprotect(tampered, noteOnly, key)).ErrorId);
    }

    [Fact]
    public void Cells_outside_the_alphabet_are_reported_per_column_and_nothing_changes()
    {
        using var key = PseudonymHasherTests.TestKey();
        var ds = new Dataset("d",
        [
            new StringColumn("card", ["4111111111111111", "4111-1111-1111-1111", "5500000000000004"]),
            new StringColumn("id", ["12345678", "123", "87654321"]),
        ]);
        var e = Assert.Throws<DataProblemsException>(() => DatasetProtector.Protect(ds,
            [new ProtectionStep("card", ProtectionOperator.Tokenize), new ProtectionStep("id", ProtectionOperator.Tokenize)], new ProtectionOptions(), key));
        Assert.Equal(2, e.Problems.Count);
        Assert.All(e.Problems, p => Assert.Equal("DataCenterTools.TokenizeAlphabetMismatch", p.ErrorId));
        Assert.Contains("row 2", e.Problems[0].Message);
        Assert.Equal("id", e.Problems[1].ColumnName);
    }

    [Fact]
    public void Redact_mask_drop_and_the_errors_for_bad_requests()
    {
        var options = new ProtectionOptions { MaskKeep = 4, MaskFrom = MaskFrom.End };
        var result = DatasetProtector.Protect(Customers(),
        [
            new ProtectionStep("email", ProtectionOperator.Redact, "Email"),
            new ProtectionStep("phone", ProtectionOperator.Mask),
            new ProtectionStep("card", ProtectionOperator.Drop),
        ], options, key: null).Dataset;
        Assert.Equal("<EMAIL>", result["email"].GetValue(1));
        Assert.Null(result["email"].GetValue(2));
        Assert.Equal("**********5678", result["phone"].GetValue(0));
        Assert.False(result.TryGetColumn("card", out _));
        Assert.Equal("ab**", DatasetProtector.Mask("abcd", options with { MaskKeep = 2, MaskFrom = MaskFrom.Start }));

        Assert.Equal("DataCenterTools.KeyRequired", Assert.Throws<DataException>(() =>
            DatasetProtector.Protect(Customers(), [new ProtectionStep("email", ProtectionOperator.Hash)], options, null)).ErrorId);
        Assert.Equal("DataCenterTools.ColumnNotFound", Assert.Throws<DataException>(() =>
            DatasetProtector.Protect(Customers(), [new ProtectionStep("nope", ProtectionOperator.Drop)], options, null)).ErrorId);
        Assert.Equal("DataCenterTools.OperatorTypeMismatch", Assert.Throws<DataException>(() =>
            DatasetProtector.Protect(Customers(), [new ProtectionStep("note", ProtectionOperator.Noise)], options, null)).ErrorId);
    }

}

public class ColumnKeyEnvelopeTests
{
    [Fact]
    public void Each_recipient_restores_only_the_columns_wrapped_for_it()
    {
        using var folder = new TempFolder();
        var (financePrivate, financePublic) = RecipientKeyPair.Generate("X25519", folder.File("finance.key"), folder.File("finance.pub"), force: false);
        var (supportPrivate, supportPublic) = RecipientKeyPair.Generate("X25519", folder.File("support.key"), folder.File("support.pub"), force: false);
        using var keyFile = PseudonymHasherTests.TestKey();
        var input = new Dataset("d",
        [
            new StringColumn("card", ["4111111111111111", "5500000000000004"]),
            new StringColumn("note", ["likes tea", "vip"]),
        ]);
        var first = DatasetProtector.Protect(input, [new ProtectionStep("card", ProtectionOperator.Tokenize)], new ProtectionOptions(), null,
            recipients: [RecipientPublicKey.Load(financePublic)]);
        var second = DatasetProtector.Protect(first.Dataset, [new ProtectionStep("note", ProtectionOperator.Encrypt)], new ProtectionOptions(), keyFile,
            recipients: [RecipientPublicKey.Load(supportPublic), RecipientPublicKey.Load(financePublic)]);
        Assert.NotEqual("4111111111111111", second.Dataset["card"].GetValue(0));

        // The envelope survives JSON (the sidecar file) and holds no key in the clear.
        var envelope = ColumnKeyEnvelope.FromJson(ProtectionLineage.EnvelopeOf(second.Dataset)!.ToJson());
        Assert.Equal(["card", "note"], envelope.Columns.Select(c => c.Column));
        Assert.Single(envelope.Columns[0].Keys);
        Assert.Equal(3, envelope.Columns[1].Keys.Count);

        using var support = RecipientPrivateKey.Load(supportPrivate);
        Assert.Null(ColumnKeyEnvelope.Unwrap(envelope.Columns[0], support, null));
        using var noteKey = ColumnKeyEnvelope.Unwrap(envelope.Columns[1], support, null)!;
        var restored = DatasetUnprotector.Unprotect(second.Dataset, [(ColumnKeyEnvelope.ToReversible(envelope.Columns[1]), noteKey)]);
        Assert.Equal("likes tea", restored["note"].GetValue(0));
        Assert.Equal(second.Dataset["card"].GetValue(0), restored["card"].GetValue(0));

        using var finance = RecipientPrivateKey.Load(financePrivate);
        using var cardKey = ColumnKeyEnvelope.Unwrap(envelope.Columns[0], finance, null)!;
        var cards = DatasetUnprotector.Unprotect(new Dataset("reimported", second.Dataset.Columns), [(ColumnKeyEnvelope.ToReversible(envelope.Columns[0]), cardKey)]);
        Assert.Equal("5500000000000004", cards["card"].GetValue(1));

        // The key file given alongside the recipients unwraps the second step's column too.
        using var viaKeyFile = ColumnKeyEnvelope.Unwrap(envelope.Columns[1], null, keyFile)!;
        Assert.Equal(noteKey.KeyId, viaKeyFile.KeyId);
    }
}

public class HmacSha256Tests
{
    // RFC 4231 test case 2 (key "Jefe") and case 6 (131-byte key, longer than a block).
    [Theory]
    [InlineData("4a656665", "what do ya want for nothing?", "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843")]
    [InlineData("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
        "Test Using Larger Than Block-Size Key - Hash Key First", "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54")]
    public void Matches_rfc_4231(string keyHex, string message, string expected)
    {
        Span<byte> mac = stackalloc byte[32];
        new HmacSha256(Convert.FromHexString(keyHex)).Compute(System.Text.Encoding.ASCII.GetBytes(message), mac);
        Assert.Equal(expected, Convert.ToHexStringLower(mac));
    }

    [Fact]
    public void Matches_the_platform_hmac_at_every_length_around_the_block_edges()
    {
        Span<byte> mac = stackalloc byte[32];
        foreach (var keyLength in new[] { 16, 32, 64, 100 })
        {
            var key = Enumerable.Range(0, keyLength).Select(i => (byte)(i * 7)).ToArray();
            var hmac = new HmacSha256(key);
            for (var length = 0; length <= 200; length++)
            {
                var message = Enumerable.Range(0, length).Select(i => (byte)(i * 13 + length)).ToArray();
                hmac.Compute(message, mac);
                Assert.Equal(System.Security.Cryptography.HMACSHA256.HashData(key, message), mac.ToArray());
            }
        }
    }

    [Fact]
    public void Managed_compression_matches_the_platform_sha256()
    {
        // SHA-256 of one padded block ("abc", RFC 6234 / FIPS 180-2 example) through the managed rounds, which
        // serve where libcrypto's SHA256_Transform is absent; the native path is checked by the HMAC tests above.
        Span<byte> block = stackalloc byte[64];
        block.Clear();
        "abc"u8.CopyTo(block);
        block[3] = 0x80;
        block[63] = 24;
        Span<uint> state = [0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19];
        HmacSha256.CompressManaged(state, block);
        var digest = string.Concat(state.ToArray().Select(word => word.ToString("x8")));
        Assert.Equal("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", digest);
        if (OperatingSystem.IsLinux()) Assert.True(HmacSha256.UsesNativeCompression, "libcrypto.so.3's SHA256_Transform was not found");
    }
}

public class ProtectionPlanTests
{
    [Fact]
    public void Auto_picks_an_operator_per_kind_found()
    {
        var ds = new Dataset("customers",
        [
            new StringColumn("email", ["alice@example.com", "bob@example.org", "carol@example.net", "dan@example.com"]),
            new StringColumn("card", ["4111111111111111", "5500000000000004", "4012888888881881", "4222222222222"]),
            new StringColumn("client_ip", ["10.1.2.3", "10.1.2.77", "192.168.9.1", "172.16.0.5"]),
            new StringColumn("homepage", ["https://example.com/a", "https://example.org/b", "http://example.net/", "https://example.com/c"]),
            TestColumns.Longs("visits", 3, 5, 8, 13),
        ]);
        var plan = ProtectionPlan.Auto(ds, SensitiveDataScanner.Scan(ds));
        var byColumn = plan.ToDictionary(s => s.Column, s => s.Operator);
        Assert.Equal(ProtectionOperator.Hash, byColumn["email"]);
        Assert.Equal(ProtectionOperator.Tokenize, byColumn["card"]);
        Assert.Equal(ProtectionOperator.Generalize, byColumn["client_ip"]);
        Assert.Equal(ProtectionOperator.Redact, byColumn["homepage"]);
        Assert.False(byColumn.ContainsKey("visits"));
        Assert.Equal("CreditCard", plan.Single(s => s.Column == "card").Kind);

        using var key = PseudonymHasherTests.TestKey();
        var result = DatasetProtector.Protect(ds, plan, new ProtectionOptions(), key).Dataset;
        Assert.Equal("<URL>", result["homepage"].GetValue(0));
        Assert.Equal("10.1.2.0/24", result["client_ip"].GetValue(1));
    }

    [Fact]
    public void Cards_with_separators_are_hashed_not_tokenized()
    {
        var ds = new Dataset("d", [new StringColumn("card_number", ["4111-1111-1111-1111", "5500-0000-0000-0004", "4012-8888-8888-1881"])]);
        var findings = SensitiveDataScanner.Scan(ds);
        var plan = ProtectionPlan.Auto(ds, findings);
        Assert.Equal(ProtectionOperator.Hash, Assert.Single(plan).Operator);
    }
}

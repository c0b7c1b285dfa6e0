using System.Text;
using DataCenterTools.Core.Data;
using DataCenterTools.Core.Privacy;
using DataCenterTools.Core.Security;

namespace DataCenterTools.Core.Tests;

/// <summary>Issue 13, "keys that fail loudly, and passphrases that resist guessing", on the core entry points.</summary>
public class KeysFailLoudlyTests
{
    private static Dataset Cards() => new("cards",
    [
        new StringColumn("card", ["4111111111111111", "5500000000000004", "0340000000000009"]),
        new StringColumn("note", ["likes tea", "", "likes tea"]),
    ]);

    private static ProtectionPlan Plan(Dataset dataset, params ProtectionStep[] steps) =>
        ProtectionPlan.Build(dataset, new ProtectionRequest { Steps = steps, HasKey = true });

    private static Dataset Protect(Dataset dataset, DataProtectionKey key, params ProtectionStep[] steps)
    {
        using var credential = ProtectionCredential.Create(DataProtectionKey.FromBytes(key.Material), null, null);
        return Plan(dataset, steps).Apply(credential, null).Result.Dataset;
    }

    private static UnprotectionOutcome Unprotect(Dataset dataset, DataProtectionKey key, UnprotectRequest request)
    {
        using var credential = ProtectionCredential.Create(DataProtectionKey.FromBytes(key.Material), null, null);
        return UnprotectionPlan.Build(dataset, request with { HasKey = true }).Apply(credential, null);
    }

    [Fact]
    public void A_wrong_key_for_tokens_is_KeyMismatch_from_lineage_and_from_an_envelope_file()
    {
        using var key = DataProtectionKey.Generate();
        using var wrong = DataProtectionKey.Generate();
        var tokenized = Protect(Cards(), key, new ProtectionStep("card", ProtectionOperator.Tokenize));

        var fromLineage = Assert.Throws<DataException>(() => Unprotect(tokenized, wrong, new UnprotectRequest()));
        Assert.Equal("DataCenterTools.KeyMismatch", fromLineage.ErrorId);
        Assert.Contains($"protected with key {key.KeyId}; the key given is {wrong.KeyId}", fromLineage.Message);

        // A CSV keeps no lineage: the envelope written beside it holds the key id (and no key).
        using var folder = new TempFolder();
        var envelopePath = folder.File("cards.envelope.json");
        ProtectionLineage.EnvelopeOf(tokenized)!.Save(envelopePath, force: false);
        var envelopeText = File.ReadAllText(envelopePath);
        Assert.Contains(key.KeyId, envelopeText);
        Assert.DoesNotContain(Convert.ToBase64String(key.Material), envelopeText);
        var reimported = new Dataset("reimported", tokenized.Columns);
        var request = new UnprotectRequest { Envelope = ColumnKeyEnvelope.Load(envelopePath) };
        Assert.Equal("DataCenterTools.KeyMismatch", Assert.Throws<DataException>(() => Unprotect(reimported, wrong, request)).ErrorId);
        var restored = Unprotect(reimported, key, request).Dataset;
        Assert.Equal(Cards()["card"].GetValue(2), restored["card"].GetValue(2));
    }

    [Fact]
    public void Tokens_without_a_record_of_their_key_need_an_envelope_or_Force()
    {
        using var key = DataProtectionKey.Generate();
        using var wrong = DataProtectionKey.Generate();
        var reimported = new Dataset("reimported", Protect(Cards(), key, new ProtectionStep("card", ProtectionOperator.Tokenize)).Columns);
        var named = new UnprotectRequest { Tokenize = ["card"] };
        var refused = Assert.Throws<DataException>(() => Unprotect(reimported, wrong, named));
        Assert.Equal("DataCenterTools.KeyNotRecorded", refused.ErrorId);
        Assert.Contains("EnvelopePath", refused.Recommendation);
        // With -Force it goes ahead, says so, and a wrong key gives what FF1 gives: other digits of the same length.
        Assert.Contains(UnprotectionPlan.Build(reimported, named with { Force = true, HasKey = true }).Warnings, w => OptionNames.ForCode(w).Contains("restored with Force", StringComparison.Ordinal));
        var forced = Unprotect(reimported, wrong, named with { Force = true });
        Assert.Matches("^[0-9]{16}$", (string)forced.Dataset["card"].GetValue(0)!);
        Assert.NotEqual("4111111111111111", forced.Dataset["card"].GetValue(0));
        Assert.Equal("4111111111111111", Unprotect(reimported, key, named with { Force = true }).Dataset["card"].GetValue(0));
        // Encrypted cells carry their own check (the GCM tag): no envelope needed, a wrong key is DecryptionFailed.
        var encrypted = new Dataset("reimported", Protect(Cards(), key, new ProtectionStep("note", ProtectionOperator.Encrypt)).Columns);
        Assert.Equal("DataCenterTools.DecryptionFailed",
            Assert.Throws<DataException>(() => Unprotect(encrypted, wrong, new UnprotectRequest { Decrypt = ["note"] })).ErrorId);
    }

    [Fact]
    public void A_passphrase_key_id_says_nothing_about_the_passphrase()
    {
        // The offline attack of issue 13: derive a guess with the recorded salt, compare key ids. Every guess now
        // gives the recorded id, so the comparison tells nothing.
        var salt = Encoding.ASCII.GetBytes("saltsaltsaltsalt");
        using var right = DataProtectionKey.FromPassphrase("summer2024", salt);
        using var guess = DataProtectionKey.FromPassphrase("summer2023", salt);
        Assert.Equal(right.KeyId, guess.KeyId);
        Assert.False(right.Material.SequenceEqual(guess.Material));
        Assert.Equal(DataProtectionKey.SaltKeyId(salt), right.KeyId);
        Assert.Matches("^[0-9a-f]{16}$", right.KeyId);
        // A random key's id stays its fingerprint: 256 random bits cannot be guessed from it.
        using var random = DataProtectionKey.Generate();
        using var copy = DataProtectionKey.FromBytes(random.Material);
        Assert.Equal(random.KeyId, copy.KeyId);
    }

    [Fact]
    public void Passphrase_key_names_get_a_random_salt_on_first_use_and_a_wrong_passphrase_is_KeyMismatch()
    {
        using var folder = new TempFolder();
        var ring = folder.File("passphrase-keys.jsonl");
        Func<byte[], DataProtectionKey> Derive(string passphrase) => salt => DataProtectionKey.FromPassphrase(passphrase, salt);

        using var first = PassphraseKeyRing.ForProtect("finance", Derive("correct horse"), ring);
        using var again = PassphraseKeyRing.ForProtect("finance", Derive("correct horse"), ring);
        Assert.True(first.Material.SequenceEqual(again.Material));
        Assert.Equal(first.KeyId, again.KeyId);
        Assert.Equal(new PassphraseOrigin("finance", first.Passphrase!.Salt, true), again.Passphrase);
        if (!OperatingSystem.IsWindows()) Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(ring));

        var wrong = Assert.Throws<DataException>(() => PassphraseKeyRing.ForProtect("finance", Derive("correct h0rse"), ring));
        Assert.Equal("DataCenterTools.KeyMismatch", wrong.ErrorId);
        Assert.Equal("DataCenterTools.KeyMismatch",
            Assert.Throws<DataException>(() => PassphraseKeyRing.ForUnprotect("finance", null, Derive("correct h0rse"), ring)).ErrorId);

        // Another name: another random salt, another key for the same passphrase.
        using var other = PassphraseKeyRing.ForProtect("support", Derive("correct horse"), ring);
        Assert.NotEqual(first.Passphrase.Salt, other.Passphrase!.Salt);
        Assert.NotEqual(first.KeyId, other.KeyId);

        // A host that never saw the name: the salt from the data's record derives the key, unchecked.
        var elsewhere = folder.File("elsewhere.jsonl");
        using var derived = PassphraseKeyRing.ForUnprotect("finance", Convert.FromBase64String(first.Passphrase.Salt), Derive("correct horse"), elsewhere);
        Assert.True(first.Material.SequenceEqual(derived.Material));
        Assert.False(derived.Passphrase!.Checked);
        Assert.Equal("DataCenterTools.PassphraseKeyUnknown",
            Assert.Throws<DataException>(() => PassphraseKeyRing.ForUnprotect("finance", null, Derive("correct horse"), elsewhere)).ErrorId);
        // The file holds salts and check values, never a key or passphrase.
        var text = File.ReadAllText(ring);
        Assert.DoesNotContain("correct horse", text);
        Assert.DoesNotContain(Convert.ToBase64String(first.Material), text);
    }

    [Fact]
    public void Lineage_of_a_passphrase_key_holds_its_name_salt_and_id_and_an_unchecked_passphrase_needs_Force_for_tokens()
    {
        using var folder = new TempFolder();
        var ring = folder.File("passphrase-keys.jsonl");
        Func<byte[], DataProtectionKey> derive = salt => DataProtectionKey.FromPassphrase("correct horse", salt);
        Dataset tokenized;
        string salt;
        using (var credential = ProtectionCredential.Create(null, derive, "cards", ringPath: ring))
        {
            tokenized = Plan(Cards(), new ProtectionStep("card", ProtectionOperator.Tokenize)).Apply(credential, null).Result.Dataset;
            salt = credential.ForProtect()!.Passphrase!.Salt;
        }
        var step = tokenized.Lineage[^1].Parameters;
        Assert.Equal("cards", step[ProtectionLineage.KeyName]);
        Assert.Equal(salt, step[ProtectionLineage.KeySalt]);
        Assert.Equal(DataProtectionKey.SaltKeyId(Convert.FromBase64String(salt)), step[ProtectionLineage.KeyId]);

        using (var here = ProtectionCredential.Create(null, derive, null, ringPath: ring))
            Assert.Equal("4111111111111111", UnprotectionPlan.Build(tokenized, new UnprotectRequest { HasKey = true }).Apply(here, null).Dataset["card"].GetValue(0));
        var elsewhere = folder.File("elsewhere.jsonl");
        using (var there = ProtectionCredential.Create(null, salt2 => DataProtectionKey.FromPassphrase("wrong", salt2), null, ringPath: elsewhere))
            Assert.Equal("DataCenterTools.KeyNotChecked", Assert.Throws<DataException>(() =>
                UnprotectionPlan.Build(tokenized, new UnprotectRequest { HasKey = true }).Apply(there, null)).ErrorId);
        using (var there = ProtectionCredential.Create(null, derive, null, ringPath: elsewhere))
        {
            var forced = UnprotectionPlan.Build(tokenized, new UnprotectRequest { HasKey = true, Force = true }).Apply(there, null);
            Assert.Equal("4111111111111111", forced.Dataset["card"].GetValue(0));
            Assert.Contains(forced.Warnings, w => w.Contains("cannot be checked on this host"));
        }
    }

    [Fact]
    public void PadTo_tokenizes_five_digit_numbers_and_restores_them()
    {
        using var key = DataProtectionKey.Generate();
        // fnlwgt values of the UCI Adult data below FF1's one-million domain for digits.
        var weights = new Dataset("adult", [TestColumns.Longs("fnlwgt", 77516, 83311, 9, 215646)]);
        var plain = Assert.Throws<DataProblemsException>(() => Protect(weights, key, new ProtectionStep("fnlwgt", ProtectionOperator.Tokenize)));
        Assert.Contains("PadTo 6", plain.Problems[0].Recommendation);

        using var credential = ProtectionCredential.Create(DataProtectionKey.FromBytes(key.Material), null, null);
        var request = new ProtectionRequest { Steps = [new ProtectionStep("fnlwgt", ProtectionOperator.Tokenize)], HasKey = true, Options = new ProtectionOptions { PadTo = 6 } };
        var tokens = ProtectionPlan.Build(weights, request).Apply(credential, null).Result.Dataset;
        Assert.All(Enumerable.Range(0, 4), r => Assert.Matches("^[0-9]{6}$", (string)tokens["fnlwgt"].GetValue(r)!));
        Assert.Equal("6", tokens.Lineage[^1].Parameters["PadTo:fnlwgt"]);
        var back = Unprotect(tokens, key, new UnprotectRequest()).Dataset;
        Assert.Equal(ColumnType.Int64, back["fnlwgt"].Type);
        Assert.Equal([77516L, 83311L, 9L, 215646L], Enumerable.Range(0, 4).Select(r => (long)back["fnlwgt"].GetValue(r)!));

        var text = new Dataset("codes", [new StringColumn("zip", ["00501", "02134"])]);
        Assert.Equal("DataCenterTools.PadToNeedsWholeNumbers", Assert.Throws<DataException>(() =>
            ProtectionPlan.Build(text, request with { Steps = [new ProtectionStep("zip", ProtectionOperator.Tokenize)] })).ErrorId);
    }

    [Fact]
    public void Hash_of_a_low_entropy_column_warns_and_of_a_high_entropy_one_does_not()
    {
        var pins = Enumerable.Range(0, 200).Select(i => (i * 37 % 10_000).ToString("D4", System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        var emails = Enumerable.Range(0, 200).Select(i => $"user{i}@example.com").ToArray();
        var ds = new Dataset("people", [new StringColumn("pin", pins), new StringColumn("email", emails)]);
        var warnings = ProtectionPlan.Build(ds, new ProtectionRequest
        {
            Steps = [new("pin", ProtectionOperator.Hash), new("email", ProtectionOperator.Hash)], HasKey = true,
        }).Warnings;
        var pin = Assert.Single(warnings);
        // 4 digits: 10^4 possible values.
        Assert.Contains("Column 'pin' has only about 10,000 possible values (values shaped like 4 digits)", pin);
        Assert.Contains("{option:Encrypt}", pin);
        var age = Assert.Single(ProtectionPlan.Build(new Dataset("a", [TestColumns.Longs("age", 17, 90, 45)]),
            new ProtectionRequest { Steps = [new("age", ProtectionOperator.Hash)], HasKey = true }).Warnings);
        Assert.Contains("about 74 possible values (whole numbers from 17 to 90)", age);
    }
}

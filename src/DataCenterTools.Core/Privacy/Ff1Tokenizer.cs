using DataCenterTools.Core.Data;
using Org.BouncyCastle.Crypto.Fpe;
using Org.BouncyCastle.Crypto.Parameters;

namespace DataCenterTools.Core.Privacy;

/// <summary>
/// Format-preserving encryption with FF1 (NIST SP 800-38G) through BouncyCastle's FpeFf1Engine:
/// a value of n symbols from an alphabet becomes another value of n symbols from the same alphabet,
/// so a 16-digit card number stays 16 digits. Reversible with the same key, tweak and alphabet.
/// FF1 cannot tell a wrong key: decrypting with one gives other symbols, not an error.
/// </summary>
public sealed class Ff1Tokenizer
{
    public const string Digits = "0123456789";
    public const string LowerAlphanumeric = "0123456789abcdefghijklmnopqrstuvwxyz";
    public const string UpperAlphanumeric = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";
    public const string Alphanumeric = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

    /// <summary>The alphabets tried when none is given, smallest first.</summary>
    public static readonly IReadOnlyList<string> StandardAlphabets = [Digits, LowerAlphanumeric, UpperAlphanumeric, Alphanumeric];

    private readonly FpeFf1Engine _encrypt = new();
    private readonly FpeFf1Engine _decrypt = new();
    private readonly int[] _index = new int[char.MaxValue + 1];

    /// <param name="key">AES key (16, 24 or 32 bytes): <c>DataProtectionKey.DeriveSubkey("ff1")</c>.</param>
    public Ff1Tokenizer(ReadOnlySpan<byte> key, string alphabet, ReadOnlySpan<byte> tweak = default)
    {
        if (alphabet.Length is < 2 or > 256 || alphabet.Distinct().Count() != alphabet.Length)
            throw new DataException("InvalidAlphabet", DataErrorKind.InvalidArgument,
                $"The tokenize alphabet '{alphabet}' must have 2 to 256 distinct characters.", "Give {option:Alphabet} as a string of distinct characters, e.g. 0123456789.");
        Alphabet = alphabet;
        Array.Fill(_index, -1);
        for (var i = 0; i < alphabet.Length; i++) _index[alphabet[i]] = i;
        var parameters = new FpeParameters(new KeyParameter(key.ToArray()), alphabet.Length, tweak.ToArray());
        _encrypt.Init(true, parameters);
        _decrypt.Init(false, parameters);
        MinLength = MinimumLength(alphabet.Length);
    }

    public string Alphabet { get; }

    /// <summary>The shortest value FF1 accepts for this alphabet (SP 800-38G Rev. 1: radix^length at least 1,000,000).</summary>
    public int MinLength { get; }

    public static int MinimumLength(int radix)
    {
        var length = 1;
        for (double domain = radix; domain < 1_000_000; domain *= radix) length++;
        return Math.Max(length, 2);
    }

    /// <summary>Why <paramref name="value"/> cannot be tokenized with this alphabet, or null when it can.</summary>
    public string? Problem(string value)
    {
        if (value.Length < MinLength) return "too short";
        foreach (var c in value) if (_index[c] < 0) return "outside the alphabet";
        return null;
    }

    public string Encrypt(string value) => Process(_encrypt, value);

    public string Decrypt(string value) => Process(_decrypt, value);

    private string Process(FpeFf1Engine engine, string value)
    {
        if (Problem(value) is { } problem)
            throw new DataException("TokenizeAlphabetMismatch", DataErrorKind.InvalidData,
                $"A value cannot be tokenized with the alphabet '{Alphabet}': it is {problem}.",
                "Give {option:Alphabet} with every character the column uses, or clean the column first.");
        var symbols = new byte[value.Length];
        for (var i = 0; i < value.Length; i++) symbols[i] = (byte)_index[value[i]];
        var output = new byte[value.Length];
        engine.ProcessBlock(symbols, 0, symbols.Length, output, 0);
        return string.Create(output.Length, (output, Alphabet), static (span, state) =>
        {
            for (var i = 0; i < span.Length; i++) span[i] = state.Alphabet[state.output[i]];
        });
    }

    /// <summary>The smallest standard alphabet that covers every value; else the one covering the most (the rest are reported).</summary>
    public static string InferAlphabet(IEnumerable<string> values)
    {
        var counts = new int[StandardAlphabets.Count];
        foreach (var value in values)
            for (var a = 0; a < StandardAlphabets.Count; a++)
                if (value.AsSpan().IndexOfAnyExcept(StandardAlphabets[a]) < 0) counts[a]++;
        return StandardAlphabets[Array.IndexOf(counts, counts.Max())];
    }

    /// <summary>A short name for an alphabet in messages and lineage ("digits"), or the alphabet itself.</summary>
    public static string Describe(string alphabet) => alphabet switch
    {
        Digits => "digits",
        LowerAlphanumeric => "lower alphanumeric",
        UpperAlphanumeric => "upper alphanumeric",
        Alphanumeric => "alphanumeric",
        _ => $"'{alphabet}'",
    };
}

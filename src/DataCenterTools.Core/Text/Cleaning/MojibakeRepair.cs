using System.Text;
using System.Text.RegularExpressions;

namespace DataCenterTools.Core.Text.Cleaning;

/// <summary>
/// Repairs UTF-8 text that was decoded as Windows-1252 or Latin-1 ("cafÃ©" for "café", "itâ€™s" for "it’s"), only where
/// it is safe: a run of text is re-encoded to Windows-1252 bytes and decoded as UTF-8, and the result is taken only
/// when every character was representable, the bytes are valid UTF-8, and the repaired run no longer looks like
/// mojibake. Text that merely contains Ã or â (Portuguese, French) is left as it is, since its bytes do not decode.
/// </summary>
public static partial class MojibakeRepair
{
    private static readonly Encoding Cp1252;
    private static readonly UTF8Encoding StrictUtf8 = new(false, throwOnInvalidBytes: true);

    static MojibakeRepair()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        Cp1252 = Encoding.GetEncoding(1252, EncoderFallback.ExceptionFallback, DecoderFallback.ExceptionFallback);
    }

    // A lead byte of a UTF-8 sequence seen as cp1252 (Â-ß for 2 bytes, à-ï for 3, ð-ô for 4) followed by a continuation (0x80-0xBF as cp1252).
    [GeneratedRegex(@"[\u00C2-\u00F4][\u0080-\u00BF\u20AC\u201A\u0192\u201E\u2026\u2020\u2021\u02C6\u2030\u0160\u2039\u0152\u017D\u2018\u2019\u201C\u201D\u2022\u2013\u2014\u02DC\u2122\u0161\u203A\u0153\u017E\u0178\u00A0]")]
    private static partial Regex SuspectRegex();

    // A maximal run of characters that cp1252 can encode and that is not plain ASCII space (mojibake never spans words; a no-break space may be the second byte of à).
    [GeneratedRegex(@"[^ \t\r\n]+")]
    private static partial Regex RunRegex();

    public static bool LooksBroken(string text) => SuspectRegex().IsMatch(text);

    public static string Repair(string text, out int repaired)
    {
        repaired = 0;
        if (!LooksBroken(text)) return text;
        var count = 0;
        var result = RunRegex().Replace(text, m =>
        {
            if (!SuspectRegex().IsMatch(m.Value) || !TryFix(m.Value, out var fixedRun)) return m.Value;
            count++;
            return fixedRun;
        });
        repaired = count;
        return result;
    }

    private static bool TryFix(string run, out string fixedRun)
    {
        fixedRun = run;
        byte[] bytes;
        try { bytes = Cp1252.GetBytes(run); }
        catch (EncoderFallbackException) { return false; }
        try { fixedRun = StrictUtf8.GetString(bytes); }
        catch (DecoderFallbackException) { return false; }
        return fixedRun != run && !LooksBroken(fixedRun);
    }
}

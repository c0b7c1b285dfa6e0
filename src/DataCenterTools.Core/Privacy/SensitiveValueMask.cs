namespace DataCenterTools.Core.Privacy;

/// <summary>
/// Masks a found value for display, keeping just enough to recognise what it is (a card's last four digits, an
/// e-mail's domain, a MAC's vendor prefix) and never the whole value.
/// </summary>
public static class SensitiveValueMask
{
    private const char MaskChar = '*';

    public static string Mask(SensitiveDataKind kind, string value) => kind switch
    {
        SensitiveDataKind.Email => MaskEmail(value),
        SensitiveDataKind.Phone or SensitiveDataKind.CreditCard or SensitiveDataKind.UsSsn => KeepLast(value, kind == SensitiveDataKind.Phone ? 2 : 4, char.IsAsciiDigit),
        SensitiveDataKind.Iban => KeepFirstAndLast(value, 2, 4, char.IsAsciiLetterOrDigit),
        SensitiveDataKind.ChineseResidentId => KeepFirstAndLast(value, 3, 1, char.IsAsciiLetterOrDigit),
        // The first octet or group says which network; the rest identifies the host.
        SensitiveDataKind.IPv4 => value.IndexOf('.') is var d and > 0 ? value[..d] + ".*.*.*" : "*.*.*.*",
        SensitiveDataKind.IPv6 => KeepFirstAndLast(value, value.IndexOf(':') is var c and > 0 ? c : 0, 0, char.IsAsciiHexDigit),
        // The first three octets are the vendor (OUI), not the device.
        SensitiveDataKind.MacAddress => KeepFirstAndLast(value, value.Length / 2, 0, char.IsAsciiHexDigit),
        SensitiveDataKind.Url => MaskUrl(value),
        SensitiveDataKind.DateOfBirth => KeepFirstAndLast(value, 4, 0, char.IsAsciiDigit),
        // Enough to see what the column holds (3*, M***, 130**), not the value.
        SensitiveDataKind.QuasiIdentifier => KeepFirstAndLast(value, Math.Max(1, value.Length / 2), 0, _ => true),
        _ => new string(MaskChar, value.Length),
    };

    private static string MaskEmail(string value)
    {
        var at = value.LastIndexOf('@');
        if (at <= 0) return KeepFirstAndLast(value, 0, 0, _ => true);
        var keep = at >= 3 ? 1 : 0;
        return value[..keep] + new string(MaskChar, at - keep) + value[at..];
    }

    private static string MaskUrl(string value)
    {
        // Keep scheme and host; paths and queries carry the user data (ids, tokens).
        var scheme = value.IndexOf("://", StringComparison.Ordinal);
        var hostStart = scheme >= 0 ? scheme + 3 : 0;
        var pathStart = value.IndexOfAny(['/', '?', '#'], hostStart);
        if (pathStart < 0 || pathStart == value.Length - 1)
        {
            // Only a host: mask all but its top-level domain.
            var dot = value.LastIndexOf('.');
            return KeepFirstAndLast(value, hostStart, dot > hostStart ? value.Length - dot : 0, char.IsAsciiLetterOrDigit);
        }
        return value[..(pathStart + 1)] + new string(MaskChar, value.Length - pathStart - 1);
    }

    private static string KeepLast(string value, int keepChars, Func<char, bool> maskable) =>
        KeepFirstAndLast(value, 0, keepChars, maskable);

    /// <summary>
    /// Masks the maskable characters between the first <paramref name="keepStart"/> characters and the last
    /// <paramref name="keepEndMaskable"/> maskable ones; separators stay, so the shape is still recognisable.
    /// At least one character is always masked.
    /// </summary>
    private static string KeepFirstAndLast(string value, int keepStart, int keepEndMaskable, Func<char, bool> maskable)
    {
        var chars = value.ToCharArray();
        var total = chars.Count(maskable);
        var kept = 0;
        var masked = 0;
        for (var i = chars.Length - 1; i >= 0; i--)
        {
            if (!maskable(chars[i])) continue;
            if (kept < keepEndMaskable && kept < total - 1) { kept++; continue; }
            if (i < keepStart && masked > 0) continue;
            chars[i] = MaskChar;
            masked++;
        }
        return new string(chars);
    }
}

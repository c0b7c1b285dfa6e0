using System.Text;

namespace DataCenterTools.Infrastructure;

/// <summary>Maps the -Encoding names users type to .NET encodings (legacy code pages need the provider registered at import).</summary>
internal static class EncodingNames
{
    public const string ValidNames = "UTF8, UTF8BOM, UTF16, UTF16LE, Unicode, UTF16BE, BigEndianUnicode, Latin1, ASCII, GB18030, GBK";

    public static Encoding? Resolve(string? name)
    {
        if (string.IsNullOrEmpty(name)) return null;
        return name.ToUpperInvariant().Replace("-", "") switch
        {
            "UTF8" or "UTF8NOBOM" or "UTF8BOM" => new UTF8Encoding(false),
            "UTF16" or "UTF16LE" or "UNICODE" => Encoding.Unicode,
            "UTF16BE" or "BIGENDIANUNICODE" => Encoding.BigEndianUnicode,
            "LATIN1" or "ISO88591" => Encoding.Latin1,
            "ASCII" => Encoding.ASCII,
            "GB18030" => Encoding.GetEncoding(54936),
            "GBK" or "CP936" or "GB2312" => Encoding.GetEncoding(936),
            _ => throw new ArgumentException($"Unknown encoding '{name}'. Use one of: {ValidNames}."),
        };
    }
}

using System.Text.RegularExpressions;

namespace DataCenterTools.Core.Data;

/// <summary>Field separators as users give them, and the ones the CSV parser (Sep) cannot take itself.</summary>
public static class Delimiters
{
    /// <summary>The character a translated separator becomes: ASCII Unit Separator, made for the purpose.</summary>
    internal const char Translated = '\u001F';

    /// <summary>
    /// A separator as written on the command line: "tab" (or \t, `t), "space", or the text itself, which may be
    /// several characters (", ", ";\t") and may use the escapes \t, \xHH and \uHHHH (Hive's \u0001).
    /// </summary>
    public static string Parse(string text)
    {
        switch (text.ToLowerInvariant())
        {
            case "tab": case "\\t": case "`t": return "\t";
            case "space": return " ";
        }
        var value = text;
        if (text.Contains('\\'))
        {
            try { value = Regex.Unescape(text); }
            catch (ArgumentException) { value = text; } // a lone backslash is the separator itself
        }
        if (value.Length == 0 || value.IndexOfAny(['\r', '\n', '"']) >= 0)
            throw new DataException("InvalidDelimiter", DataErrorKind.InvalidArgument,
                $"'{text}' cannot be a field delimiter: it is empty or holds a quote or a line break.",
                "Use for example {option:Delimiter} ';', {option:Delimiter} tab, {option:Delimiter} ', ' or {option:Delimiter} '\\u0001'.");
        return value;
    }

    /// <summary>Whether Sep reads this separator directly: one character, tab or ASCII 32-126 except " and #.</summary>
    internal static bool SepCanTake(string delimiter) =>
        delimiter.Length == 1 && (delimiter[0] == '\t' || (delimiter[0] >= ' ' && delimiter[0] <= '~' && delimiter[0] is not '"' and not '#'));

    /// <summary>How a separator reads in messages and lineage: tab as \t, control characters as \uHHHH.</summary>
    public static string Display(string delimiter) => string.Concat(delimiter.Select(c => c switch
    {
        '\t' => "\\t",
        < ' ' => $"\\u{(int)c:X4}",
        _ => c.ToString(),
    }));
}

/// <summary>
/// Hands Sep the text with every separator it cannot take (several characters, or one outside ASCII)
/// replaced by <see cref="Delimiters.Translated"/>, outside quotes only, so quoted fields keep theirs.
/// Used only for such separators: the common ones go to Sep untouched and pay nothing.
/// </summary>
internal sealed class DelimiterTranslatingReader(TextReader inner, string delimiter, char? quote, string path) : TextReader
{
    private readonly char[] _in = new char[1 << 16];
    private int _start;
    private int _end;
    private bool _eof;
    private bool _inQuotes;
    private readonly char[] _special = quote is { } q ? [delimiter[0], q, Delimiters.Translated] : [delimiter[0], Delimiters.Translated];

    public override int Read(char[] buffer, int index, int count) => Read(buffer.AsSpan(index, count));

    public override int Read(Span<char> buffer)
    {
        var written = 0;
        while (written < buffer.Length)
        {
            if (_end - _start < delimiter.Length && !_eof)
            {
                Refill();
                continue;
            }
            if (_start >= _end) break;
            var pending = _in.AsSpan(_start, _end - _start);
            var next = _inQuotes && quote is { } open ? pending.IndexOf(open) : pending.IndexOfAny(_special);
            var plain = next < 0 ? pending.Length : next;
            if (plain > 0)
            {
                var n = Math.Min(plain, buffer.Length - written);
                pending[..n].CopyTo(buffer[written..]);
                written += n;
                _start += n;
                continue;
            }
            var c = pending[0];
            if (quote is { } qc && c == qc)
            {
                _inQuotes = !_inQuotes;
                buffer[written++] = c;
                _start++;
            }
            else if (c == Delimiters.Translated)
            {
                throw new DataException("InvalidDelimiter", DataErrorKind.InvalidData,
                    $"'{path}' holds the character U+001F outside quotes, which reading with the separator '{Delimiters.Display(delimiter)}' needs for itself.",
                    "Use a one-character separator with {option:Delimiter}, or remove the U+001F characters.", path);
            }
            else if (pending.Length >= delimiter.Length && pending.StartsWith(delimiter))
            {
                buffer[written++] = Delimiters.Translated;
                _start += delimiter.Length;
            }
            else if (pending.Length < delimiter.Length && !_eof)
            {
                Refill();
            }
            else
            {
                buffer[written++] = c;
                _start++;
            }
        }
        return written;
    }

    public override int Read()
    {
        Span<char> one = stackalloc char[1];
        return Read(one) == 1 ? one[0] : -1;
    }

    public override int Peek() => throw new NotSupportedException();

    private void Refill()
    {
        if (_start > 0)
        {
            _in.AsSpan(_start, _end - _start).CopyTo(_in);
            _end -= _start;
            _start = 0;
        }
        var n = inner.Read(_in, _end, _in.Length - _end);
        if (n == 0) _eof = true;
        _end += n;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing) inner.Dispose();
        base.Dispose(disposing);
    }
}

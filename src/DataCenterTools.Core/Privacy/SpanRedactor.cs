using DataCenterTools.Core.Data;

namespace DataCenterTools.Core.Privacy;

/// <summary>The kinds of span Protect-Dataset -RedactSpans replaces inside free text.</summary>
public enum RedactSpanKind { Email, Phone, Ip, Id, Card, Url }

/// <summary>
/// Replaces only the sensitive spans inside free text and keeps the rest of the document: the spans
/// <see cref="SensitivePatterns"/> finds (validated by check digits and shape, as Find-SensitiveData does), of
/// the kinds asked for. Each span becomes a placeholder (&lt;EMAIL&gt;, &lt;PHONE&gt;, &lt;IP&gt;, &lt;ID&gt;,
/// &lt;CARD&gt;, &lt;URL&gt;), or with a key a keyed pseudonym (&lt;EMAIL:3fa9…&gt;, HMAC-SHA256 as Protect-Dataset
/// -Hash makes them), so the same address gets the same token in every document and cannot be recovered without it.
/// "id" covers US SSNs, Chinese resident IDs and IBANs.
/// </summary>
public sealed class SpanRedactor
{
    private readonly HashSet<SensitiveDataKind> _kinds;
    private readonly PseudonymHasher? _pseudonyms;

    public SpanRedactor(IEnumerable<RedactSpanKind> kinds, PseudonymHasher? pseudonyms = null)
    {
        _kinds = kinds.SelectMany(Map).ToHashSet();
        if (_kinds.Count == 0)
            throw new DataException("NoSpanKind", DataErrorKind.InvalidArgument, "{option:RedactSpans} names no kind of span.", "Use {option:RedactSpans} email,phone,ip,id.");
        _pseudonyms = pseudonyms;
    }

    /// <summary>The free-text column of a dataset when -TextColumn is not given: text, else content.</summary>
    public static IReadOnlyList<string> DefaultTextColumns(Dataset dataset) =>
        dataset.Schema.Contains("text") ? ["text"] : dataset.Schema.Contains("content") ? ["content"]
        : throw new DataException("TextColumnNotFound", DataErrorKind.ObjectNotFound, $"Dataset '{dataset.Name}' has no text or content column.",
            $"Name the free-text columns with {{option:TextColumn}} (columns: {string.Join(", ", dataset.Columns.Select(c => c.Name))}).");

    public static IEnumerable<SensitiveDataKind> Map(RedactSpanKind kind) => kind switch
    {
        RedactSpanKind.Email => [SensitiveDataKind.Email],
        RedactSpanKind.Phone => [SensitiveDataKind.Phone],
        RedactSpanKind.Ip => [SensitiveDataKind.IPv4, SensitiveDataKind.IPv6],
        RedactSpanKind.Id => [SensitiveDataKind.UsSsn, SensitiveDataKind.ChineseResidentId, SensitiveDataKind.Iban],
        RedactSpanKind.Card => [SensitiveDataKind.CreditCard],
        _ => [SensitiveDataKind.Url],
    };

    /// <summary>The text with the spans replaced; <paramref name="spans"/> counts them.</summary>
    public string Redact(string text, out int spans)
    {
        spans = 0;
        var matches = SensitivePatterns.Find(text, new HashSet<SensitiveDataKind>());
        var wanted = matches.Where(m => _kinds.Contains(m.Kind)).ToList();
        if (wanted.Count == 0) return text;
        var sb = new System.Text.StringBuilder(text.Length);
        var at = 0;
        foreach (var m in wanted)
        {
            sb.Append(text, at, m.Start - at);
            var label = Label(m.Kind);
            sb.Append('<').Append(label);
            if (_pseudonyms != null) sb.Append(':').Append(_pseudonyms.Token(text.Substring(m.Start, m.Length)));
            sb.Append('>');
            at = m.Start + m.Length;
            spans++;
        }
        sb.Append(text, at, text.Length - at);
        return sb.ToString();
    }

    private static string Label(SensitiveDataKind kind) => kind switch
    {
        SensitiveDataKind.Email => "EMAIL",
        SensitiveDataKind.Phone => "PHONE",
        SensitiveDataKind.IPv4 or SensitiveDataKind.IPv6 => "IP",
        SensitiveDataKind.CreditCard => "CARD",
        SensitiveDataKind.Url => "URL",
        _ => "ID",
    };

    /// <summary>The column with spans redacted in every cell (missing cells stay missing), and the number of spans replaced.</summary>
    public StringColumn RedactColumn(StringColumn column, out long spans)
    {
        var values = new string?[column.Length];
        var counts = new int[column.Length];
        Parallel.For(0, column.Length, i =>
        {
            var v = column[i];
            values[i] = v == null ? null : Redact(v, out counts[i]);
        });
        spans = counts.Sum(c => (long)c);
        return new StringColumn(column.Name, values);
    }
}

namespace DataCenterTools.Core.Privacy;

/// <summary>What Protect-Dataset does to a column.</summary>
public enum ProtectionOperator
{
    /// <summary>Replace every value with a placeholder such as &lt;EMAIL&gt;.</summary>
    Redact,
    /// <summary>Keep a few characters from the start or the end, mask the rest.</summary>
    Mask,
    /// <summary>Remove the column.</summary>
    Drop,
    /// <summary>Keyed HMAC-SHA256 pseudonym: stable per key, not reversible.</summary>
    Hash,
    /// <summary>Format-preserving encryption (FF1): same length and alphabet, reversible with the key.</summary>
    Tokenize,
    /// <summary>AES-256-GCM per cell (or AES-GCM-SIV with -Deterministic), Base64; reversible with the key.</summary>
    Encrypt,
    /// <summary>Coarser values: numeric ranges, month/year, IP prefixes, e-mail domains.</summary>
    Generalize,
    /// <summary>Laplace noise added to numbers.</summary>
    Noise,
    /// <summary>Only the sensitive spans inside free text are replaced (<see cref="SpanRedactor"/>); keyed pseudonyms with a key.</summary>
    RedactSpans,
}

/// <summary>Whether Generalize truncates dates to the month or the year.</summary>
public enum DatePrecision
{
    Month,
    Year,
}

/// <summary>Which end of a value Mask keeps.</summary>
public enum MaskFrom
{
    Start,
    End,
}

/// <summary>
/// One line of a protection plan: which operator a column gets, and why (the kind of data found, when known).
/// <paramref name="DateTo"/> overrides the options' date precision for this column (a date of birth goes to the year).
/// </summary>
public sealed record ProtectionStep(string Column, ProtectionOperator Operator, string? Kind = null, DatePrecision? DateTo = null)
{
    public override string ToString() => Kind is null ? $"{Operator} {Column}" : $"{Operator} {Column} ({Kind})";
}

/// <summary>The settings of the operators; defaults are what Protect-Dataset uses when a parameter is not given.</summary>
public sealed record ProtectionOptions
{
    public int MaskKeep { get; init; } = 4;
    public MaskFrom MaskFrom { get; init; } = MaskFrom.End;
    public char MaskChar { get; init; } = '*';
    /// <summary>The Redact placeholder; null means one by kind (&lt;EMAIL&gt;) or &lt;REDACTED&gt;.</summary>
    public string? ReplaceWith { get; init; }
    /// <summary>FF1 tweak (public, not a key); empty by default.</summary>
    public byte[] Tweak { get; init; } = [];
    /// <summary>FF1 alphabet; null means inferred per column.</summary>
    public string? Alphabet { get; init; }
    /// <summary>
    /// Tokenize whole numbers shorter than FF1's minimum (6 digits) by padding them with leading zeros to this many
    /// digits first; the tokens have that many digits. Int64 columns only: for them leading zeros carry no value, so
    /// Unprotect-Dataset can take them off again.
    /// </summary>
    public int? PadTo { get; init; }
    public bool Deterministic { get; init; }
    public double Width { get; init; } = 10;
    public DatePrecision DateTo { get; init; } = DatePrecision.Month;
    public double Epsilon { get; init; } = 1;
    public double Sensitivity { get; init; } = 1;
    /// <summary>Seeds the Laplace noise for reproducible tests; null (the default) uses the cryptographic RNG.</summary>
    public int? NoiseSeed { get; init; }
    /// <summary>The kinds of span RedactSpans replaces.</summary>
    public IReadOnlyList<RedactSpanKind> SpanKinds { get; init; } = [];
    /// <summary>Ends the work between columns (Ctrl+C); a cancelled run returns nothing and writes no audit record.</summary>
    public CancellationToken Cancellation { get; init; }
}

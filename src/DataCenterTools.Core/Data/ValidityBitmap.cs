namespace DataCenterTools.Core.Data;

/// <summary>
/// One bit per row: set when the row holds a value, clear when it is missing.
/// Immutable once built; a column without missing values carries no bitmap at all.
/// </summary>
public sealed class ValidityBitmap
{
    private readonly ulong[] _words;

    public int Length { get; }
    public int NullCount { get; }

    internal ValidityBitmap(ulong[] words, int length)
    {
        _words = words;
        Length = length;
        var valid = 0;
        var fullWords = length >> 6;
        for (var i = 0; i < fullWords; i++) valid += System.Numerics.BitOperations.PopCount(words[i]);
        var rest = length & 63;
        if (rest != 0) valid += System.Numerics.BitOperations.PopCount(words[fullWords] & ((1UL << rest) - 1));
        NullCount = length - valid;
    }

    public bool IsValid(int index) => (_words[index >> 6] & (1UL << (index & 63))) != 0;

    /// <summary>The bits, 64 rows a word (bits past <see cref="Length"/> are undefined): for column-at-a-time kernels.</summary>
    internal ulong[] Words => _words;

    /// <summary>A bitmap over words the caller built and will not change; null when every row is valid.</summary>
    internal static ValidityBitmap? FromWords(ulong[] words, int length)
    {
        var bitmap = new ValidityBitmap(words, length);
        return bitmap.NullCount == 0 ? null : bitmap;
    }

    /// <summary>Builds a bitmap from per-row flags; returns null when every row is valid.</summary>
    public static ValidityBitmap? FromFlags(ReadOnlySpan<bool> valid)
    {
        var builder = new Builder(valid.Length);
        for (var i = 0; i < valid.Length; i++) if (!valid[i]) builder.SetNull(i);
        return builder.Build();
    }

    public ValidityBitmap Slice(int start, int length)
    {
        var builder = new Builder(length);
        for (var i = 0; i < length; i++) if (!IsValid(start + i)) builder.SetNull(i);
        return builder.Build() ?? AllValid(length);
    }

    private static ValidityBitmap AllValid(int length)
    {
        var words = new ulong[(length + 63) >> 6];
        Array.Fill(words, ulong.MaxValue);
        return new ValidityBitmap(words, length);
    }

    /// <summary>Collects nulls while a column is built; starts as all-valid and allocates nothing until the first null.</summary>
    public sealed class Builder
    {
        private ulong[]? _words;
        private int _length;
        private bool _anyNull;

        public Builder(int capacity = 0) { _length = capacity; }

        public int Length => _length;

        public void SetNull(int index)
        {
            EnsureWords(index + 1);
            _words![index >> 6] &= ~(1UL << (index & 63));
            _anyNull = true;
            if (index >= _length) _length = index + 1;
        }

        /// <summary>
        /// Marks missing the rows whose bit is clear in an Arrow validity bitmap (row i at bit bitOffset + i), written
        /// from row <paramref name="destination"/> on; whole bytes of valid rows are skipped eight at a time.
        /// </summary>
        internal void SetNullsFrom(ReadOnlySpan<byte> bitmap, int bitOffset, int count, int destination)
        {
            for (var i = 0; i < count;)
            {
                var bit = bitOffset + i;
                if ((bit & 7) == 0 && i + 8 <= count && bitmap[bit >> 3] == 0xFF) { i += 8; continue; }
                if ((bitmap[bit >> 3] & (1 << (bit & 7))) == 0) SetNull(destination + i);
                i++;
            }
        }

        /// <summary>Whether row <paramref name="index"/> was marked missing.</summary>
        internal bool IsNull(int index) =>
            _words != null && (index >> 6) < _words.Length && (_words[index >> 6] & (1UL << (index & 63))) == 0;

        /// <summary>Grows the logical length (new rows are valid).</summary>
        public void SetLength(int length)
        {
            if (_words != null) EnsureWords(length);
            _length = length;
        }

        private void EnsureWords(int length)
        {
            var needed = (length + 63) >> 6;
            if (_words == null)
            {
                _words = new ulong[Math.Max(needed, Math.Max(16, (_length + 63) >> 6))];
                Array.Fill(_words, ulong.MaxValue);
            }
            else if (_words.Length < needed)
            {
                var old = _words.Length;
                Array.Resize(ref _words, Math.Max(needed, old * 2));
                Array.Fill(_words, ulong.MaxValue, old, _words.Length - old);
            }
        }

        public ValidityBitmap? Build() => _anyNull ? new ValidityBitmap(_words!, _length) : null;
    }
}

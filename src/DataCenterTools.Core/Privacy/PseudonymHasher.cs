using System.Runtime.CompilerServices;
using System.Buffers;
using System.Text;
using DataCenterTools.Core.Data;

namespace DataCenterTools.Core.Privacy;

/// <summary>
/// Keyed pseudonyms: HMAC-SHA256 of the cell's UTF-8 text (its canonical text for non-strings) under
/// the key's "hmac" subkey, written as the first 16 bytes in lowercase hex (32 characters, 128 bits:
/// collisions are negligible below ~2^64 distinct values). The same value and key give the same token
/// in every dataset, so joins still work; without the key a token cannot be reversed or matched
/// against a dictionary of candidate values.
/// </summary>
public sealed class PseudonymHasher
{
    public const int TokenBytes = 16;
    public const int TokenLength = 2 * TokenBytes;
    private const int RowsPerChunk = 1 << 14;
    private readonly HmacSha256 _hmac;

    /// <param name="hmacKey">The HMAC key: <c>DataProtectionKey.DeriveSubkey("hmac")</c>.</param>
    public PseudonymHasher(ReadOnlySpan<byte> hmacKey) => _hmac = new HmacSha256(hmacKey);

    public string Token(string value)
    {
        var chars = new char[TokenLength];
        var buffer = ArrayPool<byte>.Shared.Rent(256);
        Write(_hmac, value, ref buffer, chars);
        ArrayPool<byte>.Shared.Return(buffer);
        return new string(chars);
    }

    /// <summary>
    /// The column as tokens. Dictionary-encoded columns hash each distinct value once; others are hashed
    /// in parallel chunks straight into one character buffer, without a string per cell.
    /// </summary>
    public StringColumn HashColumn(Column column)
    {
        if (column is StringColumn { IsDictionaryEncoded: true } dictionary)
        {
            var values = dictionary.Dictionary!;
            var tokens = new string[values.Count];
            Parallel.For(0, (values.Count + RowsPerChunk - 1) / RowsPerChunk, chunk =>
            {
                var end = Math.Min(values.Count, (chunk + 1) * RowsPerChunk);
                for (var i = chunk * RowsPerChunk; i < end; i++) tokens[i] = Token(values[i]);
            });
            return new StringColumn(column.Name, dictionary.Codes.ToArray(), tokens, column.Length);
        }

        var n = column.Length;
        var ends = new int[Math.Max(n, 1)];
        var offset = 0;
        for (var row = 0; row < n; row++)
        {
            if (!column.IsNull(row)) offset += TokenLength;
            ends[row] = offset;
        }
        var chars = new char[offset];
        var chunks = (n + RowsPerChunk - 1) / RowsPerChunk;
        Parallel.For(0, chunks, chunk => HashRows(column, chunk * RowsPerChunk, Math.Min(n, (chunk + 1) * RowsPerChunk), ends, chars));
        return new StringColumn(column.Name, chars, ends, n, column.Validity);
    }

    // Hot loops are compiled fully optimized at once: a module's ReadyToRun code would otherwise run the
    // first few hundred thousand cells before tiered compilation replaces it.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void HashRows(Column column, int start, int end, int[] ends, char[] chars)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(256);
        try
        {
            var strings = column as StringColumn;
            for (var row = start; row < end; row++)
            {
                if (column.IsNull(row)) continue;
                var destination = chars.AsSpan(ends[row] - TokenLength, TokenLength);
                if (strings != null) Write(_hmac, strings.GetSpan(row), ref buffer, destination);
                else Write(_hmac, ColumnCells.Text(column, row), ref buffer, destination);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Write(HmacSha256 hmac, ReadOnlySpan<char> value, ref byte[] buffer, Span<char> destination)
    {
        var needed = Encoding.UTF8.GetMaxByteCount(value.Length);
        if (needed > buffer.Length)
        {
            ArrayPool<byte>.Shared.Return(buffer);
            buffer = ArrayPool<byte>.Shared.Rent(needed);
        }
        var length = Encoding.UTF8.GetBytes(value, buffer);
        Span<byte> mac = stackalloc byte[HmacSha256.MacSize];
        hmac.Compute(buffer.AsSpan(0, length), mac);
        Convert.TryToHexStringLower(mac[..TokenBytes], destination, out _);
    }
}

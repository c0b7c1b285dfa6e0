using System.Security.Cryptography;
using System.Text;
using DataCenterTools.Core.Data;

/// <summary>The SHA-256 of every cell of a Dataset: column name and type, then each value's bits (null as a marker).</summary>
internal static class ExactDigest
{
    public static string Of(Dataset dataset)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        Span<byte> word = stackalloc byte[9];
        hash.AppendData(BitConverter.GetBytes(dataset.RowCount));
        foreach (var column in dataset.Columns)
        {
            hash.AppendData(Encoding.UTF8.GetBytes(column.Name + ":" + column.GetType().Name + "\n"));
            for (var i = 0; i < column.Length; i++)
            {
                if (column.IsNull(i)) { hash.AppendData("\0N"u8); continue; }
                switch (column)
                {
                    case Int64Column c: BitConverter.TryWriteBytes(word, c.Values[i]); hash.AppendData(word[..8]); break;
                    case DoubleColumn c: BitConverter.TryWriteBytes(word, BitConverter.DoubleToInt64Bits(c.Values[i])); hash.AppendData(word[..8]); break;
                    case BooleanColumn c: hash.AppendData(c.Values[i] ? "T"u8 : "F"u8); break;
                    case DateTimeColumn c: BitConverter.TryWriteBytes(word, c.Values[i].ToBinary()); hash.AppendData(word[..8]); break;
                    case StringColumn s: hash.AppendData(Encoding.UTF8.GetBytes(s.GetSpan(i).ToString() + "\n")); break;
                    default: throw new InvalidOperationException(column.GetType().Name);
                }
            }
        }
        return Convert.ToHexStringLower(hash.GetHashAndReset())[..16];
    }
}

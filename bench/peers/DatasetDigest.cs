// The correctness digest of a Dataset, computed the way every peer computes its own (bench/peers/README.md):
// rows; per column (lower-cased name) its missing cells and either the sum (numbers; the count of true for
// booleans; epoch seconds for timestamps, wall-clock values read as UTC) or the first 16 hex digits of the
// SHA-256 of the values' UTF-8 joined by '\n', a missing cell written as '\0'. Compiled by
// bench/peers/Invoke-ModuleStep.ps1 with Add-Type, outside the timed step.
using System;
using System.Collections.Generic;
using System.Security.Cryptography;
using System.Text;
using DataCenterTools.Core.Data;

public static class DatasetDigest
{
    public static Dictionary<string, object> Of(Dataset dataset)
    {
        var columns = new Dictionary<string, object>();
        foreach (var column in dataset.Columns)
        {
            var entry = new Dictionary<string, object> { ["nulls"] = column.NullCount };
            switch (column)
            {
                case Int64Column c: entry["kind"] = "number"; entry["sum"] = Sum(c, v => v); break;
                case DoubleColumn c: entry["kind"] = "number"; entry["sum"] = Sum(c, v => v); break;
                case BooleanColumn c: entry["kind"] = "bool"; entry["sum"] = Sum(c, v => v ? 1 : 0); break;
                case DateTimeColumn c: entry["kind"] = "timestamp"; entry["sum"] = Sum(c, v => (v.Ticks - DateTime.UnixEpoch.Ticks) / 1e7); break;
                default:
                    entry["kind"] = "string";
                    var s = (StringColumn)column;
                    // Value by value, so the digest adds no whole-column string to the process's peak memory.
                    using (var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256))
                    {
                        var bytes = new byte[256];
                        for (var i = 0; i < s.Length; i++)
                        {
                            if (i > 0) hash.AppendData("\n"u8);
                            if (s.IsNull(i)) { hash.AppendData("\0"u8); continue; }
                            var span = s.GetSpan(i);
                            if (bytes.Length < span.Length * 3) bytes = new byte[span.Length * 3];
                            hash.AppendData(bytes, 0, Encoding.UTF8.GetBytes(span, bytes));
                        }
                        entry["hash"] = Convert.ToHexStringLower(hash.GetHashAndReset())[..16];
                    }
                    break;
            }
            columns[column.Name.ToLowerInvariant()] = entry;
        }
        return new Dictionary<string, object> { ["rows"] = dataset.RowCount, ["columns"] = columns };
    }

    private static double Sum<T>(PrimitiveColumn<T> column, Func<T, double> value) where T : struct
    {
        var sum = 0.0;
        var values = column.Values;
        for (var i = 0; i < values.Length; i++) if (!column.IsNull(i)) sum += value(values[i]);
        return sum;
    }
}

using System.Security.Cryptography;
using System.Text;
using DataCenterTools.Core.Data;

namespace DataCenterTools.Core.Privacy;

/// <summary>The SHA-256 the audit log records for a dataset.</summary>
public static class DatasetDigest
{
    /// <summary>
    /// The SHA-256 (hex) of the file the dataset was read from, when it came from a file; else of its
    /// content: column names, then each row's cells as canonical text, separated by unit and record
    /// separators, missing cells marked apart from empty text.
    /// </summary>
    public static string Sha256(Dataset dataset)
    {
        if (dataset.Source is { Sha256: { Length: > 0 } fileHash }) return fileHash.ToLowerInvariant();
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        Append(hash, string.Join('\u001f', dataset.Schema.Select(s => s.Name)));
        for (var row = 0; row < dataset.RowCount; row++)
        {
            Append(hash, "\u001e");
            foreach (var column in dataset.Columns)
            {
                Append(hash, ColumnCells.Text(column, row) ?? "\u0000");
                Append(hash, "\u001f");
            }
        }
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    private static void Append(IncrementalHash hash, string text) => hash.AppendData(Encoding.UTF8.GetBytes(text));
}

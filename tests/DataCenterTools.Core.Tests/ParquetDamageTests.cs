using System.Buffers.Binary;
using DataCenterTools.Core.Data;

namespace DataCenterTools.Core.Tests;

/// <summary>
/// Issue 13: damaged, truncated and hostile Parquet files are DataCenterTools.* errors naming the file and saying
/// what to do, never a Thrift exception, an OutOfMemoryException, an overflow or a native crash. Each case starts
/// from a valid file written by our writer and damages it the way a bad copy or an attacker would.
/// </summary>
public class ParquetDamageTests
{
    private const int Rows = 5;

    private static byte[] ValidFile(TempFolder dir)
    {
        var path = dir.File("valid.parquet");
        var ds = new Dataset("v", [new Int64Column("a", [1, 2, 3, 4, 5]), new StringColumn("b", ["x", "y", null, "x", "z"])]);
        ParquetDatasetWriter.Write(ds, path, new WriteOptions { Compression = ParquetCompression.None });
        return File.ReadAllBytes(path);
    }

    private static DataException ReadFails(TempFolder dir, byte[] bytes, string expectedId = "DataCenterTools.ParquetInvalid")
    {
        var path = dir.Bytes("damaged.parquet", bytes);
        var e = Assert.Throws<DataException>(() => ParquetDatasetReader.Read(path, new ReadOptions()));
        Assert.Equal(expectedId, e.ErrorId);
        Assert.Equal(path, e.File);
        Assert.Contains(path, e.Message);
        Assert.False(string.IsNullOrEmpty(e.Recommendation));
        return e;
    }

    private static int FooterLength(byte[] file) => BinaryPrimitives.ReadInt32LittleEndian(file.AsSpan(file.Length - 8));

    /// <summary>Replaces the footer's bytes [at, at+length) with <paramref name="replacement"/> and fixes the footer length.</summary>
    private static byte[] PatchFooter(byte[] file, int at, int length, byte[] replacement)
    {
        var patched = new List<byte>(file.AsSpan(0, at).ToArray());
        patched.AddRange(replacement);
        patched.AddRange(file.AsSpan(at + length, file.Length - 8 - at - length).ToArray());
        var footer = FooterLength(file) - length + replacement.Length;
        var tail = new byte[8];
        BinaryPrimitives.WriteInt32LittleEndian(tail, footer);
        "PAR1"u8.CopyTo(tail.AsSpan(4));
        patched.AddRange(tail);
        return patched.ToArray();
    }

    private static byte[] Varint(ulong value)
    {
        var bytes = new List<byte>();
        while (value >= 0x80) { bytes.Add((byte)(value | 0x80)); value >>= 7; }
        bytes.Add((byte)value);
        return bytes.ToArray();
    }

    private static ulong ZigZag(long v) => (ulong)((v << 1) ^ (v >> 63));

    /// <summary>
    /// Where the file-level num_rows sits in the Thrift footer: FileMetaData field 3 (i64) follows field 2
    /// (the schema list), so its compact-protocol header is 0x16 and the first one in the footer is it.
    /// </summary>
    private static int FileRowCountAt(byte[] file)
    {
        var start = file.Length - 8 - FooterLength(file);
        var rows = Varint(ZigZag(Rows));
        for (var i = start; i < file.Length - 8; i++)
            if (file[i] == 0x16 && file.AsSpan(i + 1, rows.Length).SequenceEqual(rows)) return i + 1;
        throw new InvalidOperationException("num_rows not found in the footer");
    }

    [Theory]
    [InlineData(0.5)]
    [InlineData(0.9)]
    public void Truncated_file_is_ParquetInvalid(double keep)
    {
        using var dir = new TempFolder();
        var bytes = ValidFile(dir);
        var e = ReadFails(dir, bytes.AsSpan(0, (int)(bytes.Length * keep)).ToArray());
        Assert.Contains("truncated", e.Message);
    }

    [Fact]
    public void File_shorter_than_a_footer_is_ParquetInvalid()
    {
        using var dir = new TempFolder();
        ReadFails(dir, "PAR1PAR1"u8.ToArray());
    }

    [Fact]
    public void Footer_length_larger_than_the_file_is_ParquetInvalid()
    {
        using var dir = new TempFolder();
        var bytes = ValidFile(dir);
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(bytes.Length - 8), int.MaxValue);
        var e = ReadFails(dir, bytes);
        Assert.Contains("footer claims 2,147,483,647 bytes", e.Message);
    }

    [Fact]
    public void Wrong_magic_at_either_end_is_ParquetInvalid()
    {
        using var dir = new TempFolder();
        var bytes = ValidFile(dir);
        var head = (byte[])bytes.Clone();
        "PAR2"u8.CopyTo(head);
        Assert.Contains("does not start with the Parquet magic", ReadFails(dir, head).Message);
        var tail = (byte[])bytes.Clone();
        "PARE"u8.CopyTo(tail.AsSpan(tail.Length - 4));
        Assert.Contains("does not end with the Parquet magic", ReadFails(dir, tail).Message);
    }

    [Fact]
    public void Garbage_footer_is_ParquetInvalid_not_a_Thrift_error()
    {
        using var dir = new TempFolder();
        var bytes = ValidFile(dir);
        var start = bytes.Length - 8 - FooterLength(bytes);
        for (var i = start; i < bytes.Length - 8; i++) bytes[i] = 0xFF;
        ReadFails(dir, bytes);
    }

    [Fact]
    public void Row_count_beyond_a_Dataset_is_DatasetTooLarge()
    {
        using var dir = new TempFolder();
        var bytes = ValidFile(dir);
        var at = FileRowCountAt(bytes);
        var patched = PatchFooter(bytes, at, 1, Varint(ZigZag(1_000_000_000_000_000)));
        var path = dir.Bytes("shape.parquet", patched);
        Assert.Equal(1_000_000_000_000_000, ParquetDatasetReader.ReadShape(path).Rows); // the patch hit num_rows
        ReadFails(dir, patched, "DataCenterTools.DatasetTooLarge");
    }

    [Fact]
    public void Absurd_row_count_in_a_tiny_file_allocates_nothing_and_is_ParquetInvalid()
    {
        using var dir = new TempFolder();
        var bytes = ValidFile(dir);
        // Under -MaxCells: the read starts, arrays grow only as values arrive, and the shortfall is the error.
        var e = ReadFails(dir, PatchFooter(bytes, FileRowCountAt(bytes), 1, Varint(ZigZag(100_000_000))));
        Assert.Contains("declares 100,000,000 rows but its row groups hold 5", e.Message);
        // Over it: refused before anything is read, with the limit to raise.
        var cells = ReadFails(dir, PatchFooter(bytes, FileRowCountAt(bytes), 1, Varint(ZigZag(2_000_000_000))), "DataCenterTools.TooManyCells");
        Assert.Contains("MaxCells", cells.Recommendation);
    }

    [Fact]
    public void Negative_row_count_is_ParquetInvalid()
    {
        using var dir = new TempFolder();
        var bytes = ValidFile(dir);
        ReadFails(dir, PatchFooter(bytes, FileRowCountAt(bytes), 1, Varint(ZigZag(-7))));
    }

    [Fact]
    public void Absurd_column_count_is_ParquetInvalid()
    {
        using var dir = new TempFolder();
        var bytes = ValidFile(dir);
        // The root schema element: name "schema" (field 4), then num_children (field 5, i32: header 0x15) = 2.
        var name = "schema"u8.ToArray();
        var start = bytes.Length - 8 - FooterLength(bytes);
        var at = -1;
        for (var i = start; i < bytes.Length - 8 - name.Length; i++)
            if (bytes.AsSpan(i, name.Length).SequenceEqual(name) && bytes[i + name.Length] == 0x15) { at = i + name.Length + 1; break; }
        Assert.True(at > 0, "root schema element not found");
        Assert.Equal(ZigZag(2), bytes[at]);
        ReadFails(dir, PatchFooter(bytes, at, 1, Varint(ZigZag(int.MaxValue))));
    }

    [Fact]
    public void Flipped_byte_in_a_data_page_is_ParquetInvalid_not_wrong_values()
    {
        using var dir = new TempFolder();
        var bytes = ValidFile(dir);
        // Uncompressed pages: the Int64 value 3 (little-endian) sits in the first data page; make it 7.
        var three = new byte[8];
        BinaryPrimitives.WriteInt64LittleEndian(three, 3);
        var at = bytes.AsSpan().IndexOf(three);
        Assert.True(at > 0);
        bytes[at] = 7;
        ReadFails(dir, bytes);
    }

    [Fact]
    public void Flipped_byte_deep_inside_a_large_compressed_page_is_ParquetInvalid()
    {
        using var dir = new TempFolder();
        var path = dir.File("large.parquet");
        var ds = new Dataset("l", [new StringColumn("t", [ParquetTests.IncompressibleText(4_000_000, 7), "x"]), new Int64Column("n", [1, 2])]);
        ParquetDatasetWriter.Write(ds, path, new WriteOptions());
        var bytes = File.ReadAllBytes(path);
        // Two thirds in (about 2.2 MB of 3.3 MB): past the first buffer the reader reads the column chunk through, inside the zstd page.
        Assert.True(bytes.Length > 3_000_000);
        bytes[bytes.Length * 2 / 3] ^= 0x10;
        ReadFails(dir, bytes);
    }
}

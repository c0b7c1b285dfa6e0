using DataCenterTools.Core.Data;
using DataCenterTools.Core.Management;

namespace DataCenterTools.Core.Tests;

public class DatasetVersionTests
{
    private static Dataset Sample(int rows, double shift = 0)
    {
        var ids = new long[rows];
        var watts = new double[rows];
        var ok = new bool[rows];
        var times = new DateTime[rows];
        var hosts = new string?[rows];
        var valid = new bool[rows];
        for (var i = 0; i < rows; i++)
        {
            ids[i] = i;
            watts[i] = 100 + i * 0.25 + shift;
            ok[i] = i % 3 != 0;
            times[i] = new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc).AddSeconds(i * 7.5);
            hosts[i] = i % 11 == 0 ? null : $"node{i % 17:D2}";
            valid[i] = i % 13 != 0;
        }
        return new Dataset("telemetry", [
            new Int64Column("id", ids),
            new DoubleColumn("watts", watts, ValidityBitmap.FromFlags(valid)),
            new BooleanColumn("ok", ok),
            new DateTimeColumn("time", times),
            new StringColumn("host", hosts),
        ]);
    }

    private static void AssertSameCells(Dataset expected, Dataset actual)
    {
        Assert.Equal(expected.RowCount, actual.RowCount);
        Assert.Equal(expected.Schema.Select(c => (c.Name, c.Type)), actual.Schema.Select(c => (c.Name, c.Type)));
        for (var c = 0; c < expected.ColumnCount; c++)
            for (var r = 0; r < expected.RowCount; r++)
            {
                Assert.Equal(expected[c].GetValue(r), actual[c].GetValue(r));
                if (expected[c].GetValue(r) is DateTime t) Assert.Equal(t.Kind, ((DateTime)actual[c].GetValue(r)!).Kind);
            }
    }

    [Fact]
    public void A_saved_version_reads_back_exactly_and_an_unchanged_save_stores_no_new_chunks()
    {
        using var temp = new TempFolder();
        var store = new DatasetVersionStore(temp.Path);
        var ds = Sample(5000);
        var v1 = store.Save(ds, "telemetry", "first");
        Assert.Equal(1, v1.Version);
        Assert.True(v1.NewChunks > 0);
        Assert.Equal(5000, v1.Rows);
        var v2 = store.Save(ds, "telemetry");
        Assert.Equal(2, v2.Version);
        Assert.Equal(0, v2.NewChunks);
        Assert.Equal(0, v2.NewBytes);
        Assert.Equal(v1.File.Sha256, v2.File.Sha256);
        AssertSameCells(ds, store.Load("telemetry", 1));
        var latest = store.Load("telemetry");
        AssertSameCells(ds, latest);
        Assert.Equal("Get-DatasetVersion", latest.Lineage[^1].Operation);
        Assert.Equal(["telemetry"], store.Names());
        Assert.Equal("first", store.Info("telemetry", 1).Message);
    }

    [Fact]
    public void Pruning_keeps_the_newest_versions_and_only_the_chunks_they_need()
    {
        using var temp = new TempFolder();
        var store = new DatasetVersionStore(temp.Path);
        store.Save(Sample(3000), "telemetry");
        store.Save(Sample(3000, shift: 1), "telemetry");
        var v3 = store.Save(Sample(3000, shift: 2), "telemetry");
        store.Save(Sample(10), "other");
        var old = store.VersionsBeyond("telemetry", 1);
        Assert.Equal([1, 2], old.Select(v => v.Version));
        var (chunks, bytes) = store.Remove(old);
        Assert.True(chunks >= 2 && bytes > 0);
        Assert.Equal([3], store.Versions("telemetry").Select(v => v.Version));
        AssertSameCells(Sample(3000, shift: 2), store.Load("telemetry", 3));
        AssertSameCells(Sample(10), store.Load("other"));
        var needed = v3.File.Chunks.Concat(store.Info("other").File.Chunks).Distinct().Count();
        Assert.Equal(needed, store.Chunks.StoredIds().Count());
        var e = Assert.Throws<DataException>(() => store.Load("telemetry", 1));
        Assert.Equal("DataCenterTools.VersionNotFound", e.ErrorId);
        e = Assert.Throws<DataException>(() => store.Load("nosuch"));
        Assert.Equal("DataCenterTools.VersionNameNotFound", e.ErrorId);
    }

    [Fact]
    public void A_damaged_chunk_stops_the_load_with_ChunkCorrupt()
    {
        using var temp = new TempFolder();
        var store = new DatasetVersionStore(temp.Path);
        var v = store.Save(Sample(2000), "telemetry");
        var path = store.Chunks.PathOf(v.File.Chunks[0]);
        File.WriteAllBytes(path, File.ReadAllBytes(path).Select((b, i) => i == 20 ? (byte)(b ^ 0x40) : b).ToArray());
        var e = Assert.Throws<DataException>(() => store.Load("telemetry"));
        Assert.Equal("DataCenterTools.ChunkCorrupt", e.ErrorId);
        Assert.Contains(v.File.Chunks[0], e.Message);
    }

    [Fact]
    public void Comparison_reports_schema_changes_nulls_means_and_changed_cells()
    {
        // Hand-worked: a = [1,2,3] -> [1,5,3,] mean 2 -> 3, one changed cell; b removed; c added; d Int64 -> String.
        var reference = new Dataset("r", [
            TestColumns.Longs("a", 1, 2, 3),
            new StringColumn("b", ["x", "y", "x"]),
            TestColumns.Longs("d", 7, 8, 9),
        ]);
        var difference = new Dataset("d", [
            TestColumns.Longs("a", 1, 5, 3),
            TestColumns.Doubles("c", 0.5, null, 1.5),
            new StringColumn("d", ["7", "8", "9"]),
        ]);
        var cmp = DatasetVersionComparison.Compare(reference, difference, "v1", "v2").ToDictionary(c => c.Column);
        Assert.Equal(["a", "b", "d", "c"], cmp.Keys);
        Assert.Equal("Changed", cmp["a"].Change);
        Assert.Equal(1, cmp["a"].ChangedCells);
        Assert.Equal(2.0, cmp["a"].ReferenceMean);
        Assert.Equal(3.0, cmp["a"].DifferenceMean);
        Assert.Equal(3, cmp["a"].DifferenceDistinct);
        Assert.Equal("Removed", cmp["b"].Change);
        Assert.Equal(2, cmp["b"].ReferenceDistinct);
        Assert.Equal("Added", cmp["c"].Change);
        Assert.Equal(1, cmp["c"].DifferenceNulls);
        Assert.Equal(1.0, cmp["c"].DifferenceMean);
        Assert.Equal("Retyped", cmp["d"].Change);
        Assert.Null(cmp["d"].ChangedCells);
        Assert.Equal(ColumnType.String, cmp["d"].DifferenceType);
        // Rows that do not align: no cell counts, and a column is Changed when its statistics differ.
        var longer = new Dataset("l", [TestColumns.Longs("a", 1, 2, 3, 4)]);
        var a = DatasetVersionComparison.Compare(reference, longer, "v1", "v2")[0];
        Assert.Null(a.ChangedCells);
        Assert.Equal("Changed", a.Change);
        Assert.Equal(4, a.DifferenceRows);
    }
}

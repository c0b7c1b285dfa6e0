namespace DataCenterTools.Core.Data;

/// <summary>
/// Writes a Dataset as a Hive-style partitioned Parquet folder, <c>&lt;folder&gt;/region=cn-east/day=2026-11-01/part-0.parquet</c>,
/// which Spark, Trino, DuckDB (<c>read_parquet('folder/**/*.parquet', hive_partitioning=true)</c>) and polars read as one
/// table. The plan (<see cref="PartitionPlan"/>) checks every value first; the files are then written into a temp folder
/// beside the target, which is renamed into place only when all are written (<see cref="AtomicFolder"/>), so a failure
/// or a stop leaves neither a partial folder nor a temp one.
/// </summary>
public static class PartitionedDatasetWriter
{
    /// <summary>The file each partition folder holds.</summary>
    public const string FileName = "part-0.parquet";

    /// <summary>Writes the plan's partitions to <paramref name="folder"/>; returns the files written, relative to it.</summary>
    public static IReadOnlyList<string> Write(PartitionPlan plan, string folder, WriteOptions options)
    {
        ArgumentNullException.ThrowIfNull(plan);
        if (options.Format is not (DataFormat.Auto or DataFormat.Parquet))
            throw new DataException("FormatNotSupported", DataErrorKind.InvalidArgument,
                $"{{option:PartitionBy}} writes Parquet; {{option:Format}} {options.Format} cannot be partitioned.", "Drop {option:Format} (or give {option:Format} Parquet), or export without {option:PartitionBy}.", folder);
        var full = Path.GetFullPath(folder);
        return IoFailure.Write(full, () =>
        {
            using var staging = AtomicFolder.Create(full, options.Overwrite);
            var total = plan.Dataset.RowCount;
            long before = 0;
            var files = new List<string>(plan.Partitions.Count);
            foreach (var partition in plan.Partitions)
            {
                options.Cancellation.ThrowIfCancellationRequested();
                var into = Path.Combine(staging.TempPath, partition.Folder);
                Directory.CreateDirectory(into);
                var done = before;
                var fileOptions = options with
                {
                    Overwrite = false,
                    Progress = options.Progress == null ? null : (rows, _) => options.Progress(done + rows, total),
                };
                ParquetDatasetWriter.Write(plan.Slice(partition), Path.Combine(into, FileName), fileOptions);
                before += partition.Rows.Length;
                files.Add(partition.Folder + "/" + FileName);
            }
            options.Cancellation.ThrowIfCancellationRequested();
            staging.Commit();
            return (IReadOnlyList<string>)files;
        });
    }
}

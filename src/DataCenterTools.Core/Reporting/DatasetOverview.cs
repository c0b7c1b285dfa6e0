using DataCenterTools.Core.Cleaning;
using DataCenterTools.Core.Data;

namespace DataCenterTools.Core.Reporting;

/// <summary>The size and completeness of a Dataset: what the report's overview shows.</summary>
public sealed record DatasetOverview(int Rows, int Columns, long EstimatedBytes, long MissingCells, int DuplicateRows)
{
    public double MissingCellsPercent => Rows == 0 || Columns == 0 ? 0 : 100.0 * MissingCells / ((long)Rows * Columns);

    public static DatasetOverview Of(Dataset dataset)
    {
        var missing = dataset.Columns.Sum(c => (long)c.NullCount);
        // A duplicate is a row equal in every column to an earlier one (pandas' DataFrame.duplicated().sum()).
        var seen = new HashSet<int>(new RowKeyComparer(dataset.Columns, dataset.RowCount));
        var duplicates = 0;
        for (var row = 0; row < dataset.RowCount; row++) if (!seen.Add(row)) duplicates++;
        return new DatasetOverview(dataset.RowCount, dataset.ColumnCount, dataset.EstimatedBytes, missing, duplicates);
    }
}

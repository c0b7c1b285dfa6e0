using System.Globalization;
using DataCenterTools.Core.Data;

namespace DataCenterTools.Core.Query;

/// <summary>
/// Merge-Dataset: the rows of several Datasets one after another (<see cref="DatasetAppend"/>, shared with the
/// import of a partitioned folder), with one lineage step naming the parts.
/// </summary>
public static class DatasetConcat
{
    public static Dataset Concat(IReadOnlyList<Dataset> datasets, bool allowMissingColumns)
    {
        if (datasets.Count == 0) throw new DataException("InvalidArgument", DataErrorKind.InvalidArgument, "There is no Dataset to merge.", "Pipe two or more Datasets in.");
        if (datasets.Count == 1) return datasets[0].WithLineage(Step(datasets));
        var columns = DatasetAppend.Columns(datasets, allowMissingColumns);
        return new Dataset(datasets[0].Name, columns, null, datasets[0].Lineage.Append(Step(datasets)));
    }

    private static LineageEntry Step(IReadOnlyList<Dataset> datasets) => new("Merge-Dataset", new Dictionary<string, string>
    {
        ["Datasets"] = string.Join(",", datasets.Select(d => d.Name)),
        ["Rows"] = string.Join(",", datasets.Select(d => d.RowCount.ToString(CultureInfo.InvariantCulture))),
    });
}

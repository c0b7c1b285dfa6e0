using System.Management.Automation;
using DataCenterTools.Core.Data;

namespace DataCenterTools.Infrastructure;

/// <summary>A Dataset row as the PSObject users see: one note property per column, typed values, $null for missing.</summary>
internal static class RowObjects
{
    public static PSObject Create(IReadOnlyList<Column> columns, int row)
    {
        var o = new PSObject();
        foreach (var c in columns) o.Properties.Add(new PSNoteProperty(c.Name, c.GetValue(row)));
        return o;
    }
}

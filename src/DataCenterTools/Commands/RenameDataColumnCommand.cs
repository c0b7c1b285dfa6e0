using System.Collections;
using System.Management.Automation;
using DataCenterTools.Core.Data;
using DataCenterTools.Core.Query;
using DataCenterTools.Infrastructure;

namespace DataCenterTools.Commands;

/// <summary>Renames columns of a Dataset: -NewName @{ old = 'new' }; storage is shared.</summary>
[Cmdlet(VerbsCommon.Rename, "DataColumn")]
[OutputType(typeof(Dataset))]
public sealed class RenameDataColumnCommand : DataCmdlet
{
    [Parameter(Mandatory = true, ValueFromPipeline = true)]
    public Dataset Dataset { get; set; } = null!;

    [Parameter(Mandatory = true, Position = 0)]
    [ValidateNotNullOrEmpty]
    public IDictionary NewName { get; set; } = null!;

    protected override void ProcessRecord()
    {
        TryRun(() =>
        {
            var map = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            foreach (DictionaryEntry entry in NewName) map[entry.Key.ToString()!] = LanguagePrimitives.ConvertTo<string>(entry.Value);
            var result = ColumnSelection.Rename(Dataset, map);
            WriteVerbose($"Renamed {string.Join(", ", map.Select(p => $"'{p.Key}' to '{p.Value}'"))} in '{Dataset.Name}'.");
            WriteObject(result);
        }, Dataset);
    }
}

using System.Management.Automation;
using DataCenterTools.Core.Data;
using DataCenterTools.Core.Privacy;
using DataCenterTools.Infrastructure;

namespace DataCenterTools.Commands;

/// <summary>Reverses Tokenize and Encrypt with the key: from the Dataset's lineage, or the columns named by -Tokenize / -Decrypt.</summary>
[Cmdlet(VerbsSecurity.Unprotect, "Dataset")]
[OutputType(typeof(Dataset))]
public sealed class UnprotectDatasetCommand : DataProtectionCmdlet
{
    /// <summary>Restore only these of the columns lineage names.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string[]? Column { get; set; }

    /// <summary>Columns tokenized with FF1 (for a dataset without lineage, e.g. re-imported from CSV).</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string[]? Tokenize { get; set; }

    /// <summary>Columns encrypted per cell (either mode) (for a dataset without lineage).</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string[]? Decrypt { get; set; }

    protected override void ProcessRecord()
    {
        var started = Elapsed;
        var columns = ColumnsToRestore();
        if (columns.Count == 0)
        {
            WriteWarning($"'{Dataset.Name}' has no tokenized or encrypted column in its lineage; give -Tokenize or -Decrypt to name them (a file re-imported from CSV has no lineage).");
            WriteObject(Dataset);
            return;
        }
        if (KeyPath == null && Passphrase == null)
            ThrowDataError(new DataException("KeyRequired", DataErrorKind.InvalidArgument,
                $"Unprotecting {string.Join(", ", columns.Select(c => c.Column))} needs the key.",
                "Give -KeyPath <key file> or -Passphrase (and -KeyName if one was used) that the data was protected with."));
        try
        {
            using var key = ResolveKey(columns.Select(c => c.KeyName).FirstOrDefault(n => n != null))!;
            var result = DatasetUnprotector.Unprotect(Dataset, columns, key);
            Audit(ProtectionLineage.UnprotectOperation, Dataset, columns.Select(c => c.Column), key.KeyId);
            WriteVerbose($"Restored {string.Join(", ", columns.Select(c => $"{c.Column} ({c.Operator})"))} of '{Dataset.Name}' ({Dataset.RowCount:N0} rows) with key {key.KeyId} in {(Elapsed - started).TotalSeconds:0.000} s.");
            WriteObject(result);
        }
        catch (DataException e)
        {
            WriteDataError(e, e.ColumnName ?? (object)Dataset.Name);
        }
    }

    private List<ReversibleColumn> ColumnsToRestore()
    {
        if (Tokenize != null || Decrypt != null)
        {
            var tweak = TweakBytes();
            return (Tokenize ?? []).Select(c => new ReversibleColumn(c, ProtectionOperator.Tokenize, null, null, Alphabet, tweak, null))
                .Concat((Decrypt ?? []).Select(c => new ReversibleColumn(c, ProtectionOperator.Encrypt, null, null, null, [], null)))
                .ToList();
        }
        var fromLineage = ProtectionLineage.ReversibleColumns(Dataset);
        if (Column == null) return fromLineage.ToList();
        foreach (var name in Column.Where(n => fromLineage.All(c => c.Column != n)))
            WriteWarning($"Column '{name}' is not tokenized or encrypted according to the lineage of '{Dataset.Name}'; it is left as it is.");
        return fromLineage.Where(c => Column.Contains(c.Column)).ToList();
    }
}

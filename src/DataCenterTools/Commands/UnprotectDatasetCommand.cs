using System.Management.Automation;
using DataCenterTools.Core.Data;
using DataCenterTools.Core.Privacy;
using DataCenterTools.Core.Security;
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

    /// <summary>A recipient private key file: restores the columns whose data key was wrapped for it.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? PrivateKeyPath { get; set; }

    /// <summary>The column key envelope Protect-Dataset -EnvelopePath wrote (when the dataset has no lineage).</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? EnvelopePath { get; set; }

    protected override void ProcessRecord()
    {
        var started = Elapsed;
        ColumnKeyEnvelope? envelope;
        try
        {
            envelope = EnvelopePath != null ? ColumnKeyEnvelope.Load(ResolveOutputPath(EnvelopePath)) : ProtectionLineage.EnvelopeOf(Dataset);
        }
        catch (DataException e)
        {
            WriteDataError(e, EnvelopePath);
            return;
        }
        if (envelope != null)
        {
            UnprotectWithEnvelope(envelope, started);
            return;
        }
        if (PrivateKeyPath != null)
            ThrowDataError(new DataException("EnvelopeNotFound", DataErrorKind.ObjectNotFound,
                $"'{Dataset.Name}' carries no column key envelope, so -PrivateKeyPath has nothing to unwrap.",
                "Give -EnvelopePath <the file Protect-Dataset -EnvelopePath wrote>, or use -KeyPath / -Passphrase."));
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

    // Each column with its own data key, unwrapped with the private key or the key file; the others stay protected.
    private void UnprotectWithEnvelope(ColumnKeyEnvelope envelope, TimeSpan started)
    {
        if (PrivateKeyPath == null && KeyPath == null && Passphrase == null)
            ThrowDataError(new DataException("KeyRequired", DataErrorKind.InvalidArgument,
                $"Unprotecting {string.Join(", ", envelope.Columns.Select(c => c.Column))} needs a key.",
                "Give -PrivateKeyPath <your recipient private key>, or -KeyPath with the key file the data was protected with."));
        var unlocked = new List<(ReversibleColumn, DataProtectionKey)>();
        try
        {
            using var recipient = PrivateKeyPath == null ? null : RecipientPrivateKey.Load(ResolveOutputPath(PrivateKeyPath));
            using var key = ResolveKey();
            var locked = new List<string>();
            foreach (var column in envelope.Columns.Where(c => Column == null || Column.Contains(c.Column)))
            {
                if (ColumnKeyEnvelope.Unwrap(column, recipient, key) is { } columnKey) unlocked.Add((ColumnKeyEnvelope.ToReversible(column), columnKey));
                else locked.Add(column.Column);
            }
            var holder = recipient != null ? $"recipient key {recipient.KeyId}" : $"key {key!.KeyId}";
            if (locked.Count > 0)
                WriteWarning($"{string.Join(", ", locked)} stay{(locked.Count == 1 ? "s" : "")} protected: {(locked.Count == 1 ? "its" : "their")} data key{(locked.Count == 1 ? " was" : "s were")} not wrapped for {holder}.");
            if (unlocked.Count == 0)
            {
                WriteObject(Dataset);
                return;
            }
            var result = DatasetUnprotector.Unprotect(Dataset, unlocked);
            Audit(ProtectionLineage.UnprotectOperation, Dataset, unlocked.Select(u => u.Item1.Column), recipient?.KeyId ?? key!.KeyId);
            WriteVerbose($"Restored {string.Join(", ", unlocked.Select(u => u.Item1.Column))} of '{Dataset.Name}' with {holder} in {(Elapsed - started).TotalSeconds:0.000} s.");
            WriteObject(result);
        }
        catch (DataException e)
        {
            WriteDataError(e, e.ColumnName ?? (object)Dataset.Name);
        }
        finally
        {
            foreach (var (_, columnKey) in unlocked) columnKey.Dispose();
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

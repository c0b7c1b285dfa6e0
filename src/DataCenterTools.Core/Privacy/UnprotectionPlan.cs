using DataCenterTools.Core.Data;
using DataCenterTools.Core.Security;

namespace DataCenterTools.Core.Privacy;

/// <summary>What Unprotect-Dataset is asked to restore, as its parameters give it.</summary>
public sealed record UnprotectRequest
{
    /// <summary>Restore only these of the recorded columns (-Column).</summary>
    public IReadOnlyList<string>? Columns { get; init; }
    /// <summary>Columns named as tokenized or encrypted, for data without lineage (-Tokenize, -Decrypt).</summary>
    public IReadOnlyList<string> Tokenize { get; init; } = [];
    public IReadOnlyList<string> Decrypt { get; init; } = [];
    /// <summary>With <see cref="Tokenize"/>: the FF1 tweak and alphabet used.</summary>
    public byte[] Tweak { get; init; } = [];
    public string? Alphabet { get; init; }
    /// <summary>The envelope Protect-Dataset -EnvelopePath wrote (loaded), or null to use lineage.</summary>
    public ColumnKeyEnvelope? Envelope { get; init; }
    public bool HasKey { get; init; }
    public bool HasPrivateKey { get; init; }
    /// <summary>Restore tokens even where the key cannot be checked (a wrong key then gives wrong values unnoticed).</summary>
    public bool Force { get; init; }
}

/// <summary>What restoring did: the dataset (the input itself when nothing could be restored), the columns restored, messages.</summary>
public sealed record UnprotectionOutcome(Dataset Dataset, IReadOnlyList<string> Restored, IReadOnlyList<string> Notes, IReadOnlyList<string> Warnings);

/// <summary>
/// Which columns Unprotect-Dataset restores and with what: from the envelope file, the columns named, or lineage
/// (in that order). Every check that can be made before a key is derived is made in <see cref="Build"/>: a key for
/// every column that needs one, and for tokens (FF1 cannot tell a wrong key) a record of the key they were made
/// with, or -Force. <see cref="Apply"/> unwraps or derives the keys, compares their ids with the recorded ones
/// (DataCenterTools.KeyMismatch), restores every column before returning anything, and appends the audit record.
/// </summary>
public sealed class UnprotectionPlan
{
    private readonly IReadOnlyList<EnvelopeColumn> _columns;

    private UnprotectionPlan(Dataset dataset, UnprotectRequest request, IReadOnlyList<EnvelopeColumn> columns, IReadOnlyList<string> warnings)
    {
        Dataset = dataset;
        Request = request;
        _columns = columns;
        Warnings = warnings;
    }

    public Dataset Dataset { get; }
    public UnprotectRequest Request { get; }
    public IReadOnlyList<string> Columns => _columns.Select(c => c.Column).ToArray();
    public IReadOnlyList<string> Warnings { get; }
    public bool IsEmpty => _columns.Count == 0;

    public static UnprotectionPlan Build(Dataset dataset, UnprotectRequest request)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        ArgumentNullException.ThrowIfNull(request);
        var warnings = new List<string>();
        var named = request.Tokenize.Count + request.Decrypt.Count > 0;
        IReadOnlyList<EnvelopeColumn> columns;
        string source;
        if (request.Envelope != null) (columns, source) = (request.Envelope.Columns, "the envelope");
        else if (named)
        {
            columns = request.Tokenize.Select(c => new ReversibleColumn(c, ProtectionOperator.Tokenize, null, null, request.Alphabet, request.Tweak, null))
                .Concat(request.Decrypt.Select(c => new ReversibleColumn(c, ProtectionOperator.Encrypt, null, null, null, [], null)))
                .Select(ColumnKeyEnvelope.ForKey).ToArray();
            source = "the columns named";
        }
        else (columns, source) = (ProtectionLineage.EnvelopeOf(dataset)?.Columns ?? [], "its lineage");

        var only = request.Columns ?? (request.Envelope != null && named ? request.Tokenize.Concat(request.Decrypt).ToArray() : null);
        if (only != null)
        {
            foreach (var name in only.Where(n => columns.All(c => c.Column != n)))
                warnings.Add($"Column '{name}' is not tokenized or encrypted according to {source}; it is left as it is.");
            columns = columns.Where(c => only.Contains(c.Column)).ToArray();
        }
        if (columns.Count == 0)
        {
            if (request.HasPrivateKey && request.Envelope == null)
                throw new DataException("EnvelopeNotFound", DataErrorKind.ObjectNotFound,
                    $"'{dataset.Name}' carries no column key envelope, so {{option:PrivateKeyPath}} has nothing to unwrap.",
                    "Give {option:EnvelopePath} <the file Protect-Dataset -EnvelopePath wrote>, or use {option:KeyPath} / {option:Passphrase}.");
            warnings.Add($"'{dataset.Name}' has no tokenized or encrypted column in {source}; give {{option:Tokenize}} or {{option:Decrypt}} to name them, or {{option:EnvelopePath}} (a file re-imported from CSV has no lineage).");
            return new UnprotectionPlan(dataset, request, [], warnings);
        }
        foreach (var c in columns) Features.FeatureColumns.Require(dataset, c.Column, $"-{(c.Operator == ProtectionOperator.Tokenize ? "Tokenize" : "Decrypt")}");
        if (request.HasPrivateKey && columns.All(c => c.Keys.Count == 0))
            throw new DataException("EnvelopeNotFound", DataErrorKind.ObjectNotFound,
                $"The columns of '{dataset.Name}' were protected with a key, not for recipients: {{option:PrivateKeyPath}} has nothing to unwrap.",
                "Give {option:KeyPath} or {option:Passphrase} (and {option:KeyName}) the data was protected with.");
        var direct = columns.Where(c => c.Keys.Count == 0).ToArray();
        if (!request.HasKey && (direct.Length > 0 || !request.HasPrivateKey))
            throw new DataException("KeyRequired", DataErrorKind.InvalidArgument,
                $"Unprotecting {string.Join(", ", columns.Select(c => c.Column))} needs the key.",
                request.HasPrivateKey || columns.Any(c => c.Keys.Count > 0)
                    ? "Give {option:PrivateKeyPath} <your recipient private key>, or {option:KeyPath} / {option:Passphrase} the data was protected with."
                    : "Give {option:KeyPath} <key file> or {option:Passphrase} (and {option:KeyName} if one was used) that the data was protected with.");
        var unrecorded = direct.Where(c => c.Operator == ProtectionOperator.Tokenize && c.ColumnKeyId.Length == 0).Select(c => c.Column).ToArray();
        if (unrecorded.Length > 0)
        {
            var what = $"{Quote(unrecorded)} {(unrecorded.Length == 1 ? "has" : "have")} no record of the key {(unrecorded.Length == 1 ? "it was" : "they were")} tokenized with (a file read back has no lineage)";
            if (!request.Force)
                throw new DataException("KeyNotRecorded", DataErrorKind.InvalidArgument,
                    $"{what}: FF1 cannot tell a wrong key, which would give valid-looking wrong values. Nothing was output.",
                    "Give {option:EnvelopePath} with the envelope Protect-Dataset -EnvelopePath wrote beside the data; or {option:Force} to restore without the check.",
                    column: unrecorded[0]);
            warnings.Add($"{what}: restored with {{option:Force}}; a wrong key, tweak or alphabet gives wrong values without an error.");
        }
        return new UnprotectionPlan(dataset, request, columns, warnings);
    }

    /// <summary>Restores the planned columns; nothing is returned unless every one of them was restored.</summary>
    public UnprotectionOutcome Apply(ProtectionCredential credential, DataAuditLog? auditLog)
    {
        ArgumentNullException.ThrowIfNull(credential);
        var notes = new List<string>();
        var warnings = new List<string>();
        if (IsEmpty) return new UnprotectionOutcome(Dataset, [], notes, warnings);
        var unwrapped = new List<DataProtectionKey>();
        try
        {
            var pairs = new List<(ReversibleColumn, DataProtectionKey)>();
            var locked = new List<string>();
            var holders = new SortedSet<string>(StringComparer.Ordinal);
            foreach (var column in _columns)
            {
                var reversible = ColumnKeyEnvelope.ToReversible(column);
                if (column.Keys.Count > 0)
                {
                    // The recipient's private key first; the key file or passphrase only where the data key was wrapped for one.
                    var columnKey = ColumnKeyEnvelope.Unwrap(column, credential.Recipient, null);
                    var holder = credential.Recipient is { } r ? $"recipient key {r.KeyId}" : null;
                    if (columnKey == null && credential.HasKey && column.Keys.Any(w => w.Algorithm == ColumnKeyEnvelope.SymmetricAlgorithm))
                    {
                        var wrapping = credential.ForRestore(column.KeyName, column.KeySalt)!;
                        columnKey = ColumnKeyEnvelope.Unwrap(column, null, wrapping);
                        holder = $"key {wrapping.KeyId}";
                    }
                    if (columnKey == null) { locked.Add(column.Column); continue; }
                    unwrapped.Add(columnKey);
                    pairs.Add((reversible, columnKey));
                    holders.Add(holder!);
                    continue;
                }
                var key = credential.ForRestore(column.KeyName, column.KeySalt);
                if (key!.Passphrase is { Checked: false } && column.Operator == ProtectionOperator.Tokenize)
                {
                    var what = $"The passphrase for key name '{key.Passphrase.KeyName}' cannot be checked on this host (it has no record of that key name with this salt), and FF1 cannot tell a wrong one";
                    if (!Request.Force)
                        throw new DataException("KeyNotChecked", DataErrorKind.InvalidArgument, $"{what}. Nothing was output.",
                            $"Copy {PassphraseKeyRing.FileName} from the host that protected the data into the DataCenterTools home (owner-only); or give {{option:Force}} to restore without the check.",
                            column: column.Column);
                    warnings.Add($"{what}: column '{column.Column}' restored with {{option:Force}}.");
                }
                pairs.Add((reversible, key));
                holders.Add($"key {key.KeyId}");
            }
            if (locked.Count > 0)
                warnings.Add($"{string.Join(", ", locked)} stay{(locked.Count == 1 ? "s" : "")} protected: {(locked.Count == 1 ? "its" : "their")} data key{(locked.Count == 1 ? " was" : "s were")} not wrapped for {(credential.Recipient is { } rk ? $"recipient key {rk.KeyId}" : "the key given")}.");
            if (pairs.Count == 0) return new UnprotectionOutcome(Dataset, [], notes, warnings);
            var restored = DatasetUnprotector.Unprotect(Dataset, pairs);
            var names = pairs.Select(p => p.Item1.Column).ToArray();
            if (auditLog != null)
            {
                auditLog.Append(new DataAuditEntry(ProtectionLineage.UnprotectOperation, Dataset.Source?.Path ?? Dataset.Name, DatasetDigest.Sha256(Dataset),
                    names, credential.Recipient?.KeyId ?? credential.KeyFileKey?.KeyId ?? pairs[0].Item2.KeyId));
                notes.Add($"Audit record appended to {auditLog.Path}.");
            }
            notes.Add($"Restored {string.Join(", ", pairs.Select(p => $"{p.Item1.Column} ({p.Item1.Operator})"))} of '{Dataset.Name}' ({Dataset.RowCount:N0} rows) with {string.Join(" and ", holders)}.");
            return new UnprotectionOutcome(restored, names, notes, warnings);
        }
        finally
        {
            foreach (var key in unwrapped) key.Dispose();
        }
    }

    private static string Quote(IEnumerable<string> columns) => string.Join(", ", columns.Select(c => $"'{c}'"));
}

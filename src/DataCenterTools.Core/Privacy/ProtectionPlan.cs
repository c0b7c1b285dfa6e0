using DataCenterTools.Core.Data;
using DataCenterTools.Core.Security;

namespace DataCenterTools.Core.Privacy;

/// <summary>What Protect-Dataset is asked to do, as its parameters give it.</summary>
public sealed record ProtectionRequest
{
    /// <summary>The columns named per operator, in the order the operators are listed in <see cref="ProtectionOperator"/>.</summary>
    public IReadOnlyList<ProtectionStep> Steps { get; init; } = [];
    /// <summary>Also protect every column Find-SensitiveData flags and that is not named.</summary>
    public bool Auto { get; init; }
    public ProtectionOptions Options { get; init; } = new();
    public KAnonymityRequest? KAnonymity { get; init; }
    public IReadOnlyList<RecipientPublicKey> Recipients { get; init; } = [];
    /// <summary>Whether a key file or passphrase was given (the key itself is only derived once the plan is approved).</summary>
    public bool HasKey { get; init; }
    /// <summary>Where to write the column key envelope (full path), or null.</summary>
    public string? EnvelopePath { get; init; }
    public bool Force { get; init; }

    /// <summary>One step per named column: an operator parameter binds to a list of columns.</summary>
    public static IReadOnlyList<ProtectionStep> StepsFor(IEnumerable<(ProtectionOperator Operator, IReadOnlyList<string>? Columns)> columnsByOperator) =>
        columnsByOperator.SelectMany(p => (p.Columns ?? []).Select(c => new ProtectionStep(c, p.Operator))).ToArray();
}

/// <summary>What applying a plan did, for the cmdlet to report: the result, and messages for -Verbose and warnings.</summary>
public sealed record ProtectionOutcome(ProtectionResult Result, IReadOnlyList<string> Notes, IReadOnlyList<string> Warnings);

/// <summary>
/// A protection plan: the steps (explicit ones, then what -Auto found), the k-anonymity request, and every check
/// that can be made before a key is derived or a cell touched (columns, operator conflicts, a key where one is
/// needed, the envelope path, low-entropy columns to warn about). <see cref="Build"/> makes it, the caller asks
/// for approval of its steps (ShouldProcess), <see cref="Apply"/> protects, writes the envelope and the audit record.
/// Adding an operator means one <see cref="ProtectionOperator"/> value, one case in <see cref="DatasetProtector"/>
/// and one parameter; the plan carries it unchanged.
/// </summary>
public sealed class ProtectionPlan
{
    private ProtectionPlan(Dataset dataset, ProtectionRequest request, IReadOnlyList<ProtectionStep> steps, KAnonymityRequest? kAnonymity,
        IReadOnlyList<string> notes, IReadOnlyList<string> warnings)
    {
        Dataset = dataset;
        Request = request;
        Steps = steps;
        KAnonymity = kAnonymity;
        Notes = notes;
        Warnings = warnings;
    }

    public Dataset Dataset { get; }
    public ProtectionRequest Request { get; }
    public IReadOnlyList<ProtectionStep> Steps { get; }
    public KAnonymityRequest? KAnonymity { get; }
    /// <summary>What the plan found and decided, for -Verbose.</summary>
    public IReadOnlyList<string> Notes { get; }
    /// <summary>What the user should know before the data leaves (low-entropy pseudonyms, quasi-identifiers left as they are).</summary>
    public IReadOnlyList<string> Warnings { get; }
    public bool IsEmpty => Steps.Count == 0 && KAnonymity == null;

    /// <summary>Whether a step needs the key file or passphrase (reversible steps with recipients get data keys of their own).</summary>
    public bool NeedsKey => DatasetProtector.KeyedStep(Steps, Request.Recipients.Count > 0) != null;

    /// <summary>Builds and checks the plan; nothing is derived, written or changed.</summary>
    public static ProtectionPlan Build(Dataset dataset, ProtectionRequest request)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        ArgumentNullException.ThrowIfNull(request);
        var steps = request.Steps.ToList();
        var notes = new List<string>();
        var warnings = new List<string>();
        var kAnonymity = request.KAnonymity;
        if (request.Auto)
        {
            var findings = SensitiveDataScanner.Scan(dataset).Where(f => steps.All(s => s.Column != f.Column)).ToList();
            var quasi = findings.Where(f => f.Kind == SensitiveDataKind.QuasiIdentifier).Select(f => f.Column).ToList();
            var auto = Auto(dataset, findings);
            notes.Add($"{{option:Auto}}: Find-SensitiveData flagged {(auto.Count == 0 ? "no column" : string.Join(", ", auto.Select(a => $"{a.Column} ({a.Kind})")))} in '{dataset.Name}'" +
                      (quasi.Count == 0 ? "." : $", and the quasi-identifiers {string.Join(", ", quasi)}."));
            steps.AddRange(auto);
            if (quasi.Count > 0 && kAnonymity is { QuasiIdentifiers.Count: 0 })
            {
                kAnonymity = kAnonymity with { QuasiIdentifiers = quasi };
                notes.Add($"{{option:Auto}}: k-anonymity over the quasi-identifiers found: {string.Join(", ", quasi)}.");
            }
            else if (quasi.Count > 0 && kAnonymity == null)
                warnings.Add($"{string.Join(", ", quasi)} {(quasi.Count == 1 ? "is a quasi-identifier" : "are quasi-identifiers")}: together they can single people out and are left as they are. " +
                             $"Add {{option:KAnonymity}} 5 (with {{option:Auto}} they are used as {{option:QuasiIdentifier}}) or name them with {{option:QuasiIdentifier}}.");
        }
        if (steps.Count == 0 && kAnonymity == null)
        {
            if (request.Auto)
            {
                warnings.Add($"{{option:Auto}} found no sensitive column in '{dataset.Name}'; it is output unchanged.");
                return new ProtectionPlan(dataset, request, [], null, notes, warnings);
            }
            throw new DataException("NothingToProtect", DataErrorKind.InvalidArgument,
                "No operator was given.", "Give columns to {option:Hash}, {option:Mask}, {option:Redact}, {option:Tokenize}, {option:Encrypt}, {option:Generalize}, {option:Noise} or {option:Drop}, or {option:KAnonymity} with {option:QuasiIdentifier}.");
        }
        if (kAnonymity is { QuasiIdentifiers.Count: 0 })
            throw new DataException("QuasiIdentifierRequired", DataErrorKind.InvalidArgument,
                "{option:KAnonymity} needs {option:QuasiIdentifier}" + (request.Auto ? ", and {option:Auto} found no quasi-identifier." : "."),
                "Give {option:QuasiIdentifier} age,zip,sex (the columns an attacker could link on).");
        DatasetProtector.ValidateSteps(dataset, steps, request.Options);
        if (!request.HasKey && DatasetProtector.KeyedStep(steps, request.Recipients.Count > 0) is { } keyed)
            throw new DataException("KeyRequired", DataErrorKind.InvalidArgument,
                $"{keyed.Operator} (column '{keyed.Column}') needs a key.",
                "Give {option:KeyPath} <key file> (New-DataProtectionKey) or {option:Passphrase} (Read-Host -AsSecureString).", column: keyed.Column);
        if (request.EnvelopePath != null && steps.All(s => !DatasetProtector.IsReversible(s.Operator)) && ProtectionLineage.ReversibleColumns(dataset).Count == 0)
            throw new DataException("NothingToEnvelope", DataErrorKind.InvalidArgument,
                "{option:EnvelopePath} records the key ids (and wrapped data keys) of tokenized and encrypted columns; there are none.",
                "Give {option:Tokenize} or {option:Encrypt} columns, or leave out {option:EnvelopePath}.");
        foreach (var step in steps)
        {
            request.Options.Cancellation.ThrowIfCancellationRequested();
            if (step.Operator == ProtectionOperator.Hash || step.Operator == ProtectionOperator.Tokenize ||
                step.Operator == ProtectionOperator.Encrypt && request.Options.Deterministic)
                if (ColumnDomain.LowEntropyWarning(dataset[step.Column], step.Operator) is { } warning) warnings.Add(warning);
        }
        foreach (var step in steps) notes.Add($"Plan: {step.Operator} column '{step.Column}'{(step.Kind is null ? "" : $" ({step.Kind})")}.");
        return new ProtectionPlan(dataset, request, steps, kAnonymity, notes, warnings);
    }

    /// <summary>The plan with only the approved steps (ShouldProcess per column and for k-anonymity).</summary>
    public ProtectionPlan Approved(Func<ProtectionStep, bool> approveStep, Func<KAnonymityRequest, bool> approveKAnonymity) =>
        new(Dataset, Request, Steps.Where(approveStep).ToArray(), KAnonymity is { } k && approveKAnonymity(k) ? k : null, Notes, Warnings);

    /// <summary>
    /// Protects, writes the envelope (when asked) and appends the audit record; any failure comes before the result
    /// is returned. <paramref name="auditLog"/> null skips the audit record (tests and library callers that keep their own).
    /// </summary>
    public ProtectionOutcome Apply(ProtectionCredential credential, DataAuditLog? auditLog)
    {
        ArgumentNullException.ThrowIfNull(credential);
        var notes = new List<string>();
        var warnings = new List<string>();
        var key = NeedsKey || credential.HasKey ? credential.ForProtect() : null;
        var result = DatasetProtector.Protect(Dataset, Steps, Request.Options, key, null, KAnonymity, Request.Recipients);
        if (result.Envelope is { } wrapped)
            notes.Add($"Column keys of {string.Join(", ", wrapped.Columns.Select(c => c.Column))} wrapped for {string.Join(", ", Request.Recipients.Select(r => $"{r.Algorithm} {r.KeyId}"))}{(key is null ? "" : $" and key {key.KeyId}")}.");
        if (result.KAnonymity is { } k)
        {
            var cost = k.Describe(Dataset.RowCount);
            if (k.RowsSuppressed > 0 || k.Levels.Any(l => l.Level > 0)) warnings.Add(cost);
            else notes.Add(cost);
        }
        if (Request.EnvelopePath != null)
        {
            // Every still-protected column in lineage, so a chain of Protect-Dataset calls writes one complete envelope.
            ProtectionLineage.EnvelopeOf(result.Dataset)!.Save(Request.EnvelopePath, Request.Force);
            notes.Add($"Wrote the column key envelope (key ids{(Request.Recipients.Count > 0 ? " and wrapped data keys" : "")}, no key) to {Request.EnvelopePath}.");
        }
        if (auditLog != null)
        {
            var columns = Steps.Select(s => s.Column).Concat(KAnonymity?.QuasiIdentifiers ?? []).Distinct().ToArray();
            auditLog.Append(new DataAuditEntry(ProtectionLineage.ProtectOperation, Dataset.Source?.Path ?? Dataset.Name, DatasetDigest.Sha256(Dataset, Request.Options.Cancellation), columns, key?.KeyId));
            notes.Add($"Audit record appended to {auditLog.Path}.");
        }
        notes.Add($"Protected {Steps.Count} column(s) of '{Dataset.Name}' ({Dataset.RowCount:N0} rows){(key is null ? "" : $" with key {key.KeyId}")}.");
        return new ProtectionOutcome(result, notes, warnings);
    }

    /// <summary>
    /// The -Auto steps: one operator per column Find-SensitiveData flags, chosen by kind.
    /// E-mail → Hash (joins on the person still work); phone → Mask (last 4 digits stay readable);
    /// card → Tokenize when the cells are all digits (a card stays 16 digits), else Hash;
    /// IBAN, US SSN, Chinese resident ID, MAC → Hash (their separators and letters do not fit an FF1 alphabet
    /// reliably); IPv4/IPv6 → Generalize (to /24, /48); date of birth → Generalize to the year (Redact when
    /// it is text); URL → Redact; any kind found inside free text → Redact the whole cell. Quasi-identifiers get no
    /// operator of their own: they are protected together, by k-anonymity.
    /// </summary>
    public static IReadOnlyList<ProtectionStep> Auto(Dataset dataset, IEnumerable<SensitiveColumnFinding> findings)
    {
        var steps = new List<ProtectionStep>();
        foreach (var finding in findings)
        {
            if (finding.Kind == SensitiveDataKind.QuasiIdentifier) continue;
            var column = dataset[finding.Column];
            var kind = finding.Kind.ToString();
            steps.Add(finding.FreeText
                ? new ProtectionStep(finding.Column, ProtectionOperator.Redact, kind)
                : finding.Kind switch
                {
                    SensitiveDataKind.Email => new ProtectionStep(finding.Column, ProtectionOperator.Hash, kind),
                    SensitiveDataKind.Phone => new ProtectionStep(finding.Column, ProtectionOperator.Mask, kind),
                    SensitiveDataKind.CreditCard => new ProtectionStep(finding.Column,
                        AllDigits(column) ? ProtectionOperator.Tokenize : ProtectionOperator.Hash, kind),
                    SensitiveDataKind.IPv4 or SensitiveDataKind.IPv6 => new ProtectionStep(finding.Column, ProtectionOperator.Generalize, kind),
                    SensitiveDataKind.DateOfBirth when column.Type == ColumnType.DateTime =>
                        new ProtectionStep(finding.Column, ProtectionOperator.Generalize, kind, DatePrecision.Year),
                    SensitiveDataKind.DateOfBirth or SensitiveDataKind.Url => new ProtectionStep(finding.Column, ProtectionOperator.Redact, kind),
                    _ => new ProtectionStep(finding.Column, ProtectionOperator.Hash, kind),
                });
        }
        return steps;
    }

    // FF1 with the digit alphabet fits only when every cell is digits, long enough to tokenize.
    private static bool AllDigits(Column column)
    {
        if (column.Type == ColumnType.Int64) return ColumnCells.FindCells(column, t => t.Length < Ff1Tokenizer.MinimumLength(10), keep: 0).Count == 0;
        return column.Type == ColumnType.String &&
               ColumnCells.FindCells(column, t => t.Length < Ff1Tokenizer.MinimumLength(10) || t.AsSpan().IndexOfAnyExceptInRange('0', '9') >= 0, keep: 0).Count == 0;
    }
}

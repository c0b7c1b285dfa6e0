using System.Management.Automation;
using DataCenterTools.Core.Data;
using DataCenterTools.Core.Privacy;
using DataCenterTools.Core.Security;
using DataCenterTools.Infrastructure;

namespace DataCenterTools.Commands;

/// <summary>Returns a new Dataset with the private columns hashed, masked, tokenized, encrypted, generalized, noised or dropped, and optionally k-anonymous.</summary>
[Cmdlet(VerbsSecurity.Protect, "Dataset", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low)]
[OutputType(typeof(Dataset))]
public sealed class ProtectDatasetCommand : DataProtectionCmdlet
{
    [Parameter] public string[]? Hash { get; set; }
    [Parameter] public string[]? Mask { get; set; }
    [Parameter] public string[]? Redact { get; set; }
    [Parameter] public string[]? Tokenize { get; set; }
    [Parameter] public string[]? Encrypt { get; set; }
    [Parameter] public string[]? Generalize { get; set; }
    [Parameter] public string[]? Noise { get; set; }
    [Parameter] public string[]? Drop { get; set; }

    [Parameter] public SwitchParameter Deterministic { get; set; }

    /// <summary>Scan with Find-SensitiveData and give every flagged column not named explicitly a sensible operator.</summary>
    [Parameter] public SwitchParameter Auto { get; set; }

    [Parameter] public double Epsilon { get; set; } = 1;
    [Parameter] public double Sensitivity { get; set; } = 1;

    [Parameter]
    [ValidateRange(0.000001, double.MaxValue)]
    public double Width { get; set; } = 10;

    [Parameter] public DatePrecision DateTo { get; set; } = DatePrecision.Month;

    [Parameter]
    [ValidateRange(0, int.MaxValue)]
    public int MaskKeep { get; set; } = 4;

    [Parameter] public MaskFrom MaskFrom { get; set; } = MaskFrom.End;
    [Parameter] public char MaskChar { get; set; } = '*';

    [Parameter]
    [ValidateNotNull]
    public string? ReplaceWith { get; set; }

    [Parameter]
    [ValidateRange(1, int.MaxValue)]
    public int KAnonymity { get; set; }

    [Parameter]
    [ValidateNotNullOrEmpty]
    public string[]? QuasiIdentifier { get; set; }

    [Parameter]
    [ValidateRange(0.0, 1.0)]
    public double MaxSuppression { get; set; } = 0.05;

    /// <summary>Public key files (X25519 or RSA) of the roles that may restore the tokenized and encrypted columns.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string[]? Recipient { get; set; }

    /// <summary>Where to write the column key envelope (wrapped data keys) that must travel with the data.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? EnvelopePath { get; set; }

    [Parameter] public SwitchParameter Force { get; set; }

    /// <summary>Kinds of span to replace inside free text (email, phone, ip, id, card, url); the rest of the text is kept.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public RedactSpanKind[]? RedactSpans { get; set; }

    /// <summary>The free-text columns -RedactSpans works on (default: text, else content).</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string[]? TextColumn { get; set; }

    /// <summary>With -RedactSpans: keyed pseudonyms (&lt;EMAIL:token&gt;) instead of placeholders; needs -KeyPath or -Passphrase.</summary>
    [Parameter] public SwitchParameter Pseudonymize { get; set; }

    private RecipientPublicKey[] _recipients = [];

    protected override void BeginProcessing()
    {
        if (EnvelopePath != null && Recipient == null)
            ThrowDataError(new DataException("EnvelopeWithoutRecipient", DataErrorKind.InvalidArgument,
                "-EnvelopePath writes the data keys wrapped for -Recipient; no -Recipient was given.", "Give -Recipient <public key files>, or leave out -EnvelopePath."));
        try
        {
            _recipients = ResolveInputPaths(Recipient, literal: false).Select(RecipientPublicKey.Load).ToArray();
        }
        catch (DataException e) { ThrowDataError(e, e.File); }
        if (Recipient != null && _recipients.Length == 0)
            ThrowDataError(new DataException("RecipientNotFound", DataErrorKind.ObjectNotFound,
                "No -Recipient public key file was found.", "Check the paths of the public key files (New-DataProtectionKey -Recipient writes them)."));
    }

    protected override void ProcessRecord()
    {
        if (RedactSpans != null && !RedactTextSpans()) return;
        var started = Elapsed;
        var steps = ExplicitSteps().ToList();
        if (RedactSpans != null && steps.Count == 0 && KAnonymity == 0 && !Auto) { WriteObject(Dataset); return; }
        if (Auto)
        {
            var findings = SensitiveDataScanner.Scan(Dataset).Where(f => steps.All(s => s.Column != f.Column)).ToList();
            var auto = ProtectionPlan.Auto(Dataset, findings);
            WriteVerbose($"-Auto: Find-SensitiveData flagged {(auto.Count == 0 ? "no column" : string.Join(", ", auto.Select(a => $"{a.Column} ({a.Kind})")))} in '{Dataset.Name}'.");
            steps.AddRange(auto);
        }
        if (steps.Count == 0 && KAnonymity == 0 && Auto)
        {
            WriteWarning($"-Auto found no sensitive column in '{Dataset.Name}'; it is output unchanged.");
            WriteObject(Dataset);
            return;
        }
        if (steps.Count == 0 && KAnonymity == 0)
            ThrowDataError(new DataException("NothingToProtect", DataErrorKind.InvalidArgument,
                "No operator was given.", "Give columns to -Hash, -Mask, -Redact, -Tokenize, -Encrypt, -Generalize, -Noise or -Drop, or -KAnonymity with -QuasiIdentifier."));
        if (KAnonymity > 0 && (QuasiIdentifier == null || QuasiIdentifier.Length == 0))
            ThrowDataError(new DataException("QuasiIdentifierRequired", DataErrorKind.InvalidArgument,
                "-KAnonymity needs -QuasiIdentifier.", "Give -QuasiIdentifier age,zip,sex (the columns an attacker could link on)."));

        foreach (var step in steps) WriteVerbose($"Plan: {step.Operator} column '{step.Column}'{(step.Kind is null ? "" : $" ({step.Kind})")}.");
        steps = steps.Where(s => ShouldProcess($"column '{s.Column}' of '{Dataset.Name}'", s.Kind is null ? s.Operator.ToString() : $"{s.Operator} ({s.Kind})")).ToList();
        var kRequest = KAnonymity > 0 && ShouldProcess($"'{Dataset.Name}'", $"{KAnonymity}-anonymity over {string.Join(", ", QuasiIdentifier!)} (suppressing at most {MaxSuppression:P1} of rows)")
            ? new KAnonymityRequest(KAnonymity, QuasiIdentifier!, MaxSuppression)
            : null;
        if (steps.Count == 0 && kRequest == null) return;
        var envelopePath = EnvelopePath == null ? null : ResolveOutputPath(EnvelopePath);
        if (envelopePath != null && !ConfirmOutputFile(envelopePath, Force, "the column key envelope")) return;

        var options = new ProtectionOptions
        {
            MaskKeep = MaskKeep, MaskFrom = MaskFrom, MaskChar = MaskChar, ReplaceWith = ReplaceWith,
            Tweak = TweakBytes(), Alphabet = Alphabet, Deterministic = Deterministic,
            Width = Width, DateTo = DateTo, Epsilon = Epsilon, Sensitivity = Sensitivity,
        };
        try
        {
            var needsKey = steps.Any(s => DatasetProtector.NeedsKey(s.Operator) && !(_recipients.Length > 0 && DatasetProtector.IsReversible(s.Operator)));
            using var key = needsKey || KeyPath != null || Passphrase != null ? ResolveKey() : null;
            var result = DatasetProtector.Protect(Dataset, steps, options, key, KeyNameForLineage(), kRequest, _recipients);
            if (result.Envelope is { } envelope)
            {
                WriteVerbose($"Column keys of {string.Join(", ", envelope.Columns.Select(c => c.Column))} wrapped for {string.Join(", ", _recipients.Select(r => $"{r.Algorithm} {r.KeyId}"))}{(key is null ? "" : $" and key {key.KeyId}")}.");
                if (envelopePath != null)
                {
                    // Every still-protected column in lineage, so a chain of Protect-Dataset calls writes one complete envelope.
                    ProtectionLineage.EnvelopeOf(result.Dataset)!.Save(envelopePath, Force);
                    WriteVerbose($"Wrote the column key envelope to {envelopePath}.");
                }
            }
            if (result.KAnonymity is { } k)
            {
                var cost = $"{k.AchievedK}-anonymity reached (asked {k.K}): {string.Join(", ", k.Levels.Select(l => $"{l.Column} {l.Description}"))}; {k.RowsSuppressed:N0} of {Dataset.RowCount:N0} row(s) suppressed.";
                if (k.RowsSuppressed > 0 || k.Levels.Any(l => l.Level > 0)) WriteWarning(cost);
                else WriteVerbose(cost);
            }
            var columns = steps.Select(s => s.Column).Concat(kRequest?.QuasiIdentifiers ?? []);
            Audit(ProtectionLineage.ProtectOperation, Dataset, columns, key?.KeyId);
            WriteVerbose($"Protected {steps.Count} column(s) of '{Dataset.Name}' ({Dataset.RowCount:N0} rows){(key is null ? "" : $" with key {key.KeyId}")} in {(Elapsed - started).TotalSeconds:0.000} s.");
            WriteObject(result.Dataset);
        }
        catch (DataProblemsException e)
        {
            foreach (var problem in e.Problems) WriteDataError(problem, problem.ColumnName);
        }
        catch (DataException e)
        {
            WriteDataError(e, e.ColumnName ?? (object)Dataset.Name);
        }
    }

    // Span redaction runs first, so the column operators (and -Auto) see the redacted text. Added minimally here
    // until the protection plan (branch trust-keys) takes it as one more operator.
    private bool RedactTextSpans()
    {
        if (!ShouldProcess($"'{Dataset.Name}'", $"Replace {string.Join(", ", RedactSpans!)} spans in {(TextColumn == null ? "the text column" : string.Join(", ", TextColumn))}")) return false;
        try
        {
            using var key = Pseudonymize ? ResolveKey() : null;
            Dataset = SpanRedaction.Apply(Dataset, TextColumn, RedactSpans!, key, out var spans);
            WriteVerbose($"Replaced {spans:N0} spans ({string.Join(", ", RedactSpans!)}) in '{Dataset.Name}'{(key == null ? " with placeholders" : $" with pseudonyms under key {key.KeyId}")}.");
            return true;
        }
        catch (DataException e)
        {
            WriteDataError(e, e.ColumnName ?? (object)Dataset.Name);
            return false;
        }
    }

    private IEnumerable<ProtectionStep> ExplicitSteps()
    {
        foreach (var (op, columns) in new (ProtectionOperator, string[]?)[]
                 {
                     (ProtectionOperator.Drop, Drop), (ProtectionOperator.Redact, Redact), (ProtectionOperator.Mask, Mask),
                     (ProtectionOperator.Hash, Hash), (ProtectionOperator.Tokenize, Tokenize), (ProtectionOperator.Encrypt, Encrypt),
                     (ProtectionOperator.Generalize, Generalize), (ProtectionOperator.Noise, Noise),
                 })
            foreach (var column in columns ?? [])
                yield return new ProtectionStep(column, op);
    }
}

using System.Collections;
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
    [Parameter, ArgumentCompleter(typeof(ColumnNameCompleter))] public string[]? Hash { get; set; }
    [Parameter, ArgumentCompleter(typeof(ColumnNameCompleter))] public string[]? Mask { get; set; }
    [Parameter, ArgumentCompleter(typeof(ColumnNameCompleter))] public string[]? Redact { get; set; }
    [Parameter, ArgumentCompleter(typeof(ColumnNameCompleter))] public string[]? Tokenize { get; set; }
    [Parameter, ArgumentCompleter(typeof(ColumnNameCompleter))] public string[]? Encrypt { get; set; }
    [Parameter, ArgumentCompleter(typeof(ColumnNameCompleter))] public string[]? Generalize { get; set; }
    [Parameter, ArgumentCompleter(typeof(ColumnNameCompleter))] public string[]? Noise { get; set; }
    [Parameter, ArgumentCompleter(typeof(ColumnNameCompleter))] public string[]? Drop { get; set; }
    [Parameter] public SwitchParameter Deterministic { get; set; }
    [Parameter] public SwitchParameter Auto { get; set; }
    [Parameter] public double Epsilon { get; set; } = 1;
    [Parameter] public double Sensitivity { get; set; } = 1;
    [Parameter, ValidateRange(0.000001, double.MaxValue)] public double Width { get; set; } = 10;
    [Parameter] public DatePrecision DateTo { get; set; } = DatePrecision.Month;
    [Parameter, ValidateRange(0, int.MaxValue)] public int MaskKeep { get; set; } = 4;
    [Parameter] public MaskFrom MaskFrom { get; set; } = MaskFrom.End;
    [Parameter] public char MaskChar { get; set; } = '*';
    [Parameter, ValidateNotNull] public string? ReplaceWith { get; set; }
    [Parameter, ValidateRange(2, 64)] public int? PadTo { get; set; }
    [Parameter, ValidateRange(1, int.MaxValue)] public int KAnonymity { get; set; }
    [Parameter, ValidateNotNullOrEmpty, ArgumentCompleter(typeof(ColumnNameCompleter))] public string[]? QuasiIdentifier { get; set; }
    [Parameter, ValidateNotNull] public Hashtable? Hierarchy { get; set; }
    [Parameter, ValidateNotNullOrEmpty, ArgumentCompleter(typeof(ColumnNameCompleter))] public string? Sensitive { get; set; }
    [Parameter, ValidateRange(0.0, 1.0)] public double MaxSuppression { get; set; } = 0.05;
    [Parameter, ValidateNotNullOrEmpty] public string[]? Recipient { get; set; }
    [Parameter, ValidateNotNullOrEmpty] public string? EnvelopePath { get; set; }
    [Parameter] public SwitchParameter Force { get; set; }
    [Parameter, ValidateNotNullOrEmpty] public RedactSpanKind[]? RedactSpans { get; set; }
    [Parameter, ValidateNotNullOrEmpty, ArgumentCompleter(typeof(ColumnNameCompleter))] public string[]? TextColumn { get; set; }
    private RecipientPublicKey[] _recipients = [];

    protected override void BeginProcessing()
    {
        try { _recipients = ResolveInputPaths(Recipient, literal: false).Select(RecipientPublicKey.Load).ToArray(); }
        catch (DataException e) { ThrowDataError(e, e.File); }
        if (Recipient != null && _recipients.Length == 0)
            ThrowDataError(new DataException("RecipientNotFound", DataErrorKind.ObjectNotFound,
                "No -Recipient public key file was found.", "Check the paths of the public key files (New-DataProtectionKey -Recipient writes them)."));
    }

    protected override void ProcessRecord()
    {
        var started = Elapsed;
        try
        {
            var plan = ProtectionPlan.Build(Dataset, Request());
            Report(plan.Notes, plan.Warnings);
            if (plan.IsEmpty) { WriteObject(Dataset); return; }
            plan = plan.Approved(s => ShouldProcess($"column '{s.Column}' of '{Dataset.Name}'", s.Kind is null ? s.Operator.ToString() : $"{s.Operator} ({s.Kind})"),
                k => ShouldProcess($"'{Dataset.Name}'", $"{k.K}-anonymity over {string.Join(", ", k.QuasiIdentifiers)} (suppressing at most {k.MaxSuppression:P1} of rows)"));
            if (plan.IsEmpty || plan.Request.EnvelopePath is { } envelope && !ConfirmOutputFile(envelope, Force, "the column key envelope")) return;
            using var credential = Credential();
            var outcome = plan.Apply(credential, new DataAuditLog());
            Report(outcome.Notes, outcome.Warnings);
            WriteVerbose($"Protect-Dataset took {(Elapsed - started).TotalSeconds:0.000} s.");
            WriteObject(outcome.Result.Dataset);
        }
        catch (DataException e) { WriteProtectionError(e); }
        catch (OperationCanceledException) { throw new PipelineStoppedException(); }
    }

    private ProtectionRequest Request() => new()
    {
        Steps = ProtectionRequest.StepsFor([
            (ProtectionOperator.Drop, Drop), (ProtectionOperator.Redact, Redact), (ProtectionOperator.Mask, Mask), (ProtectionOperator.Hash, Hash),
            (ProtectionOperator.Tokenize, Tokenize), (ProtectionOperator.Encrypt, Encrypt), (ProtectionOperator.Generalize, Generalize), (ProtectionOperator.Noise, Noise),
            (ProtectionOperator.RedactSpans, RedactSpans == null ? null : TextColumn ?? SpanRedactor.DefaultTextColumns(Dataset)),
        ]),
        Auto = Auto,
        Options = new ProtectionOptions
        {
            MaskKeep = MaskKeep, MaskFrom = MaskFrom, MaskChar = MaskChar, ReplaceWith = ReplaceWith, Tweak = TweakBytes(), Alphabet = Alphabet, PadTo = PadTo,
            Deterministic = Deterministic, Width = Width, DateTo = DateTo, Epsilon = Epsilon, Sensitivity = Sensitivity,
            SpanKinds = RedactSpans ?? [],
            Cancellation = StopToken,
        },
        KAnonymity = KAnonymity > 0 ? new KAnonymityRequest(KAnonymity, QuasiIdentifier ?? [], MaxSuppression, Hierarchies(), Sensitive) : null,
        Recipients = _recipients,
        HasKey = HasKey,
        EnvelopePath = EnvelopePath == null ? null : ResolveOutputPath(EnvelopePath),
        Force = Force,
    };

    // -Hierarchy @{ 'native-country' = 'countries.csv' }: column names to hierarchy files, resolved against $PWD.
    private Dictionary<string, string>? Hierarchies() => Hierarchy?.Cast<DictionaryEntry>().ToDictionary(
        e => e.Key.ToString()!, e => ResolveOutputPath(LanguagePrimitives.ConvertTo<string>(e.Value)), StringComparer.Ordinal);
}

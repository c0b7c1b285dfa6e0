using System.Management.Automation;
using DataCenterTools.Core.Data;
using DataCenterTools.Core.Privacy;
using DataCenterTools.Core.Security;
using DataCenterTools.Infrastructure;

namespace DataCenterTools.Commands;

/// <summary>Reverses Tokenize and Encrypt with the key: from the Dataset's lineage, an envelope file, or the columns named by -Tokenize / -Decrypt.</summary>
[Cmdlet(VerbsSecurity.Unprotect, "Dataset", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low)]
[OutputType(typeof(Dataset))]
public sealed class UnprotectDatasetCommand : DataProtectionCmdlet
{
    /// <summary>Restore only these of the columns lineage or the envelope names.</summary>
    [Parameter, ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(ColumnNameCompleter))]
    public string[]? Column { get; set; }

    /// <summary>Columns tokenized with FF1 (for a dataset without lineage, e.g. re-imported from CSV).</summary>
    [Parameter, ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(ColumnNameCompleter))]
    public string[]? Tokenize { get; set; }

    /// <summary>Columns encrypted per cell (either mode) (for a dataset without lineage).</summary>
    [Parameter, ValidateNotNullOrEmpty]
    public string[]? Decrypt { get; set; }

    /// <summary>A recipient private key file: restores the columns whose data key was wrapped for it.</summary>
    [Parameter, ValidateNotNullOrEmpty]
    public string? PrivateKeyPath { get; set; }

    /// <summary>The column key envelope Protect-Dataset -EnvelopePath wrote (when the dataset has no lineage).</summary>
    [Parameter, ValidateNotNullOrEmpty]
    public string? EnvelopePath { get; set; }

    /// <summary>Restore tokens even where no record of their key can check it.</summary>
    [Parameter]
    public SwitchParameter Force { get; set; }

    protected override void ProcessRecord()
    {
        var started = Elapsed;
        try
        {
            var plan = UnprotectionPlan.Build(Dataset, new UnprotectRequest
            {
                Columns = Column, Tokenize = Tokenize ?? [], Decrypt = Decrypt ?? [], Tweak = TweakBytes(), Alphabet = Alphabet,
                Envelope = EnvelopePath == null ? null : ColumnKeyEnvelope.Load(ResolveOutputPath(EnvelopePath)),
                HasKey = HasKey, HasPrivateKey = PrivateKeyPath != null, Force = Force,
            });
            Report([], plan.Warnings);
            if (plan.IsEmpty) { WriteObject(Dataset); return; }
            if (!ShouldProcess($"'{Dataset.Name}'", $"Restore {string.Join(", ", plan.Columns)} (an audit record is appended)")) return;
            using var credential = Credential(PrivateKeyPath == null ? null : RecipientPrivateKey.Load(ResolveOutputPath(PrivateKeyPath)));
            var outcome = plan.Apply(credential, new DataAuditLog());
            Report(outcome.Notes, outcome.Warnings);
            WriteVerbose($"Unprotect-Dataset took {(Elapsed - started).TotalSeconds:0.000} s.");
            WriteObject(outcome.Dataset);
        }
        catch (DataException e) { WriteProtectionError(e); }
    }
}

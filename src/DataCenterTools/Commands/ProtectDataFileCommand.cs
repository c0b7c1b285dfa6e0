using System.Management.Automation;
using System.Security;
using DataCenterTools.Core.Security;
using DataCenterTools.Infrastructure;

namespace DataCenterTools.Commands;

/// <summary>Encrypts files to OpenPGP messages (AES-256, integrity-protected) that gpg can decrypt.</summary>
[Cmdlet(VerbsSecurity.Protect, "DataFile", SupportsShouldProcess = true, DefaultParameterSetName = PathSet)]
[OutputType(typeof(OpenPgpFileResult))]
public sealed class ProtectDataFileCommand : DataFileCryptoCmdlet
{
    [Parameter]
    public SecureString? Passphrase { get; set; }

    /// <summary>An OpenPGP public key file (gpg --export --armor).</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? RecipientKey { get; set; }

    [Parameter]
    public SwitchParameter Armor { get; set; }

    private string? _recipientKeyPath;

    protected override string Operation => "Protect-DataFile";

    protected override void BeginProcessing()
    {
        RequireExactlyOneKey(Passphrase, RecipientKey, "-Passphrase and -RecipientKey",
            "Use -Passphrase (Read-Host -AsSecureString) or -RecipientKey with a public key exported by gpg --export --armor.");
        if (RecipientKey is not null) _recipientKeyPath = ResolveOutputPath(RecipientKey);
    }

    protected override string? DefaultDestinationName(string source) => source + (Armor ? ".asc" : ".gpg");

    protected override string Describe(string source) =>
        $"an OpenPGP-encrypted copy of '{source}' ({(Passphrase is null ? "to the public key" : "with the passphrase")})";

    protected override string EncryptedPath(OpenPgpFileResult result) => result.Destination;

    protected override OpenPgpFileResult Run(string source, string destination, ByteProgress progress, CancellationToken cancel) =>
        Passphrase is null
            ? OpenPgpFile.EncryptForRecipient(source, destination, _recipientKeyPath!, Armor, Force, progress, cancel)
            : SecurePassphrase.Use(Passphrase, chars => OpenPgpFile.EncryptWithPassphrase(source, destination, chars, Armor, Force, progress, cancel));
}

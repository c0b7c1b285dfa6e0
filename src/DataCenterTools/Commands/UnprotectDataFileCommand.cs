using System.Management.Automation;
using System.Security;
using DataCenterTools.Core.Security;
using DataCenterTools.Infrastructure;

namespace DataCenterTools.Commands;

/// <summary>Decrypts OpenPGP files (ours or gpg's) after checking their integrity; nothing is written if the check fails.</summary>
[Cmdlet(VerbsSecurity.Unprotect, "DataFile", SupportsShouldProcess = true, DefaultParameterSetName = PathSet)]
[OutputType(typeof(OpenPgpFileResult))]
public sealed class UnprotectDataFileCommand : DataFileCryptoCmdlet
{
    private static readonly string[] EncryptedExtensions = [".gpg", ".pgp", ".asc"];

    [Parameter]
    public SecureString? Passphrase { get; set; }

    /// <summary>An OpenPGP secret key file (gpg --export-secret-keys --armor), owner-only.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? SecretKey { get; set; }

    [Parameter]
    public SecureString? SecretKeyPassphrase { get; set; }

    private string? _secretKeyPath;

    protected override string Operation => "Unprotect-DataFile";

    protected override void BeginProcessing()
    {
        RequireExactlyOneKey(Passphrase, SecretKey, "-Passphrase and -SecretKey",
            "Use -Passphrase for a file encrypted with a passphrase, or -SecretKey (with -SecretKeyPassphrase) for one encrypted to a key.");
        if (SecretKey is not null) _secretKeyPath = ResolveOutputPath(SecretKey);
    }

    protected override string? DefaultDestinationName(string source)
    {
        var extension = System.IO.Path.GetExtension(source);
        return EncryptedExtensions.Contains(extension, StringComparer.OrdinalIgnoreCase) ? source[..^extension.Length] : null;
    }

    protected override string Describe(string source) => $"the decrypted content of '{source}'";

    protected override string EncryptedPath(OpenPgpFileResult result) => result.Source;

    protected override OpenPgpFileResult Run(string source, string destination, ByteProgress progress, CancellationToken cancel)
    {
        if (Passphrase is not null)
            return SecurePassphrase.Use(Passphrase, chars => OpenPgpFile.DecryptWithPassphrase(source, destination, chars, Force, progress, cancel));
        if (SecretKeyPassphrase is null)
            return OpenPgpFile.DecryptWithSecretKey(source, destination, _secretKeyPath!, [], Force, progress, cancel);
        return SecurePassphrase.Use(SecretKeyPassphrase, chars =>
            OpenPgpFile.DecryptWithSecretKey(source, destination, _secretKeyPath!, chars, Force, progress, cancel));
    }
}

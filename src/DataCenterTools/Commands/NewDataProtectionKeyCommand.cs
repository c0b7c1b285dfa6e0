using System.Management.Automation;
using DataCenterTools.Core.Security;
using DataCenterTools.Infrastructure;

namespace DataCenterTools.Commands;

/// <summary>Writes a random data protection key, or a recipient key pair (X25519 or RSA), to owner-only files.</summary>
[Cmdlet(VerbsCommon.New, "DataProtectionKey", SupportsShouldProcess = true, DefaultParameterSetName = SymmetricSet)]
[OutputType(typeof(DataProtectionKeyFile))]
public sealed class NewDataProtectionKeyCommand : DataCmdlet
{
    private const string SymmetricSet = "Symmetric";
    private const string KeyPairSet = "KeyPair";

    [Parameter(Mandatory = true, Position = 0)]
    [ValidateNotNullOrEmpty]
    public string Path { get; set; } = null!;

    [Parameter(Mandatory = true, ParameterSetName = KeyPairSet)]
    public SwitchParameter KeyPair { get; set; }

    [Parameter(ParameterSetName = KeyPairSet)]
    [ValidateSet("X25519", "RSA", IgnoreCase = true)]
    public string Algorithm { get; set; } = "X25519";

    [Parameter(ParameterSetName = KeyPairSet)]
    [ValidateNotNullOrEmpty]
    public string? PublicKeyPath { get; set; }

    [Parameter]
    public SwitchParameter Force { get; set; }

    protected override void EndProcessing()
    {
        var path = ResolveOutputPath(Path);
        var started = Elapsed;
        if (!KeyPair)
        {
            if (!ConfirmOutputFile(path, Force, "a new data protection key (owner-only)")) return;
            TryRun(() =>
            {
                using var key = DataProtectionKey.Generate();
                key.Save(path, Force);
                WriteVerbose($"Wrote data protection key {key.KeyId} to '{path}' (owner-only) in {(Elapsed - started).TotalSeconds:0.000} s.");
                WriteObject(new DataProtectionKeyFile(path, key.KeyId, DataProtectionKeyFile.Symmetric, null));
            }, path);
            return;
        }
        var publicPath = ResolveOutputPath(PublicKeyPath ?? Path + ".pub");
        if (!TryRun(() => Core.Data.AtomicFile.EnsureWritable(publicPath, Force), publicPath)) return;
        if (!ConfirmOutputFile(path, Force, $"a new {Algorithm.ToUpperInvariant()} recipient key pair (public key: '{publicPath}')")) return;
        TryRun(() =>
        {
            var (privatePath, writtenPublic) = RecipientKeyPair.Generate(Algorithm, path, publicPath, Force);
            var publicKey = RecipientPublicKey.Load(writtenPublic);
            WriteVerbose($"Wrote {publicKey.Algorithm} key pair {publicKey.KeyId}: private '{privatePath}' (owner-only), public '{writtenPublic}' in {(Elapsed - started).TotalSeconds:0.000} s.");
            WriteObject(new DataProtectionKeyFile(privatePath, publicKey.KeyId, publicKey.Algorithm, writtenPublic));
        }, path);
    }
}

namespace DataCenterTools.Core.Security;

/// <summary>
/// A key file just written: where it is, its key id and algorithm ("Symmetric" for a data protection
/// key, "X25519" or "RSA" for a recipient key pair, whose shareable half is at PublicKeyPath). Never the key.
/// </summary>
public sealed record DataProtectionKeyFile(string Path, string KeyId, string Algorithm, string? PublicKeyPath)
{
    public const string Symmetric = "Symmetric";
}

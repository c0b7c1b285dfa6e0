@{
    Synopsis    = 'Creates a data protection key file, or a recipient key pair (X25519 or RSA), readable only by you.'
    Description = @(
        'Without -KeyPair, New-DataProtectionKey writes a random 256-bit symmetric key to -Path. Protect-Dataset and the other cmdlets with -KeyPath derive a separate subkey from it for each use (HMAC pseudonyms, format-preserving tokens, cell encryption). Anyone holding the file can undo that protection, so the file is owner-only (0600 on Linux and macOS, an owner-only ACL on Windows) and every cmdlet refuses a key file as ssh refuses a private key: one another user owns (DataCenterTools.KeyFileNotOwned), one others can read or write (DataCenterTools.KeyFileInsecure), and one in a folder that other users can write, at any level above it, unless the folder has the sticky bit as /tmp does (DataCenterTools.KeyFolderInsecure: whoever can write the folder can replace the key with theirs). Keep keys in a folder of your own, e.g. mkdir -m 700 ~/keys. Back it up somewhere safe: without it, protected data cannot be restored.'
        'With -KeyPair, it writes a recipient key pair: the private key to -Path (owner-only) and the public key to -PublicKeyPath (default: <Path>.pub), which you can hand out. A data key wrapped for the public key (X25519: ephemeral ECDH, HKDF-SHA256 and AES-256-GCM; RSA: OAEP with SHA-256) can be unwrapped only with the private key, which is how a column is opened to one role and not another.'
        'The output names the file, the key id (a fingerprint that is safe to log; it never reveals the key) and the algorithm; the key itself is never printed. Files are written to a temp file and renamed into place; existing files are replaced only with -Force.'
    )
    Parameters  = @{
        Path          = 'The key file to write: the symmetric key, or with -KeyPair the private key.'
        KeyPair       = 'Writes a recipient key pair (private and public key files) instead of a symmetric key.'
        Algorithm     = 'The key pair algorithm with -KeyPair: X25519 (the default; small and fast) or RSA (3072 bits).'
        PublicKeyPath = 'Where the public key of a key pair goes; the default is -Path with .pub added.'
        Force         = 'Replaces existing key files. The old key is lost: data protected with it can no longer be restored unless you kept a copy.'
        WhatIf        = 'Shows what would be written without writing.'
        Confirm       = 'Asks before writing.'
    }
    Inputs      = @('None')
    Examples    = @(
        @{ Title = 'A symmetric key'; Code = 'New-DataProtectionKey -Path ./pii.key'; Remarks = 'Writes pii.key with mode 0600 and prints its key id.' }
        @{ Title = 'A key pair for the analysts role'; Code = 'New-DataProtectionKey -KeyPair -Algorithm X25519 -Path ./analysts.key'; Remarks = 'Writes analysts.key (private, owner-only) and analysts.key.pub (share it).' }
    )
    Notes       = 'Errors: DataCenterTools.FileExists (use -Force), DataCenterTools.KeyFileInsecure (when a key file is later read with group/other access: chmod 600 it), DataCenterTools.KeyFileNotOwned and DataCenterTools.KeyFolderInsecure (when it is later read from a file of another user or an open folder), DataCenterTools.KeyAlgorithmUnknown.'
    Links       = @('Protect-DataFile', 'Test-DataAuditLog')
}

@{
    Synopsis    = 'Encrypts files to OpenPGP messages (AES-256, integrity-protected) that gpg can decrypt.'
    Description = @(
        'Protect-DataFile writes an OpenPGP (RFC 4880) encrypted copy of each input file: AES-256 in a symmetrically encrypted integrity-protected packet (SEIPD with MDC), either to a passphrase (iterated and salted S2K with SHA-256) or to an OpenPGP public key exported by gpg (RSA or Curve25519 encryption subkey). gpg 2.2 and other OpenPGP tools decrypt the result; Unprotect-DataFile does too.'
        'The file is read and encrypted in a stream through fixed buffers, so files larger than memory work. The output goes to a temp file renamed into place when done: a failure or Ctrl+C leaves no output. Existing files are replaced only with -Force. The content is not compressed (CSV and Parquet data is often compressed already, and it keeps the speed up).'
        'Each file done appends a record to the audit log (operation, encrypted file, SHA-256 of the plaintext, key id or "passphrase"); see Test-DataAuditLog. The output object names the source, destination, plaintext size, its SHA-256 and the key id.'
    )
    Parameters  = @{
        Path         = 'Files to encrypt; wildcards are expanded. Accepts strings from the pipeline.'
        LiteralPath  = 'Files to encrypt, taken exactly as written (no wildcards). Get-ChildItem output binds here through its PSPath property.'
        Destination  = 'The output file, or a folder for the outputs. The default is the input path with .gpg added (.asc with -Armor).'
        Passphrase   = 'Encrypts with a passphrase (a SecureString, e.g. from Read-Host -AsSecureString). Give this or -RecipientKey.'
        RecipientKey = 'Encrypts to an OpenPGP public key file (ASCII-armored or binary, e.g. gpg --export --armor user@example.com > user.asc); its encryption subkey is used. Give this or -Passphrase.'
        Armor        = 'Writes ASCII-armored output (-----BEGIN PGP MESSAGE-----) instead of binary.'
        Force        = 'Replaces an existing output file.'
        WhatIf       = 'Shows what would be written without writing.'
        Confirm      = 'Asks before writing each file.'
    }
    Inputs      = @('System.String', 'System.IO.FileInfo')
    Examples    = @(
        @{ Title = 'With a passphrase'; Code = 'Protect-DataFile -Path ./customers.csv -Passphrase (Read-Host -AsSecureString)'; Remarks = 'Writes customers.csv.gpg; gpg --decrypt customers.csv.gpg reads it.' }
        @{ Title = 'To a colleague''s gpg key, many files'; Code = 'Get-ChildItem ./export/*.csv | Protect-DataFile -RecipientKey ./alice.asc -Destination ./outbox'; Remarks = 'One .gpg file per CSV in ./outbox.' }
    )
    Notes       = 'Errors: DataCenterTools.FileExists (use -Force), DataCenterTools.KeyChoiceRequired, DataCenterTools.KeyFileInvalid (not an OpenPGP public key, or no usable encryption key in it), DataCenterTools.FileNotFound, DataCenterTools.DestinationAmbiguous.'
    Links       = @('Unprotect-DataFile', 'Test-DataAuditLog', 'New-DataProtectionKey')
}

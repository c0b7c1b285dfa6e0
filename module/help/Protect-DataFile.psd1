@{
    Synopsis    = 'Encrypts files to OpenPGP messages (AES-256, integrity-protected) that gpg can decrypt.'
    Description = @(
        'Protect-DataFile writes an OpenPGP (RFC 4880) encrypted copy of each input file: AES-256 in a symmetrically encrypted integrity-protected packet (SEIPD with MDC), either to a passphrase (iterated and salted S2K with SHA-256) or to an OpenPGP public key exported by gpg (RSA or Curve25519 encryption subkey). gpg 2.2 and other OpenPGP tools decrypt the result; Unprotect-DataFile does too.'
        'The file is read and encrypted in a stream through fixed buffers, so files larger than memory work. The output goes to a temp file renamed into place when done: a failure or Ctrl+C leaves no output. Existing files are replaced only with -Force. The content is not compressed (CSV and Parquet data is often compressed already, and it keeps the speed up).'
        'Each file done appends a record to the audit log (operation, encrypted file, SHA-256 of the plaintext, key id or "passphrase"); see Test-DataAuditLog. The output object names the source, destination, plaintext size, its SHA-256 and the key id.'
        '-ThrottleLimit N (1-64) encrypts up to N files at once. Destinations and -WhatIf/-Confirm are settled for every file first, on the pipeline thread; the results come out in input order; a bad file is a non-terminating error naming it (TargetObject is its path) and the rest go on. Each file is audited as soon as it is done (the audit log takes one record at a time, so none is lost), so with N above 1 the audit records follow the order the files finished in. Two inputs that would write the same output are DataCenterTools.DestinationAmbiguous. The default is 1: one file at a time already keeps a core busy with AES and SHA-256 and shows each file''s bytes as they go; on a machine with free cores and many files, 2-4 at once finish sooner.'
    )
    Parameters  = @{
        ThrottleLimit  = 'How many files are worked on at once (1-64, default 1). Output keeps the input order.'
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
        @{
            Title   = 'Work on a folder of files, four at a time'
            Code    = 'Get-ChildItem ./exports -File | Protect-DataFile -Passphrase $pass -Destination ./out -ThrottleLimit 4'
            Remarks = 'One result per file, in the order Get-ChildItem listed them; every file done has its audit record.'
        }
        @{ Title = 'With a passphrase'; Code = 'Protect-DataFile -Path ./customers.csv -Passphrase (Read-Host -AsSecureString)'; Remarks = 'Writes customers.csv.gpg; gpg --decrypt customers.csv.gpg reads it.' }
        @{ Title = 'To a colleague''s gpg key, many files'; Code = 'Get-ChildItem ./export/*.csv | Protect-DataFile -RecipientKey ./alice.asc -Destination ./outbox'; Remarks = 'One .gpg file per CSV in ./outbox.' }
    )
    Notes       = 'Errors: DataCenterTools.FileExists (use -Force), DataCenterTools.KeyChoiceRequired, DataCenterTools.KeyFileInvalid (not an OpenPGP public key, or no usable encryption key in it), DataCenterTools.FileNotFound, DataCenterTools.DestinationAmbiguous.'
    Links       = @('Unprotect-DataFile', 'Test-DataAuditLog', 'New-DataProtectionKey')
}

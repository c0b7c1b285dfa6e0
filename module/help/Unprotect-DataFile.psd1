@{
    Synopsis    = 'Decrypts OpenPGP files (from Protect-DataFile or gpg) after checking their integrity.'
    Description = @(
        'Unprotect-DataFile decrypts OpenPGP encrypted files, ASCII-armored or binary, compressed or not, written by Protect-DataFile or by gpg (--symmetric or --encrypt), with a passphrase or with an OpenPGP secret key exported by gpg.'
        'It streams through fixed buffers into a temp file that is readable only by you (the output is sensitive plaintext). The integrity check (MDC) can only be made at the end of the stream; the temp file is renamed into place only when it passes, so a tampered or truncated file leaves no output at all. Files without integrity protection (old OpenPGP encryption without MDC) are refused. Existing files are replaced only with -Force.'
        'Each file done appends a record to the audit log (operation, encrypted file, SHA-256 of the plaintext, key id or "passphrase").'
        '-ThrottleLimit N (1-64) decrypts up to N files at once. Destinations and -WhatIf/-Confirm are settled for every file first, on the pipeline thread; the results come out in input order; a bad file is a non-terminating error naming it (TargetObject is its path) and the rest go on. Each file is audited as soon as it is done (the audit log takes one record at a time, so none is lost), so with N above 1 the audit records follow the order the files finished in. Two inputs that would write the same output are DataCenterTools.DestinationAmbiguous. The default is 1: one file at a time already keeps a core busy with AES and SHA-256 and shows each file''s bytes as they go; on a machine with free cores and many files, 2-4 at once finish sooner.'
    )
    Parameters  = @{
        ThrottleLimit  = 'How many files are worked on at once (1-64, default 1). Output keeps the input order.'
        Path                = 'Files to decrypt; wildcards are expanded. Accepts strings from the pipeline.'
        LiteralPath         = 'Files to decrypt, taken exactly as written (no wildcards). Get-ChildItem output binds here through its PSPath property.'
        Destination         = 'The output file, or a folder for the outputs. The default is the input path without its .gpg, .pgp or .asc extension; for other names -Destination is required.'
        Passphrase          = 'The passphrase the file was encrypted with (SecureString). Give this or -SecretKey.'
        SecretKey           = 'An OpenPGP secret key file (gpg --export-secret-keys --armor user@example.com > secret.asc). It must be owner-only (chmod 600), like any key file.'
        SecretKeyPassphrase = 'The passphrase protecting the secret key, if it has one (SecureString).'
        Force               = 'Replaces an existing output file.'
        WhatIf              = 'Shows what would be written without writing.'
        Confirm             = 'Asks before writing each file.'
    }
    Inputs      = @('System.String', 'System.IO.FileInfo')
    Examples    = @(
        @{
            Title   = 'Work on a folder of files, four at a time'
            Code    = 'Get-ChildItem ./inbox -Filter *.gpg | Unprotect-DataFile -Passphrase $pass -Destination ./out -ThrottleLimit 4'
            Remarks = 'One result per file, in the order Get-ChildItem listed them; every file done has its audit record.'
        }
        @{ Title = 'With a passphrase'; Code = 'Unprotect-DataFile -Path ./customers.csv.gpg -Passphrase (Read-Host -AsSecureString)'; Remarks = 'Writes customers.csv (owner-only).' }
        @{ Title = 'With a gpg secret key'; Code = 'Unprotect-DataFile ./inbox/*.gpg -SecretKey ~/keys/me.asc -SecretKeyPassphrase $keyPass -Destination ./plain'; Remarks = 'Decrypts every .gpg file in ./inbox into ./plain.' }
    )
    Notes       = 'Errors: DataCenterTools.DecryptionFailed (wrong passphrase or key, or not encrypted to this key), DataCenterTools.IntegrityCheckFailed (the file was altered or cut short; nothing written), DataCenterTools.IntegrityProtectionMissing, DataCenterTools.NotOpenPgpEncrypted, DataCenterTools.KeyFileInsecure, DataCenterTools.DestinationRequired, DataCenterTools.FileExists.'
    Links       = @('Protect-DataFile', 'Test-DataAuditLog')
}

@{
    Synopsis    = 'Restores the tokenized and encrypted columns of a protected Dataset with the key.'
    Description = @(
        'Unprotect-Dataset reverses Protect-Dataset''s -Tokenize (FF1) and -Encrypt (AES-256-GCM or AES-256-GCM-SIV) and returns a new Dataset; the input is not modified. Hashed, masked, redacted, generalized, noised and dropped columns cannot be restored.'
        'Which columns to restore comes from the Dataset''s lineage when it has a Protect-Dataset step (the columns, the FF1 alphabet and tweak, the original column types and the key id); -Column restricts it to some of them. A dataset read back from a file has no lineage: then name the columns with -Tokenize and -Decrypt, and give -Tweak and -Alphabet if they were used. Restored columns come back as text unless lineage recorded their original type.'
        'Every column is restored before anything is output: a wrong key or an altered cell is a DataCenterTools.DecryptionFailed error and nothing is output. AES-GCM and AES-GCM-SIV detect a wrong key themselves. FF1 cannot: with lineage the key id recorded there is compared with the key''s; without lineage a wrong FF1 key (or tweak or alphabet) silently gives wrong digits.'
        'Columns protected with -Recipient have their own data keys, wrapped in a column key envelope (in lineage, or the -EnvelopePath file Protect-Dataset wrote). -PrivateKeyPath restores the columns whose key was wrapped for that private key; the others stay protected and a warning names them. -KeyPath restores those wrapped for that key file.'
        'Every call appends a record to the audit log (operation, dataset SHA-256, columns, key id).'
    )
    Parameters  = @{
        Dataset    = 'The protected Dataset. Accepts Datasets from the pipeline.'
        KeyPath    = 'The key file the data was protected with.'
        Passphrase = 'The passphrase the data was protected with (a SecureString).'
        KeyName    = 'With -Passphrase: the key name used when protecting (default: the one recorded in lineage, else "default").'
        PrivateKeyPath = 'A recipient private key file (owner-only): restores the columns whose data key was wrapped for its public key.'
        EnvelopePath   = 'The column key envelope file Protect-Dataset -EnvelopePath wrote, for data read back from a file.'
        Column     = 'Restore only these of the columns lineage names.'
        Tokenize   = 'Columns tokenized with FF1, for a Dataset without lineage (re-imported from a file). They must be String columns: import with -Schema @{ card = ''String'' }.'
        Decrypt    = 'Columns encrypted per cell (either mode), for a Dataset without lineage.'
        Tweak      = 'With -Tokenize: the FF1 tweak used when protecting (byte array or string).'
        Alphabet   = 'With -Tokenize: the FF1 alphabet used when protecting; inferred from the tokens when not given.'
        Force      = 'Restore tokenized columns even where nothing can check the key: columns named with -Tokenize without -EnvelopePath, or a passphrase key this host has no record of. FF1 cannot detect a wrong key, so without the check a wrong key, tweak or alphabet gives valid-looking wrong values; a warning says so.'
    }
    Inputs      = @('DataCenterTools.Core.Data.Dataset')
    Examples    = @(
        @{
            Title   = 'Restore in the same session (lineage knows what was done)'
            Code    = '$protected = $ds | Protect-Dataset -Tokenize card -Encrypt note -KeyPath ./k.key
$protected | Unprotect-Dataset -KeyPath ./k.key'
            Remarks = 'card and note come back as they were.'
        }
        @{
            Title   = 'Restore a file written earlier'
            Code    = 'Import-Dataset ./protected.csv -Schema @{ card = ''String'' } |
    Unprotect-Dataset -KeyPath ./k.key -Tokenize card -Decrypt note'
            Remarks = 'A CSV has no lineage, so the columns are named.'
        }
        @{
            Title   = 'A role restores its own columns'
            Code    = 'Import-Dataset ./out.csv -Schema @{ card = ''String'' } |
    Unprotect-Dataset -PrivateKeyPath ~/keys/support.key -EnvelopePath ./out.envelope.json'
            Remarks = 'note is restored; card stays tokenized (a warning names it).'
        }
    )
    Notes       = @('A wrong key is an error for encrypted columns; for tokenized columns it is only detected when lineage recorded the key id.')
    Links       = @('Protect-Dataset')
}

@{
    Synopsis    = 'Restores the tokenized and encrypted columns of a protected Dataset with the key.'
    Description = @(
        'Unprotect-Dataset reverses Protect-Dataset''s -Tokenize (FF1) and -Encrypt (AES-256-GCM or AES-256-GCM-SIV) and returns a new Dataset; the input is not modified. Hashed, masked, redacted, generalized, noised and dropped columns cannot be restored.'
        'Which columns to restore, and with which key, comes from the envelope file Protect-Dataset -EnvelopePath wrote (-EnvelopePath), else from the Dataset''s lineage when it has a Protect-Dataset step (the columns, the FF1 alphabet and tweak, the original column types and the key id); -Column restricts it to some of them. A dataset read back from a file has no lineage: give -EnvelopePath, or name the columns with -Tokenize and -Decrypt (and -Tweak and -Alphabet if they were used). Restored columns come back as text unless lineage or the envelope recorded their original type.'
        'A wrong key fails loudly, before anything is output. The key given is compared with the key id recorded in lineage or the envelope: DataCenterTools.KeyMismatch. AES-GCM and AES-GCM-SIV also detect a wrong key (or an altered cell) themselves: DataCenterTools.DecryptionFailed. FF1 cannot, so tokens with no record of their key (-Tokenize on a re-imported file without -EnvelopePath) are refused with DataCenterTools.KeyNotRecorded unless -Force is given; with -Force a warning says that a wrong key, tweak or alphabet would give valid-looking wrong values.'
        'Passphrase keys: the key name and salt come from lineage or the envelope (or, for columns named with -Tokenize and -Decrypt, from this host''s record of -KeyName). Where this host recorded that key name with that salt, a wrong passphrase is DataCenterTools.KeyMismatch. Where it did not (the data was protected on another host), the passphrase cannot be checked: encrypted columns still fail on a wrong one, and tokens need -Force (DataCenterTools.KeyNotChecked); copy passphrase-keys.jsonl from the protecting host to avoid that.'
        'Columns protected with -Recipient have their own data keys, wrapped in a column key envelope (in lineage, or the -EnvelopePath file Protect-Dataset wrote). -PrivateKeyPath restores the columns whose key was wrapped for that private key; the others stay protected and a warning names them. -KeyPath restores those wrapped for that key file.'
        'Every call that restores columns appends a record to the tamper-evident audit log (operation, dataset SHA-256, columns, key id), and so supports -WhatIf and -Confirm: -WhatIf shows which columns would be restored, restores nothing and writes no record.'
    )
    Parameters  = @{
        Dataset    = 'The protected Dataset. Accepts Datasets from the pipeline.'
        KeyPath    = 'The key file the data was protected with.'
        Passphrase = 'The passphrase the data was protected with (a SecureString).'
        KeyName    = 'With -Passphrase: the key name used when protecting (default: the one recorded in lineage or the envelope, else "default").'
        PrivateKeyPath = 'A recipient private key file (owner-only): restores the columns whose data key was wrapped for its public key.'
        EnvelopePath   = 'The envelope file Protect-Dataset -EnvelopePath wrote beside the data: which columns are protected, how, and with which key id (and wrapped data keys for recipients). Lets a wrong key be refused for data read back from a file.'
        Column     = 'Restore only these of the columns lineage names.'
        Tokenize   = 'Columns tokenized with FF1, for a Dataset without lineage (re-imported from a file) and no envelope. They must be String columns: import with -Schema @{ card = ''String'' }. Needs -Force, since nothing records which key made the tokens (use -EnvelopePath instead).'
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
            Title   = 'Restore a file written earlier, with its envelope'
            Code    = 'Import-Dataset ./protected.csv -Schema @{ card = ''String'' } |
    Unprotect-Dataset -KeyPath ./k.key -EnvelopePath ./protected.envelope.json'
            Remarks = 'The envelope names the columns and the key id; a wrong key is DataCenterTools.KeyMismatch and nothing is output.'
        }
        @{
            Title   = 'Without an envelope'
            Code    = 'Import-Dataset ./protected.csv -Schema @{ card = ''String'' } |
    Unprotect-Dataset -KeyPath ./k.key -Decrypt note -Tokenize card -Force'
            Remarks = 'note is checked by its AES-GCM tag; card is restored unchecked (a warning says so).'
        }
        @{
            Title   = 'A role restores its own columns'
            Code    = 'Import-Dataset ./out.csv -Schema @{ card = ''String'' } |
    Unprotect-Dataset -PrivateKeyPath ~/keys/support.key -EnvelopePath ./out.envelope.json'
            Remarks = 'note is restored; card stays tokenized (a warning names it).'
        }
    )
    Notes       = @('A wrong key is an error for encrypted columns; for tokenized columns it is detected when lineage or the envelope recorded the key id, and refused (unless -Force) when nothing did.')
    Links       = @('Protect-Dataset')
}

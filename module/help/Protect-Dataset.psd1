@{
    Synopsis    = 'Returns a new Dataset with private columns hashed, masked, redacted, tokenized, encrypted, generalized, noised or dropped, and optionally k-anonymous.'
    Description = @(
        'Protect-Dataset applies one operator per column and returns a new Dataset; the input Dataset is never modified and the columns not named are shared unchanged. Each call adds one lineage step (operation Protect-Dataset) naming each operator, its columns, the key id (a 16-hex-digit fingerprint of the key, never the key), the FF1 alphabet per tokenized column, the tweak, and the original type of each tokenized or encrypted column, so Unprotect-Dataset knows what to reverse.'
        'Operators: -Redact replaces every value with a placeholder (-ReplaceWith, default <REDACTED>). -Mask keeps -MaskKeep characters from the -MaskFrom end and replaces the rest with -MaskChar (the length is kept). -Drop removes the column. -Hash writes a keyed HMAC-SHA256 pseudonym: the first 128 bits of HMAC-SHA256(the key''s "hmac" subkey, the value''s UTF-8 text) in lowercase hex (32 characters); the same value and key give the same token in every dataset, so joins still work, and without the key a token cannot be reversed or matched against a dictionary. Numbers, dates and Booleans are hashed in their canonical text form (as Export-Dataset writes them).'
        '-Tokenize uses format-preserving encryption FF1 (NIST SP 800-38G, BouncyCastle): a value stays the same length over the same alphabet (a 16-digit card number stays 16 digits). The alphabet is the smallest of digits, lower-case alphanumerics, upper-case alphanumerics or alphanumerics that covers the column, or -Alphabet. Cells with other characters, or shorter than FF1 allows (radix^length at least 1,000,000: 6 digits), are reported per column (DataCenterTools.TokenizeAlphabetMismatch, naming the rows) and nothing is output. Tokens are text: a tokenized Int64 column becomes a String column. -Encrypt seals each cell with AES-256-GCM (random nonce; Base64 of nonce, ciphertext and tag; the column name is authenticated with it), or with -Deterministic AES-256-GCM-SIV with a nonce derived from the key, so equal values give equal ciphertexts (joins and counts work, but equal cells are visible as equal).'
        '-Generalize makes values coarser, as text: Int64 into ranges -Width wide ("30-39"), Double into half-open ranges ("[60,70)"), dates to "yyyy-MM" or "yyyy" (-DateTo), IPv4 addresses to their /24 ("10.1.2.0/24"), IPv6 to /48, e-mail addresses to their domain. -Noise adds Laplace(0, Sensitivity/Epsilon) noise, drawn from the cryptographic random generator, to each numeric cell (the column becomes Double). This is per-value noise, not a differential-privacy mechanism over queries: releasing the same rows twice with fresh noise lets the noise be averaged away.'
        '-KAnonymity k with -QuasiIdentifier generalizes the quasi-identifiers step by step (numbers: ranges 5, 10, 20, 40... wide; dates: month, year, *; IP addresses: /24, /16, /8, *; other text: the last 1, 2, 3... characters replaced by *), each step choosing greedily the quasi-identifier whose next level leaves the fewest rows in classes smaller than k, until those rows are at most -MaxSuppression of all rows; those rows are then removed. What it cost (level per quasi-identifier, rows suppressed, the k reached) is written as a warning and kept in lineage. DataCenterTools.KAnonymityNotReached when it cannot be reached (fewer rows than k). Greedy search is fast but not optimal.'
        'Keys: -KeyPath reads a key file written by New-DataProtectionKey (refused when group or others can read it). -Passphrase derives the key with Argon2id; its salt is derived from -KeyName (default "default"), so the same passphrase and key name give the same key, the same Hash tokens across datasets, and Unprotect-Dataset can rebuild the key from a re-imported CSV. The trade-off: anyone can precompute guesses for a given key name, which a random stored salt would prevent; use a key name of your own and a long passphrase, or a key file. Hash, Tokenize and Encrypt need a key (DataCenterTools.KeyRequired); each uses its own subkey derived from it.'
        'Every call appends a record to the audit log (audit.jsonl in the DataCenterTools home folder, $env:DATACENTERTOOLS_HOME to move it): the operation, the dataset''s source file (or name), its SHA-256 (of the source file when it came from a file, else of its content), the columns and the key id. The key and passphrase never appear in output, verbose messages, errors, lineage or the audit log.'
        'Column access by key: with -Recipient (public key files, X25519 or RSA, from New-DataProtectionKey), every tokenized or encrypted column gets its own random data key, wrapped for each recipient and, when -KeyPath or -Passphrase is also given, for that key. The wrapped keys (never a key in the clear) are kept in the lineage step and, with -EnvelopePath, written to a JSON sidecar file that must travel with the data when it is exported (a CSV cannot carry it). Unprotect-Dataset -PrivateKeyPath restores only the columns whose data key was wrapped for that private key. To give roles different columns, chain calls: -Tokenize card -Recipient finance.pub, then -Encrypt note -Recipient support.pub,finance.pub; -EnvelopePath on the last call writes the envelope of every protected column.'
        '-Auto scans the Dataset with Find-SensitiveData and gives every flagged column not already named an operator by kind: e-mail -> Hash; phone -> Mask; card -> Tokenize when all cells are digits, else Hash; IBAN, US SSN, Chinese resident ID, MAC -> Hash; IPv4/IPv6 -> Generalize (/24, /48); date of birth -> Generalize to the year (Redact when it is text); URL -> Redact; a kind found inside free text -> Redact. Hash and Tokenize need a key. Use -WhatIf to see the plan (column, operator, kind) before running it.'
        '-WhatIf shows the plan (operator and column) and outputs nothing; -Verbose prints the plan and what was done.'
    )
    Parameters  = @{
        Dataset         = 'The Dataset to protect. Accepts Datasets from the pipeline.'
        Hash            = 'Columns to replace with keyed HMAC-SHA256 pseudonyms (32 hex characters). Needs a key.'
        Mask            = 'Columns to mask: -MaskKeep characters kept at the -MaskFrom end, the rest replaced by -MaskChar.'
        Redact          = 'Columns whose every value is replaced by -ReplaceWith (default <REDACTED>).'
        Tokenize        = 'Columns to tokenize with FF1 format-preserving encryption (String or Int64). Needs a key; reversible with Unprotect-Dataset.'
        Encrypt         = 'Columns to encrypt per cell (AES-256-GCM, Base64). Needs a key; reversible with Unprotect-Dataset.'
        Generalize      = 'Columns to generalize: numbers into ranges, dates to month or year, IP addresses to prefixes, e-mail addresses to domains. Other text or Booleans: DataCenterTools.OperatorTypeMismatch.'
        Noise           = 'Numeric columns to add Laplace noise to (DataCenterTools.OperatorTypeMismatch for others).'
        Drop            = 'Columns to remove.'
        Auto            = 'Protect every column Find-SensitiveData flags with the operator for its kind (see the description); explicitly named columns keep their operator. -WhatIf shows the plan, -Verbose prints it.'
        Deterministic   = 'With -Encrypt: AES-256-GCM-SIV with a key-derived nonce, so equal values in a column encrypt to equal text.'
        Epsilon         = 'With -Noise: the privacy parameter; the noise scale is Sensitivity / Epsilon (default 1).'
        Sensitivity     = 'With -Noise: how much one person can change a value; the noise scale is Sensitivity / Epsilon (default 1).'
        Width           = 'With -Generalize: the width of numeric ranges (default 10: 30-39).'
        DateTo          = 'With -Generalize: Month (default, "2026-11") or Year ("2026").'
        MaskKeep        = 'With -Mask: characters to keep (default 4).'
        MaskFrom        = 'With -Mask: End (default) keeps the last characters, Start the first.'
        MaskChar        = 'With -Mask: the masking character (default *).'
        ReplaceWith     = 'With -Redact: the placeholder, e.g. <EMAIL> (default <REDACTED>).'
        KeyPath         = 'A key file written by New-DataProtectionKey. DataCenterTools.KeyFileNotFound when missing, DataCenterTools.KeyFileInsecure when group or others can read it.'
        Passphrase      = 'A passphrase as a SecureString (Read-Host -AsSecureString); the key is derived with Argon2id (64 MiB, 3 passes) and a salt fixed by -KeyName.'
        KeyName         = 'With -Passphrase: the name that fixes the Argon2id salt (default "default"). The same passphrase and name give the same key. Kept in lineage (it is not secret).'
        Tweak           = 'With -Tokenize: the FF1 tweak, as a byte array or a string (its UTF-8 bytes). Public, kept in lineage; different tweaks give different tokens for the same value.'
        Alphabet        = 'With -Tokenize: the characters values are made of, e.g. 0123456789. Inferred per column when not given.'
        Recipient       = 'Public key files (X25519 or RSA) of the roles that may restore the tokenized and encrypted columns; each such column gets its own data key wrapped for each of them. Hash still needs -KeyPath or -Passphrase.'
        EnvelopePath    = 'With -Recipient: write the column key envelope (the wrapped data keys, JSON) to this file, to keep beside exported data. Not overwritten without -Force; -WhatIf shows it.'
        Force           = 'Overwrite an existing -EnvelopePath file.'
        RedactSpans     = 'Replace only the sensitive spans inside free text and keep the rest of each document: email, phone, ip (IPv4 and IPv6), id (US SSN, Chinese resident ID, IBAN), card, url, found and validated as Find-SensitiveData finds them. Each span becomes <EMAIL>, <PHONE>, <IP>, <ID>, <CARD> or <URL>; with -Pseudonymize a keyed pseudonym such as <EMAIL:3fa9...>. Runs before the column operators.'
        TextColumn      = 'With -RedactSpans: the free-text columns to work on. Default: text, else content.'
        Pseudonymize    = 'With -RedactSpans: write keyed pseudonyms (HMAC-SHA256 under the key''s hmac subkey, as -Hash) instead of placeholders, so the same address gets the same token in every document. Needs -KeyPath or -Passphrase.'
        KAnonymity      = 'Make the dataset k-anonymous over -QuasiIdentifier: every combination of their (generalized) values is shared by at least k rows.'
        QuasiIdentifier = 'With -KAnonymity: the columns an attacker could link to other data (age, zip, sex...).'
        MaxSuppression  = 'With -KAnonymity: the largest share of rows that may be removed (default 0.05, 5%).'
    }
    Inputs      = @('DataCenterTools.Core.Data.Dataset')
    Examples    = @(
        @{
            Title   = 'Redact e-mail addresses, phone numbers, IPs and IDs inside a text corpus'
            Code    = 'Import-Dataset ./tickets.jsonl | Protect-Dataset -RedactSpans email,phone,ip,id -TextColumn text'
            Remarks = 'Only the spans are replaced (<EMAIL>, <PHONE>, <IP>, <ID>); the rest of each ticket stays as it was.'
        }
        @{
            Title   = 'Pseudonymize e-mail addresses, tokenize cards, generalize IPs'
            Code    = 'New-DataProtectionKey -Path ~/keys/pii.key
Import-Dataset ./customers.csv |
    Protect-Dataset -Hash owner_email -Tokenize card -Generalize client_ip -Drop ssn -KeyPath ~/keys/pii.key |
    Export-Dataset ./customers.protected.csv'
            Remarks = 'owner_email becomes a 32-hex-digit token (the same in every dataset protected with this key), card stays 16 digits, client_ip becomes its /24.'
        }
        @{
            Title   = 'A passphrase instead of a key file'
            Code    = '$pass = Read-Host -AsSecureString "Passphrase"
$ds | Protect-Dataset -Encrypt note -Passphrase $pass -KeyName finance'
            Remarks = 'Unprotect-Dataset needs the same passphrase and -KeyName.'
        }
        @{
            Title   = 'k-anonymity over three quasi-identifiers'
            Code    = '$ds | Protect-Dataset -KAnonymity 5 -QuasiIdentifier age, zip, sex -MaxSuppression 0.02 -WarningVariable cost'
            Remarks = 'The warning says how far each column was generalized and how many rows were removed.'
        }
        @{
            Title   = 'Columns per role'
            Code    = '$ds | Protect-Dataset -Tokenize card -Recipient ./finance.pub |
    Protect-Dataset -Encrypt note -Recipient ./support.pub, ./finance.pub -EnvelopePath ./out.envelope.json |
    Export-Dataset ./out.csv'
            Remarks = 'Finance can restore card and note, support only note: Unprotect-Dataset -PrivateKeyPath ./support.key -EnvelopePath ./out.envelope.json.'
        }
        @{
            Title   = 'See the automatic plan first'
            Code    = '$ds | Protect-Dataset -Auto -KeyPath ./k.key -WhatIf'
            Remarks = 'Prints one line per flagged column: the operator and the kind found (What if: Performing the operation "Hash (Email)" on target "column ''owner_email'' of ''telemetry''"). Outputs nothing.'
        }
    )
    Notes       = @(
        'Hash, Mask, Redact, Drop, Generalize and Noise cannot be undone. Keep the key file apart from the data and back it up: without it, tokenized and encrypted columns cannot be restored.'
        'A tokenized column written to CSV may have tokens with leading zeros: import it back with -Schema @{ card = ''String'' } before Unprotect-Dataset.'
    )
    Links       = @('Unprotect-Dataset', 'Import-Dataset', 'Export-Dataset')
}

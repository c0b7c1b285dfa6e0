@{
    Synopsis    = 'Returns a new Dataset with private columns hashed, masked, redacted, tokenized, encrypted, generalized, noised or dropped, and optionally k-anonymous.'
    Description = @(
        'Protect-Dataset applies one operator per column and returns a new Dataset; the input Dataset is never modified and the columns not named are shared unchanged. Each call adds one lineage step (operation Protect-Dataset) naming each operator, its columns, the key id (a 16-hex-digit fingerprint of the key, never the key), the FF1 alphabet per tokenized column, the tweak, and the original type of each tokenized or encrypted column, so Unprotect-Dataset knows what to reverse.'
        'Operators: -Redact replaces every value with a placeholder (-ReplaceWith, default <REDACTED>). -Mask keeps -MaskKeep characters from the -MaskFrom end and replaces the rest with -MaskChar (the length is kept). -Drop removes the column. -Hash writes a keyed HMAC-SHA256 pseudonym: the first 128 bits of HMAC-SHA256(the key''s "hmac" subkey, the value''s UTF-8 text) in lowercase hex (32 characters); the same value and key give the same token in every dataset, so joins still work, and without the key a token cannot be reversed or matched against a dictionary. Numbers, dates and Booleans are hashed in their canonical text form (as Export-Dataset writes them).'
        '-Tokenize uses format-preserving encryption FF1 (NIST SP 800-38G, BouncyCastle): a value stays the same length over the same alphabet (a 16-digit card number stays 16 digits). The alphabet is the smallest of digits, lower-case alphanumerics, upper-case alphanumerics or alphanumerics that covers the column, or -Alphabet. Cells with other characters, or shorter than FF1 allows (radix^length at least 1,000,000: 6 digits), are reported per column (DataCenterTools.TokenizeAlphabetMismatch, naming the rows) and nothing is output; whole numbers shorter than that can be tokenized with -PadTo 6 (leading zeros added first, removed again by Unprotect-Dataset). Tokens are text: a tokenized Int64 column becomes a String column. -Encrypt seals each cell with AES-256-GCM (random nonce; Base64 of nonce, ciphertext and tag; the column name is authenticated with it), or with -Deterministic AES-256-GCM-SIV with a nonce derived from the key, so equal values give equal ciphertexts (joins and counts work, but equal cells are visible as equal).'
        '-Generalize makes values coarser, as text: Int64 into ranges -Width wide ("30-39"), Double into half-open ranges ("[60,70)"), dates to "yyyy-MM" or "yyyy" (-DateTo), IPv4 addresses to their /24 ("10.1.2.0/24"), IPv6 to /48, e-mail addresses to their domain. -Noise adds Laplace(0, Sensitivity/Epsilon) noise, drawn from the cryptographic random generator, to each numeric cell (the column becomes Double). This is per-value noise, not a differential-privacy mechanism over queries: releasing the same rows twice with fresh noise lets the noise be averaged away.'
        '-KAnonymity k with -QuasiIdentifier generalizes the quasi-identifiers until every combination of their values is shared by at least k rows, as ARX does (full-domain generalization with suppression). Each quasi-identifier has levels: numbers ranges 5, 10, 20, 40... wide (30-39); dates month, year, *; IP addresses /24, /16, /8, *; codes whose values all have the same length (postcodes) the last 1, 2, 3... characters replaced by * (130**); other text and Booleans as they are or a single * (one character whatever the value, so a suppressed Female cannot be told from a suppressed Male by its length); with -Hierarchy, the levels of an ARX-format hierarchy file (United-States -> Northern America -> Americas -> *). Every combination of levels (the lattice) is a candidate; one qualifies when the rows left in groups smaller than k are at most -MaxSuppression of all rows (they are then removed). Of the qualifying combinations the one with the least information loss wins: the mean over the quasi-identifiers of level / top level, so each column is generalized only as far as k needs (the narrowest numeric bands that reach it); ties go to fewer removed rows, then the lower discernibility. Lattices of more than 100,000 combinations are searched greedily (one level up at a time), which is fast but not optimal; the warning says which search ran.'
        'What k-anonymity cost is written as a warning and kept in lineage: the k reached, the level of each quasi-identifier, the rows removed, the information loss (0: nothing generalized, 1: every quasi-identifier reduced to one value), the discernibility (the sum of the squared group sizes plus the row count for each removed row; lower keeps more detail) and, with -Sensitive, the distinct l-diversity of that column (the fewest different values of it in any group: k-anonymity alone does not stop an attacker who finds a group where everyone has the same diagnosis). DataCenterTools.KAnonymityNotReached when it cannot be reached (fewer rows than k).'
        'Keys: -KeyPath reads a key file written by New-DataProtectionKey, checked as ssh checks a private key: it must belong to you (DataCenterTools.KeyFileNotOwned), nobody else may read or write it (DataCenterTools.KeyFileInsecure), and no folder above it may be writable by other users unless it has the sticky bit, as /tmp has (DataCenterTools.KeyFolderInsecure), since whoever can write the folder can swap the key. -Passphrase derives the key with Argon2id (64 MiB, 3 passes, 1 lane: above the OWASP minimum of 19 MiB with 2 passes; under a second per derivation, see bench/RESULTS.md, PassphraseKeys) and a random salt chosen the first time a -KeyName (default "default") is used on this host. The salt and a check value are kept in passphrase-keys.jsonl in the DataCenterTools home (owner-only): the same passphrase and key name give the same key and the same Hash tokens on this host, and a mistyped passphrase for a known key name is DataCenterTools.KeyMismatch. Copy that file (owner-only) to another host to use the same passphrase keys there. Hash, Tokenize and Encrypt need a key (DataCenterTools.KeyRequired); each uses its own subkey derived from it.'
        'Key ids: a key file''s id is a fingerprint of its 256 random bits; a passphrase key''s id is a fingerprint of its random salt only. Lineage, envelopes and the audit log hold key ids, key names and salts, never anything derived from the passphrase, so none of them lets anyone test a passphrase guess offline. (Data encrypted with a passphrase key does: whoever holds an encrypted cell and its salt can try passphrases at Argon2id''s cost, as with any passphrase-encrypted file. Use a key file for data that leaves your hands.)'
        'Deterministic pseudonyms and small domains: -Hash (and -Tokenize, and -Encrypt -Deterministic) give the same token for the same value, which is what keeps joins working, and also means that anyone holding the key can compute the token of every possible value and so reverse a column whose values are few: 10,000 four-digit PINs, 120 ages, a few thousand postcodes are enumerated in a moment. Protect-Dataset warns when a Hash, Tokenize or deterministic Encrypt column has fewer than 100,000 possible values, estimated from the data (whole numbers by their range, dates by their days, text by its shape: 10 per digit, 26 per letter); use -Encrypt (random per cell), -Generalize or -KAnonymity for such columns, or -Drop them.'
        'Every call appends a record to the tamper-evident audit log (audit.jsonl in the DataCenterTools home folder, $env:DATACENTERTOOLS_HOME to move it; see Test-DataAuditLog): the operation, the dataset''s source file (or name), its SHA-256 (of the source file when it came from a file, else of its content), the columns and the key id. When the audit record cannot be written (a damaged log, a full disk) the call fails and outputs nothing. The key and passphrase never appear in output, verbose messages, errors, lineage or the audit log.'
        'Data written to a file keeps no lineage: -EnvelopePath writes a JSON sidecar beside it that records, for every tokenized or encrypted column, its operator, FF1 alphabet, tweak, original type and the id of the key it was protected with (and, with -Recipient, its data key wrapped for each recipient). It holds no key. Unprotect-Dataset -EnvelopePath compares the key it is given with that id and refuses a wrong one (DataCenterTools.KeyMismatch) before anything is output; without the envelope, tokens read back from a file can only be restored with -Force, since FF1 cannot tell a wrong key.'
        'Column access by key: with -Recipient (public key files, X25519 or RSA, from New-DataProtectionKey), every tokenized or encrypted column gets its own random data key, wrapped for each recipient and, when -KeyPath or -Passphrase is also given, for that key. The wrapped keys (never a key in the clear) are kept in the lineage step and, with -EnvelopePath, written to the envelope file that must travel with the data when it is exported (a CSV cannot carry it). Unprotect-Dataset -PrivateKeyPath restores only the columns whose data key was wrapped for that private key. To give roles different columns, chain calls: -Tokenize card -Recipient finance.pub, then -Encrypt note -Recipient support.pub,finance.pub; -EnvelopePath on the last call writes the envelope of every protected column.'
        '-Auto scans the Dataset with Find-SensitiveData and gives every flagged column not already named an operator by kind: e-mail -> Hash; phone -> Mask; card -> Tokenize when all cells are digits, else Hash; IBAN, US SSN, Chinese resident ID, MAC -> Hash; IPv4/IPv6 -> Generalize (/24, /48); date of birth -> Generalize to the year (Redact when it is text); URL -> Redact; a kind found inside free text -> Redact. Demographic quasi-identifiers (age, sex, race, nationality, postcode) get no operator of their own: with -KAnonymity and no -QuasiIdentifier they become the quasi-identifiers, otherwise a warning names them. Hash and Tokenize need a key. Use -WhatIf to see the plan (column, operator, kind) before running it.'
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
        KeyPath         = 'A key file written by New-DataProtectionKey. DataCenterTools.KeyFileNotFound when missing, DataCenterTools.KeyFileNotOwned when another user owns it, DataCenterTools.KeyFileInsecure when group or others can read it, DataCenterTools.KeyFolderInsecure when a folder above it can be written by other users.'
        Passphrase      = 'A passphrase as a SecureString (Read-Host -AsSecureString); the key is derived with Argon2id (64 MiB, 3 passes) and the random salt this host chose for -KeyName on first use. DataCenterTools.KeyMismatch when it is not the passphrase that key name was first used with.'
        KeyName         = 'With -Passphrase: names the passphrase key (default "default"): its random salt and a check value are recorded in passphrase-keys.jsonl in the DataCenterTools home the first time. The same passphrase and name give the same key on this host. Kept in lineage with the salt (neither is secret; neither tells anything about the passphrase).'
        Tweak           = 'With -Tokenize: the FF1 tweak, as a byte array or a string (its UTF-8 bytes). Public, kept in lineage; different tweaks give different tokens for the same value.'
        Alphabet        = 'With -Tokenize: the characters values are made of, e.g. 0123456789. Inferred per column when not given.'
        Recipient       = 'Public key files (X25519 or RSA) of the roles that may restore the tokenized and encrypted columns; each such column gets its own data key wrapped for each of them. Hash still needs -KeyPath or -Passphrase.'
        EnvelopePath    = 'Write the envelope of every tokenized or encrypted column (operator, alphabet, tweak, type, key id, and with -Recipient the wrapped data keys; never a key) to this JSON file, to keep beside exported data so Unprotect-Dataset can check the key. Not overwritten without -Force; -WhatIf shows it. DataCenterTools.NothingToEnvelope when no column is tokenized or encrypted.'
        Force           = 'Overwrite an existing -EnvelopePath file.'
        KAnonymity      = 'Make the dataset k-anonymous over -QuasiIdentifier: every combination of their (generalized) values is shared by at least k rows. The generalization with the least information loss that reaches k is chosen (see the description).'
        QuasiIdentifier = 'With -KAnonymity: the columns an attacker could link to other data (age, zip, sex...). With -Auto and no -QuasiIdentifier, the quasi-identifiers Find-SensitiveData reports.'
        MaxSuppression  = 'With -KAnonymity: the largest share of rows that may be removed (default 0.05, 5%).'
        Hierarchy       = 'With -KAnonymity: generalization hierarchies per quasi-identifier, as a hashtable of column name to CSV file in ARX''s format: one row per value, one column per level (the value itself first, then ever coarser groups, usually ending in *), separated by semicolons (commas when the file has none). Example: @{ ''native-country'' = ''countries.csv'' }. Every value of the column must be in the file (DataCenterTools.HierarchyValueMissing names the ones that are not).'
        Sensitive       = 'With -KAnonymity: a sensitive column (not a quasi-identifier) whose distinct l-diversity in the result is reported next to k: the fewest different values of it in any group of rows.'
        PadTo           = 'With -Tokenize: pad whole numbers (Int64 columns) with leading zeros to this many digits before FF1, so numbers shorter than FF1''s minimum of 6 digits can be tokenized (5-digit weights, 4-digit codes); the tokens have this many digits and Unprotect-Dataset removes the padding. Not for text columns, where a leading zero may be part of the value: use -Encrypt -Deterministic or -Hash for short text codes.'
    }
    Inputs      = @('DataCenterTools.Core.Data.Dataset')
    Examples    = @(
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
            Remarks = 'The first use of -KeyName finance on this host picks a random salt and records it; Unprotect-Dataset needs the same passphrase (and, on another host, the envelope or a copy of passphrase-keys.jsonl).'
        }
        @{
            Title   = 'k-anonymity over three quasi-identifiers'
            Code    = '$ds | Protect-Dataset -KAnonymity 5 -QuasiIdentifier age, zip, sex -MaxSuppression 0.02 -WarningVariable cost'
            Remarks = 'The warning says how far each column was generalized, how many rows were removed and the information loss.'
        }
        @{
            Title   = 'k-anonymity of census data with a hierarchy for countries (the shipped UCI Adult sample)'
            Code    = 'Import-Dataset ./examples/data/adult/adult_sample.csv |
    Protect-Dataset -KAnonymity 5 -QuasiIdentifier age, sex, native-country -Sensitive income `
        -Hierarchy @{ ''native-country'' = ''./examples/data/adult/adult_hierarchy_native-country.csv'' }'
            Remarks = 'WARNING: 5-anonymity reached (asked 5), l-diversity 1 over income: age ranges 10 wide, sex as is, native-country level 2/3 of adult_hierarchy_native-country.csv; 33 of 1,000 row(s) suppressed; information loss 0.333 (mean generalization height), discernibility 136,247 (optimal search, 17 generalization(s) tried). Countries become their continent (Americas, Asia, Europe).'
        }
        @{
            Title   = 'Tokens that survive a CSV: the envelope travels beside the file'
            Code    = '$ds | Protect-Dataset -Tokenize card -KeyPath ./k.key -EnvelopePath ./out.envelope.json | Export-Dataset ./out.csv
Import-Dataset ./out.csv -Schema @{ card = ''String'' } | Unprotect-Dataset -KeyPath ./k.key -EnvelopePath ./out.envelope.json'
            Remarks = 'A wrong key file is DataCenterTools.KeyMismatch before anything is output.'
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
        'k-anonymity protects against linking on the quasi-identifiers you name, nothing more: a column you leave out can still single people out, and a group whose sensitive values are all the same tells them (look at l with -Sensitive).'
    )
    Links       = @('Unprotect-Dataset', 'Import-Dataset', 'Export-Dataset')
}

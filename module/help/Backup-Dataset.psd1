@{
    Synopsis    = 'Backs up files or saved versions to an encrypted, deduplicating, incremental backup folder.'
    Description = @(
        'Backup-Dataset cuts each file into content-defined chunks (FastCDC, about 512 KiB), compresses each with zstd and encrypts it with AES-256-GCM, and stores only the chunks the backup folder does not have yet, so a second backup of a file with 1% of its rows changed writes only the few chunks around the changes. Chunk files are named by a keyed hash (HMAC-SHA256) of their content, so the folder does not reveal which known data it holds.'
        'Each run makes one snapshot: an encrypted manifest (id, time, host, user, files with sizes, SHA-256 and chunk lists) written last and atomically. A backup killed midway leaves earlier snapshots intact and verifiable; its chunks are reused by the next backup.'
        'The key is a key file (-KeyPath) or a passphrase (-Passphrase, stretched with Argon2id and a salt kept in the folder''s config.json); the folder is created on the first backup and remembers which kind it uses. A wrong key or passphrase fails with DataCenterTools.BackupKeyMismatch before anything is read. Keep the key file elsewhere than the backups: without it nothing can be restored.'
        '-Path backs up files (wildcards) or folders (their files, recursively, under the folder''s name); -Name backs up every version of a name in the version store, as <name>/v<n>.parquet.'
        'Backup-Dataset has no -ThrottleLimit, unlike Import-Dataset and Protect-DataFile: its many files make one snapshot in one chunk store, not one result per file, and a file''s chunks are deduplicated against the chunks of all files before it (the index and the chunk files have one writer). A bad file stops the snapshot rather than giving a snapshot that silently lacks it.'
    )
    Parameters  = @{
        Path        = 'Files or folders to back up; wildcards allowed. Accepts FullName from the pipeline (Get-ChildItem).'
        Name        = 'A name in the version store (Save-DatasetVersion): every version of it is backed up.'
        Destination = 'The backup folder (repository). Created on the first backup.'
        KeyPath     = 'The key file (owner-only permissions). Give this or -Passphrase.'
        Passphrase  = 'The passphrase, as a SecureString (Read-Host -AsSecureString). Give this or -KeyPath.'
        VersionKeyPath = 'With -Name: the key file of an encrypted version store (-KeyPath is the backup repositorys own key).'
    }
    Inputs      = @('System.String')
    Examples    = @(
        @{ Title = 'Nightly backup with a key file'; Code = 'Backup-Dataset -Path /data/telemetry.csv -Destination /mnt/backup/dct -KeyPath ~/.dct/backup.key -Verbose'; Remarks = 'Verbose reports the new chunks and bytes written.' }
        @{ Title = 'Back up every saved version'; Code = 'Backup-Dataset -Name telemetry -Destination /mnt/backup/dct -Passphrase (Read-Host -AsSecureString)'; Remarks = '' }
    )
    Links       = @('Get-DatasetBackup', 'Test-DatasetBackup', 'Restore-Dataset', 'Remove-DatasetBackup', 'Save-DatasetVersion')
}

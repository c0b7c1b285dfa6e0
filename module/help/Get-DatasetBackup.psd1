@{
    Synopsis    = 'Lists the snapshots in a backup folder.'
    Description = @(
        'Get-DatasetBackup returns the snapshots of a backup folder, oldest first. Without a key it shows what the file names tell: snapshot id and time. With -KeyPath or -Passphrase it also decrypts each manifest and shows host, user, file count, total size and the files; a manifest that cannot be decrypted is reported as DataCenterTools.BackupCorrupt.'
    )
    Parameters  = @{
        Destination = 'The backup folder. -Source is accepted as an alias.'
        Snapshot    = 'Only this snapshot id.'
        KeyPath     = 'The key file, to read the manifests.'
        Passphrase  = 'The passphrase (SecureString), to read the manifests.'
    }
    Inputs      = @('None')
    Examples    = @(
        @{ Title = 'List snapshots'; Code = 'Get-DatasetBackup /mnt/backup/dct -KeyPath ./backup.key'; Remarks = 'Id, time, host, files and size of each snapshot.' }
        @{ Title = 'The files of the latest snapshot'; Code = '(Get-DatasetBackup /mnt/backup/dct -KeyPath ./backup.key)[-1].Files'; Remarks = '' }
    )
    Links       = @('Backup-Dataset', 'Restore-Dataset', 'Test-DatasetBackup')
}

@{
    Synopsis    = 'Verifies a backup folder: manifests, chunks present and, with -ReadData, every chunk decrypted and hashed.'
    Description = @(
        'Test-DatasetBackup decrypts and checks every snapshot manifest and that every chunk a snapshot needs is present. With -ReadData it also reads, decrypts, decompresses and hashes every chunk, which proves the backups can be restored.'
        'Each missing or altered manifest or chunk is written as a non-terminating error DataCenterTools.BackupCorrupt naming it (and the snapshot files that need a chunk). It returns a summary: snapshots and chunks checked, the problems, and Passed.'
    )
    Parameters  = @{
        Destination = 'The backup folder. -Source is accepted as an alias.'
        ReadData    = 'Also decrypt and hash every chunk (reads the whole repository).'
        KeyPath     = 'The key file. Give this or -Passphrase.'
        Passphrase  = 'The passphrase (SecureString). Give this or -KeyPath.'
    }
    Inputs      = @('None')
    Examples    = @(
        @{ Title = 'Full check after the nightly backup'; Code = 'if (-not (Test-DatasetBackup /mnt/backup/dct -ReadData -KeyPath ./backup.key).Passed) { throw ''backup damaged'' }'; Remarks = 'The errors name every damaged chunk or manifest.' }
    )
    Links       = @('Backup-Dataset', 'Restore-Dataset')
}

@{
    Synopsis    = 'Restores a backup snapshot''s files into a folder, verified, never partially.'
    Description = @(
        'Restore-Dataset restores the files of a snapshot (the latest by default) under -Destination, keeping their relative names. Each file is written to a temp file and its SHA-256 checked against the manifest; only when every file is complete and verified are they renamed into place, so a damaged chunk, a wrong key or a full disk never leaves a partial restore.'
        'Existing files are refused with DataCenterTools.FileExists (before anything is written) unless -Force. -WhatIf shows what would be restored.'
        'A symbolic link anywhere below -Destination (a folder of the snapshot that is a link, dest/sub -> /etc, or a file that is a link) is refused with DataCenterTools.DestinationHasSymlink before anything is written, -Force or not: restoring through it would put files outside the destination. Temporary files are owner-only while written, so partly decrypted data is never readable by others.'
    )
    Parameters  = @{
        Source      = 'The backup folder.'
        Snapshot    = 'The snapshot id (Get-DatasetBackup); default the latest. Accepts Id from the pipeline.'
        Destination = 'The folder to restore into; created if missing.'
        Force       = 'Replace existing files.'
        KeyPath     = 'The key file. Give this or -Passphrase.'
        Passphrase  = 'The passphrase (SecureString). Give this or -KeyPath.'
    }
    Inputs      = @('System.String')
    Examples    = @(
        @{ Title = 'Restore the latest snapshot'; Code = 'Restore-Dataset -Source /mnt/backup/dct -Destination ./restored -KeyPath ./backup.key'; Remarks = 'Returns the restored files.' }
        @{ Title = 'Restore an older snapshot'; Code = 'Get-DatasetBackup /mnt/backup/dct | Select-Object -First 1 | Restore-Dataset -Source /mnt/backup/dct -Destination ./old -KeyPath ./backup.key'; Remarks = '' }
    )
    Links       = @('Backup-Dataset', 'Get-DatasetBackup', 'Test-DatasetBackup')
}

@{
    Synopsis    = 'Prunes backup snapshots by a retention policy and frees the chunks no snapshot needs.'
    Description = @(
        'Remove-DatasetBackup keeps snapshots by the same rules as restic forget, walking from the newest snapshot back: -KeepLast n keeps the n newest; -KeepDaily n keeps the newest snapshot of each of the n most recent days that have a snapshot; -KeepWeekly n the same per ISO week; -KeepMonthly n per calendar month. Days, weeks and months are in UTC. A snapshot kept by any rule is kept; every other snapshot is removed.'
        'Then it deletes the chunks that no remaining snapshot references (and temp files left by interrupted backups); a chunk another snapshot needs is never deleted, and if any remaining manifest cannot be read nothing is deleted. The folder is locked while it prunes, so a concurrent backup waits.'
        'At least one -Keep* count is required (DataCenterTools.NoRetentionPolicy). It asks for confirmation per snapshot; -WhatIf shows which would be removed.'
    )
    Parameters  = @{
        Destination = 'The backup folder.'
        KeepLast    = 'Keep the n newest snapshots.'
        KeepDaily   = 'Keep the newest snapshot of each of the last n days that have one.'
        KeepWeekly  = 'Keep the newest snapshot of each of the last n ISO weeks that have one.'
        KeepMonthly = 'Keep the newest snapshot of each of the last n months that have one.'
        PassThru    = 'Return the removed snapshots.'
        KeyPath     = 'The key file (needed to read which chunks the kept snapshots use). Give this or -Passphrase.'
        Passphrase  = 'The passphrase (SecureString). Give this or -KeyPath.'
    }
    Inputs      = @('None')
    Examples    = @(
        @{ Title = 'Nightly retention'; Code = 'Remove-DatasetBackup /mnt/backup/dct -KeepDaily 7 -KeepWeekly 4 -KeepMonthly 6 -KeyPath ./backup.key -Confirm:$false'; Remarks = '' }
        @{ Title = 'Preview'; Code = 'Remove-DatasetBackup /mnt/backup/dct -KeepLast 3 -KeyPath ./backup.key -WhatIf'; Remarks = 'Lists the snapshots that would be removed; removes nothing.' }
    )
    Links       = @('Backup-Dataset', 'Get-DatasetBackup')
}

@{
    Synopsis    = 'Reads the records of a DataCenterTools audit log as objects.'
    Description = @(
        'Get-DataAuditLog reads the JSON Lines audit log that protect and unprotect operations append to and outputs one object per record: Sequence, Time (UTC), User, Host, Operation, Target, DatasetSha256, Columns, KeyId and Detail (a note some records carry: what a Repair-DataAuditLog record removed, why access was denied). Use -Last and -Operation to narrow it down, and Where-Object for anything else.'
        'It reads records; it does not check their MACs or the head anchor. Use Test-DataAuditLog for that before relying on the records.'
    )
    Parameters  = @{
        Path      = 'The audit log to read. Without it, the module''s log (audit.jsonl in $env:DATACENTERTOOLS_HOME or in DataCenterTools under the local application-data folder).'
        Last      = 'Outputs only the last N records (after -Operation filtering).'
        Operation = 'Keeps only records of these operations; wildcards allowed (for example Unprotect-*).'
    }
    Inputs      = @('System.IO.FileInfo')
    Examples    = @(
        @{ Title = 'Who decrypted files today'; Code = 'Get-DataAuditLog -Operation Unprotect-* | Where-Object Time -ge (Get-Date).Date.ToUniversalTime()'; Remarks = 'Time is UTC.' }
        @{ Title = 'The last ten records'; Code = 'Get-DataAuditLog -Last 10'; Remarks = '' }
    )
    Notes       = 'Errors: DataCenterTools.AuditLogNotFound, DataCenterTools.AuditLogDamaged (a line is not an audit record; Test-DataAuditLog names where the log was altered).'
    Links       = @('Test-DataAuditLog', 'Protect-DataFile')
}

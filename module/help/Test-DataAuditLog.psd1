@{
    Synopsis    = 'Verifies the hash chain of a DataCenterTools audit log and names the first altered or missing record.'
    Description = @(
        'Every protect and unprotect operation (Protect-DataFile, Unprotect-DataFile, Protect-Dataset, Unprotect-Dataset) appends a record to an append-only JSON Lines audit log: UTC time, user, host, operation, target, SHA-256 of the data, columns and key id (never a key). Each record carries a sequence number and the SHA-256 of the record before it.'
        'Test-DataAuditLog reads the log and checks that every record is well-formed, numbered in order and chained to the one before. It outputs one object (Path, Valid, RecordCount, FirstInvalidLine, Reason). When the chain is broken it also writes a DataCenterTools.AuditLogTampered error naming the line: an edited record breaks the chain at the record after it, a deleted record shows as a gap in the sequence numbers.'
    )
    Parameters  = @{
        KeyPath = 'The audit key the log was sealed with. Without it, the host audit key: audit.key in the DataCenterTools home (created owner-only by the first audited operation). Give it to check a copy of a log on another machine.'
        Path = 'The audit log to check. Without it, the module''s log: audit.jsonl in $env:DATACENTERTOOLS_HOME, or in DataCenterTools under the local application-data folder (~/.local/share on Linux). Accepts paths from the pipeline.'
    }
    Inputs      = @('System.String', 'System.IO.FileInfo')
    Examples    = @(
        @{ Title = 'Check the default log'; Code = 'Test-DataAuditLog'; Remarks = 'Valid is True when no record was changed, removed or reordered.' }
        @{ Title = 'Check a copy in a scheduled task'; Code = 'if (-not (Test-DataAuditLog -Path /srv/audit/audit.jsonl -ErrorAction SilentlyContinue).Valid) { Send-Alert }'; Remarks = 'Send-Alert stands for your own alerting.' }
    )
    Notes       = 'Errors: DataCenterTools.AuditLogTampered (the chain is broken; the error names the line), DataCenterTools.AuditLogNotFound. The chain shows edits and deletions inside the log; someone who can rewrite the whole file can rebuild the chain, so keep a copy of the log (or its last hash) elsewhere.'
    Links       = @('Protect-DataFile', 'Unprotect-DataFile')
}

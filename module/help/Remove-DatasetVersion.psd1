@{
    Synopsis    = 'Removes all but the newest versions of a name and frees the chunks nothing needs any more.'
    Description = @(
        'Remove-DatasetVersion keeps the -Keep newest versions of -Name and removes the older ones, then deletes from the shared store every chunk that no remaining version of any name references. Chunks shared with a kept version, or with another name, are never deleted.'
        'It asks for confirmation for each version (ConfirmImpact High); use -WhatIf to see what would be removed and -Confirm:$false in scheduled runbooks. The store is locked while it prunes, so a concurrent Save-DatasetVersion waits rather than losing chunks.'
    )
    Parameters  = @{
        Name     = 'The saved name to prune. Accepts Name from the pipeline.'
        Keep     = 'How many of the newest versions to keep (at least 1).'
        PassThru = 'Return the information of the removed versions.'
        KeyPath = 'The key file of an encrypted version store (New-DataProtectionKey). Default: $env:DATACENTERTOOLS_VERSION_KEY. Needed for every command on an encrypted store; refused for a plain one.'
    }
    Inputs      = @('System.String')
    Examples    = @(
        @{ Title = 'Keep the last ten versions'; Code = 'Remove-DatasetVersion -Name telemetry -Keep 10 -Confirm:$false -Verbose'; Remarks = 'Verbose says how many versions and chunks were removed and the bytes freed.' }
        @{ Title = 'See what would go'; Code = 'Remove-DatasetVersion -Name telemetry -Keep 3 -WhatIf'; Remarks = '' }
    )
    Links       = @('Save-DatasetVersion', 'Get-DatasetVersion')
}

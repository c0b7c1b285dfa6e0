@{
    Synopsis    = 'Shows how two versions of a dataset (or two datasets) differ, column by column.'
    Description = @(
        'Compare-DatasetVersion returns one object per column of either side: Change is Added, Removed, Retyped (the type changed), Changed or Unchanged, with both sides'' type, null count, mean (numeric columns) and distinct count, and the row counts of both sides (shown as the table''s group header).'
        'When both sides have the same number of rows and the column the same type, ChangedCells counts the cells that differ row by row; when the rows do not align it is empty and a column is Changed when its statistics differ.'
        'Give -Name with -ReferenceVersion (and -DifferenceVersion, default the latest), or two Datasets with -ReferenceDataset and -DifferenceDataset.'
    )
    Parameters  = @{
        Name              = 'The saved name whose versions to compare.'
        ReferenceVersion  = 'The older (reference) version number.'
        DifferenceVersion = 'The newer version number; default the latest.'
        ReferenceDataset  = 'The reference Dataset (instead of a saved version).'
        DifferenceDataset = 'The Dataset to compare with the reference.'
        KeyPath = 'The key file of an encrypted version store (New-DataProtectionKey). Default: $env:DATACENTERTOOLS_VERSION_KEY. Needed for every command on an encrypted store; refused for a plain one.'
    }
    Inputs      = @('None')
    Examples    = @(
        @{ Title = 'What changed since version 1'; Code = 'Compare-DatasetVersion -Name telemetry -ReferenceVersion 1'; Remarks = 'Compares version 1 with the latest.' }
        @{ Title = 'Only the columns that changed'; Code = 'Compare-DatasetVersion -Name telemetry -ReferenceVersion 3 -DifferenceVersion 4 | Where-Object Change -ne Unchanged'; Remarks = '' }
        @{ Title = 'Two datasets in memory'; Code = 'Compare-DatasetVersion $before $after'; Remarks = '' }
    )
    Links       = @('Save-DatasetVersion', 'Get-DatasetVersion', 'Compare-DataDistribution')
}

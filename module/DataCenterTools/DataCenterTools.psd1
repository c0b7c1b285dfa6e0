@{
    RootModule           = 'DataCenterTools.dll'
    ModuleVersion        = '0.1.0'
    GUID                 = '4f0c2f7e-9d51-4c57-9a53-0b7e3c1d2a61'
    Author               = 'DataCenterTools developers'
    CompanyName          = 'DataCenterTools'
    Copyright            = '(c) DataCenterTools developers. MIT licence.'
    Description          = 'Fast, typed, safe data preparation for the hosts that feed AI workloads: import, clean, profile, protect, keep and train on data from one PowerShell pipeline.'
    PowerShellVersion    = '7.6'
    CompatiblePSEditions = @('Core')
    FormatsToProcess     = @('DataCenterTools.Format.ps1xml')
    TypesToProcess       = @('DataCenterTools.Types.ps1xml')
    CmdletsToExport      = @(
        'Import-Dataset'
        'Export-Dataset'
        'ConvertTo-Dataset'
        'ConvertFrom-Dataset'
        'Select-DataFeature'
        'New-DataScaler'
        'Invoke-DataScaling'
        'New-DataEncoder'
        'Invoke-DataEncoding'
        'Split-Dataset'
        'Invoke-DataCleaning'
        'Import-DatasetLabel'
        'Measure-LabelAgreement'
        'Merge-DatasetLabel'
        'Find-LabelIssue'
        'Get-DataDistribution'
        'Merge-DataDistribution'
        'Compare-DataDistribution'
        'Get-DatasetInventory'
        'Export-DataChart'
        'Export-DataReport'
        'Start-ModelTraining'
        'Save-Model'
        'Import-Model'
        'Invoke-ModelPrediction'
        'Test-Model'
        'New-LabelingTask'
        'Invoke-AutoLabeling'
        'Save-DatasetVersion'
        'Get-DatasetVersion'
        'Compare-DatasetVersion'
        'Remove-DatasetVersion'
        'Backup-Dataset'
        'Get-DatasetBackup'
        'Test-DatasetBackup'
        'Restore-Dataset'
        'Remove-DatasetBackup'
        'Find-SensitiveData'
        'Test-DatasetAnonymity'
        'New-DataProtectionKey'
        'Test-DataAuditLog'
        'Get-DataAuditLog'
        'Protect-DataFile'
        'Unprotect-DataFile'
        'Register-Dataset'
        'Get-DatasetCatalog'
        'Unregister-Dataset'
        'Protect-Dataset'
        'Unprotect-Dataset'
        'Get-DataRecommendation'
        'Export-Model'
        'Export-ModelReport'
        'Test-DatasetLabel'
    )
    FunctionsToExport    = @()
    AliasesToExport      = @()
    VariablesToExport    = @()
    PrivateData          = @{
        PSData = @{
            Tags       = @('Data', 'ETL', 'CSV', 'Parquet', 'MachineLearning', 'Privacy', 'DataCenter')
            LicenseUri = 'https://opensource.org/licenses/MIT'
        }
    }
}

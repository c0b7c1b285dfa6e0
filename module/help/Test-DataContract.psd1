@{
    Synopsis    = 'Checks datasets or data files against a data contract: one object per broken rule (rule, column, rows, where, values) and a summary with Passed.'
    Description = @(
        'Test-DataContract checks each rule of -Contract (a contract file, see about_DataContract, or New-DataContract''s object) a column at a time over the typed arrays, and writes one DataContractViolation per broken rule: Rule (Type, NotNull, Range, AllowedValues, Pattern, Unique, RowCount, Freshness), Column, Count (rows that broke it), Lines (where the first five are), LineKind (SourceLine: 1-based lines of the file the data was read from, kept through Import-Dataset of CSV, TSV and JSON Lines; RowIndex: 0-based row indexes, for data that was transformed or came from Parquet or objects), Samples (their values) and Message. Then one DataContractResult per dataset or file: Dataset, Passed, RulesChecked, Violations (rules broken), Rows, Contract, AsOf, Elapsed.'
        'With -Path, CSV, TSV and JSON Lines files stream through in chunks (memory holds one chunk, the key''s values and five examples per rule); Parquet files are read whole. Columns the contract types as String are read as text, so "007" keeps its zeros. Int64 values satisfy a Double rule; a cell of another kind than the rule''s type (text in a number column, 2.5 in an Int64 column) is a Type violation. Rows with a missing key cell are not compared for uniqueness (as SQL''s UNIQUE); times without a zone are taken as UTC for freshness.'
        'A check that checks nothing never passes: a contract without a rule is DataCenterTools.DataContractEmpty, a rule on a column the data does not have is DataContractColumnNotFound, a file that is not valid JSON is DataContractMalformed (with its line and column), an unknown version DataContractUnsupportedVersion, and a misspelt property or contradictory rule DataContractInvalid. These errors about the contract itself are terminating; one file that cannot be read is a non-terminating error and the other files go on.'
        '-ErrorOnViolation ends the command, after writing every violation and summary, with the error DataCenterTools.DataContractViolated when any rule was broken or any input could not be checked. The error ends the whole script, as -ErrorAction Stop would, whatever $ErrorActionPreference is: a runbook run with pwsh -File exits with code 1; try/catch or trap can handle it ($_.FullyQualifiedErrorId is DataCenterTools.DataContractViolated).'
    )
    Parameters  = @{
        Contract         = 'The contract: the path of a contract JSON file, or a DataContract object from New-DataContract.'
        Dataset          = 'The dataset to check. Accepts Datasets from the pipeline.'
        Path             = 'Data files to check (wildcards allowed), streamed in chunks for CSV, TSV and JSON Lines. Accepts FullName from the pipeline (Get-ChildItem).'
        AsOf             = 'The time freshness is measured against. Default: now (UTC). Times without a zone are taken as UTC.'
        ErrorOnViolation = 'After writing the results, end the script with the error DataCenterTools.DataContractViolated when a rule was broken or an input could not be checked, so a runbook stops and pwsh -File exits with code 1.'
    }
    Inputs      = @('DataCenterTools.Core.Data.Dataset', 'System.String (FullName)')
    Examples    = @(
        @{
            Title   = 'Check a dataset and look at what broke'
            Code    = '$ds = Import-Dataset ./telemetry.csv
$ds | Test-DataContract -Contract ./telemetry.contract.json'
            Remarks = 'Violations first (Rule, Column, Count, At: the first file lines, Samples), then the summary line with Passed.'
        }
        @{
            Title   = 'A quality gate in a scheduled runbook'
            Code    = 'Get-ChildItem /data/incoming/*.csv | Test-DataContract -Contract /etc/dct/telemetry.contract.json -ErrorOnViolation | Out-File /var/log/dct/contract.log
# reached only when every file passed'
            Remarks = 'pwsh -File gate.ps1 exits with code 1 when any file breaks the contract.'
        }
    )
    Links       = @('New-DataContract', 'about_DataContract', 'Compare-DataDistribution')
}

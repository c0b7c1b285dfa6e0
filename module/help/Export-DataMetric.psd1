@{
    Synopsis    = 'Writes what the pipeline produced as Prometheus metrics for node_exporter''s textfile collector, atomically.'
    Description = @(
        'Export-DataMetric collects the objects piped to it and, at the end of the pipeline, writes one file in the Prometheus text exposition format (0.0.4): per metric one HELP and one TYPE line, metrics in name order, samples in label order, label values escaped (\\, \", \n), names sanitized to [a-zA-Z_:][a-zA-Z0-9_:]*, NaN and +Inf/-Inf spelled as the format reads them, no timestamps (the textfile collector refuses them). Every sample carries host (-HostName) and the -Label pairs.'
        'The file is written to a temp file in the same folder (named .<name>.dct-<pid>-<random>.tmp, which the collector skips as it reads only *.prom) and renamed into place, as the textfile collector''s documentation asks, so node_exporter never serves half a file. An existing file is replaced only with -Force. A folder the user cannot write is DataCenterTools.MetricsFolderNotWritable; a missing folder is DataCenterTools.DirectoryNotFound.'
        'What each input gives (all gauges, base units: bytes, seconds, ratios 0 to 1): Dataset: dct_dataset_rows, dct_dataset_columns, dct_dataset_memory_bytes, dct_dataset_source_bytes, dct_dataset_bad_rows, dct_dataset_missing_cells{column}. DataContractResult (Test-DataContract), per dataset and contract (the contract file''s name): dct_contract_passed (1 or 0), dct_contract_rules, dct_contract_rules_violated, dct_contract_rows, dct_contract_check_duration_seconds; DataContractViolation: dct_contract_violation_rows{rule,column} (rows that broke the rule). ColumnDrift (Compare-DataDistribution): dct_drift_score, dct_drift_threshold, dct_drift_detected{column,method}. LabelAgreement (Measure-LabelAgreement): dct_label_items, dct_label_annotators, dct_label_agreement_ratio, dct_label_fleiss_kappa, dct_label_krippendorff_alpha. BackupSnapshot (Get-DatasetBackup), per repository: dct_backup_snapshots, dct_backup_last_snapshot_timestamp_seconds, dct_backup_age_seconds, dct_backup_size_bytes. BackupVerification (Test-DatasetBackup): dct_backup_verify_passed, dct_backup_verify_problems, dct_backup_verify_chunks, dct_backup_verify_timestamp_seconds.'
        'CatalogEntry (Get-DatasetCatalog): dct_catalog_datasets, dct_catalog_versions, dct_catalog_size_bytes, dct_catalog_rows. DatasetVersionInfo (Get-DatasetVersion -List): dct_version_saved, dct_version_latest, dct_version_last_timestamp_seconds. DatasetFileInfo (Get-DatasetInventory), per format: dct_inventory_files, dct_inventory_bytes, dct_inventory_rows. TokenCountSummary (Measure-TextToken -ReportVariable): dct_text_documents, dct_text_tokens, dct_text_tokens_max, dct_text_token_count_duration_seconds{tokenizer}. CorpusFileResult (the streaming text cmdlets): dct_corpus_documents_in, dct_corpus_documents_out, dct_corpus_documents_rejected, dct_corpus_duration_seconds{unit}. TimeSpan or Stopwatch: dct_run_duration_seconds{run}. A hashtable @{ Name = ''rows_rejected''; Value = 3; Help = ''...''; Labels = @{ step = ''import'' } } gives a gauge named dct_<Name>. Always: dct_metrics_written_timestamp_seconds. Any other input is a DataCenterTools.MetricInputNotSupported error.'
        'A Grafana dashboard for these metrics ships as examples/grafana-dashboard.json (import it in Grafana and pick the Prometheus that scrapes node_exporter): host and dataset variables, and panels for the time since the last run, rows, bytes, missing cells per column, drift, contracts, backups, tokens and run durations.'
    )
    Parameters  = @{
        Path         = 'The .prom file to write, in the folder node_exporter reads with --collector.textfile.directory (Debian: /var/lib/prometheus/node-exporter; many installs: /var/lib/node_exporter/textfile).'
        InputObject  = 'The objects to turn into metrics: the module''s output objects listed in the description, TimeSpan or Stopwatch, or hashtables. Accepts pipeline input.'
        DatasetLabel = 'The dataset label for every input, overriding a Dataset''s own name; ColumnDrift and the token summaries carry no name of their own, so give it for them.'
        Label        = 'Labels added to every sample, e.g. @{ env = ''prod''; cluster = ''a'' }. Names the metrics set themselves (host, dataset, column, ...) are DataCenterTools.MetricLabelReserved.'
        HostName     = 'The host label of every sample. Defaults to the machine name.'
        Run          = 'The run label of TimeSpan and Stopwatch inputs (dct_run_duration_seconds{run="..."}). Defaults to total.'
        Force        = 'Replace an existing metrics file (a scheduled run needs it from its second run on).'
        PassThru     = 'Write the FileInfo of the metrics file.'
    }
    Inputs      = @('DataCenterTools.Core.Data.Dataset', 'DataCenterTools.Core.Operations.DataContractResult', 'DataCenterTools.Core.Operations.DataContractViolation', 'DataCenterTools.Core.Distribution.ColumnDrift', 'DataCenterTools.Core.Labeling.LabelAgreement', 'DataCenterTools.Core.Management.BackupSnapshot', 'System.Collections.Hashtable')
    Outputs     = @('System.IO.FileInfo')
    Examples    = @(
        @{
            Title   = 'Rows, bytes and missing cells of a nightly import'
            Code    = 'Import-Dataset telemetry.csv | Export-DataMetric -Path /var/lib/node_exporter/textfile/dct.prom -Force'
            Remarks = 'node_exporter serves dct_dataset_rows{dataset="telemetry",host="..."} and the others on its next scrape.'
        }
        @{
            Title   = 'Drift verdicts, backup state and the run''s duration in one file'
            Code    = '$clock = [Diagnostics.Stopwatch]::StartNew(); $drift = Compare-DataDistribution -Reference $ref -Current $ds; @($drift) + @(Get-DatasetBackup -Repository /backup) + $clock | Export-DataMetric -Path /var/lib/node_exporter/textfile/dct.prom -DatasetLabel telemetry -Label @{ env = ''prod'' } -Force'
            Remarks = 'Alert on max(dct_drift_detected) > 0 or dct_backup_age_seconds > 86400.'
        }
    )
    Links       = @('Test-DataContract', 'Compare-DataDistribution', 'Get-DatasetBackup', 'Test-DatasetBackup', 'Measure-TextToken')
}

namespace DataCenterTools.Core.Operations;

/// <summary>
/// Every metric family Export-DataMetric writes, with its HELP text: the one list the writer, the help and the
/// Grafana dashboard test read. All are gauges (each is the state at the time of the run, not a count that only
/// grows), so none ends in _total; sizes are in bytes, times in seconds since the Unix epoch, ratios 0 to 1.
/// Every sample also carries host (the machine name, or -HostName).
/// </summary>
public static class DataMetricFamilies
{
    private static MetricFamily Gauge(string name, string help, params string[] labels) => new(name, MetricType.Gauge, help) { Labels = labels };

    // Dataset (Import-Dataset and every verb's output)
    public static readonly MetricFamily DatasetRows = Gauge("dct_dataset_rows", "Rows of the dataset.", "dataset");
    public static readonly MetricFamily DatasetColumns = Gauge("dct_dataset_columns", "Columns of the dataset.", "dataset");
    public static readonly MetricFamily DatasetMemoryBytes = Gauge("dct_dataset_memory_bytes", "Estimated bytes the dataset holds in memory.", "dataset");
    public static readonly MetricFamily DatasetSourceBytes = Gauge("dct_dataset_source_bytes", "Size in bytes of the file the dataset was read from.", "dataset");
    public static readonly MetricFamily DatasetMissingCells = Gauge("dct_dataset_missing_cells", "Missing (null) cells of one column.", "dataset", "column");
    public static readonly MetricFamily DatasetBadRows = Gauge("dct_dataset_bad_rows", "Rows the import set aside as bad (Import-Dataset -BadRowAction).", "dataset");

    // ColumnDrift (Compare-DataDistribution)
    public static readonly MetricFamily DriftScore = Gauge("dct_drift_score", "Drift score of one column: a p-value for KolmogorovSmirnov and ChiSquare, else the distance or PSI.", "dataset", "column", "method");
    public static readonly MetricFamily DriftThreshold = Gauge("dct_drift_threshold", "The threshold the drift score is compared with.", "dataset", "column", "method");
    public static readonly MetricFamily DriftDetected = Gauge("dct_drift_detected", "1 when the column drifted, else 0.", "dataset", "column", "method");

    // DataContractResult and DataContractViolation (Test-DataContract); contract is the contract file's name
    public static readonly MetricFamily ContractPassed = Gauge("dct_contract_passed", "1 when the data kept every rule of the contract, else 0.", "dataset", "contract");
    public static readonly MetricFamily ContractRules = Gauge("dct_contract_rules", "Rules of the contract that were checked.", "dataset", "contract");
    public static readonly MetricFamily ContractRulesViolated = Gauge("dct_contract_rules_violated", "Rules of the contract the data broke.", "dataset", "contract");
    public static readonly MetricFamily ContractRows = Gauge("dct_contract_rows", "Rows checked against the contract.", "dataset", "contract");
    public static readonly MetricFamily ContractCheckDuration = Gauge("dct_contract_check_duration_seconds", "How long checking the contract took.", "dataset", "contract");
    public static readonly MetricFamily ContractViolationRows = Gauge("dct_contract_violation_rows", "Rows that broke one rule (for Freshness the timestamps seen, for RowCount the rows).", "dataset", "contract", "rule", "column");

    // LabelAgreement (Measure-LabelAgreement)
    public static readonly MetricFamily LabelItems = Gauge("dct_label_items", "Items in the label set.", "dataset");
    public static readonly MetricFamily LabelAnnotators = Gauge("dct_label_annotators", "Annotators in the label set.", "dataset");
    public static readonly MetricFamily LabelAgreementRatio = Gauge("dct_label_agreement_ratio", "Share (0 to 1) of items with two or more labels on which all labels agree.", "dataset");
    public static readonly MetricFamily LabelFleissKappa = Gauge("dct_label_fleiss_kappa", "Fleiss' kappa of the label set (NaN when undefined).", "dataset");
    public static readonly MetricFamily LabelKrippendorffAlpha = Gauge("dct_label_krippendorff_alpha", "Krippendorff's alpha of the label set (NaN when undefined).", "dataset");

    // BackupSnapshot (Get-DatasetBackup), per repository
    public static readonly MetricFamily BackupSnapshots = Gauge("dct_backup_snapshots", "Snapshots in the backup repository.", "repository");
    public static readonly MetricFamily BackupLastSnapshotTimestamp = Gauge("dct_backup_last_snapshot_timestamp_seconds", "Time of the newest snapshot, seconds since the Unix epoch.", "repository");
    public static readonly MetricFamily BackupAge = Gauge("dct_backup_age_seconds", "Age of the newest snapshot when the metrics were written.", "repository");
    public static readonly MetricFamily BackupSizeBytes = Gauge("dct_backup_size_bytes", "Bytes of the files in the newest snapshot (known when its manifest was read with the key).", "repository");

    // BackupVerification (Test-DatasetBackup)
    public static readonly MetricFamily BackupVerifyPassed = Gauge("dct_backup_verify_passed", "1 when the last Test-DatasetBackup found no problem, else 0.", "repository");
    public static readonly MetricFamily BackupVerifyProblems = Gauge("dct_backup_verify_problems", "Problems (missing or altered manifests or chunks) the last verify found.", "repository");
    public static readonly MetricFamily BackupVerifyChunks = Gauge("dct_backup_verify_chunks", "Chunks the last verify checked.", "repository");
    public static readonly MetricFamily BackupVerifyTimestamp = Gauge("dct_backup_verify_timestamp_seconds", "When the verify result was written, seconds since the Unix epoch.", "repository");

    // CatalogEntry (Get-DatasetCatalog)
    public static readonly MetricFamily CatalogDatasets = Gauge("dct_catalog_datasets", "Dataset names in the catalog output.");
    public static readonly MetricFamily CatalogVersions = Gauge("dct_catalog_versions", "Registered versions of the dataset.", "dataset");
    public static readonly MetricFamily CatalogSizeBytes = Gauge("dct_catalog_size_bytes", "Size of the newest registered version's file.", "dataset");
    public static readonly MetricFamily CatalogRows = Gauge("dct_catalog_rows", "Rows of the newest registered version.", "dataset");

    // DatasetVersionInfo (Get-DatasetVersion -List)
    public static readonly MetricFamily VersionsSaved = Gauge("dct_version_saved", "Saved versions of the dataset.", "dataset");
    public static readonly MetricFamily VersionLatest = Gauge("dct_version_latest", "Number of the newest saved version.", "dataset");
    public static readonly MetricFamily VersionLastTimestamp = Gauge("dct_version_last_timestamp_seconds", "Time of the newest saved version, seconds since the Unix epoch.", "dataset");

    // DatasetFileInfo (Get-DatasetInventory), per format
    public static readonly MetricFamily InventoryFiles = Gauge("dct_inventory_files", "Data files found, per format.", "format");
    public static readonly MetricFamily InventoryBytes = Gauge("dct_inventory_bytes", "Bytes of the data files found, per format.", "format");
    public static readonly MetricFamily InventoryRows = Gauge("dct_inventory_rows", "Rows of the data files found, per format.", "format");

    // TokenCountSummary (Measure-TextToken -ReportVariable)
    public static readonly MetricFamily TextDocuments = Gauge("dct_text_documents", "Documents whose tokens were counted.", "dataset", "tokenizer");
    public static readonly MetricFamily TextTokens = Gauge("dct_text_tokens", "Tokens counted.", "dataset", "tokenizer");
    public static readonly MetricFamily TextTokensMax = Gauge("dct_text_tokens_max", "Tokens of the longest document.", "dataset", "tokenizer");
    public static readonly MetricFamily TextTokenCountDuration = Gauge("dct_text_token_count_duration_seconds", "How long counting the tokens took.", "dataset", "tokenizer");

    // CorpusFileResult (the streaming text cmdlets with -Path -OutputPath)
    public static readonly MetricFamily CorpusDocumentsIn = Gauge("dct_corpus_documents_in", "Documents read from one corpus file.", "dataset", "unit");
    public static readonly MetricFamily CorpusDocumentsOut = Gauge("dct_corpus_documents_out", "Documents written for one corpus file.", "dataset", "unit");
    public static readonly MetricFamily CorpusDocumentsRejected = Gauge("dct_corpus_documents_rejected", "Documents dropped from one corpus file.", "dataset", "unit");
    public static readonly MetricFamily CorpusDuration = Gauge("dct_corpus_duration_seconds", "How long processing one corpus file took (0 when a re-run skipped it).", "dataset", "unit");

    // TimeSpan or Stopwatch (the runbook's own clock)
    public static readonly MetricFamily RunDuration = Gauge("dct_run_duration_seconds", "How long a step of the run took.", "run");

    // Always written
    public static readonly MetricFamily Written = Gauge("dct_metrics_written_timestamp_seconds", "When Export-DataMetric wrote this file, seconds since the Unix epoch.");

    /// <summary>Every family above (custom metrics from a hashtable come on top).</summary>
    public static IReadOnlyList<MetricFamily> All { get; } = typeof(DataMetricFamilies)
        .GetFields(System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Static)
        .Where(f => f.FieldType == typeof(MetricFamily)).Select(f => (MetricFamily)f.GetValue(null)!).ToArray();
}

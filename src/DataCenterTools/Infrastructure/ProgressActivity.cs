namespace DataCenterTools.Infrastructure;

/// <summary>
/// The progress activity id of each cmdlet (or family of cmdlets sharing a base class), in one place: PowerShell
/// draws one bar per id, so two cmdlets in one pipeline that picked the same number would overwrite each other's bar.
/// An enum keeps them distinct by construction.
/// </summary>
internal enum ProgressActivity
{
    ImportDataset = 1,
    ExportDataset,
    ConvertFromDataset,
    BackupStore,
    DatasetVersion,
    DataCleaning,
    SelectDataFeature,
    AutoLabeling,
    MergeDatasetLabel,
    TextCorpus,
    ExportTrainingShard,
    GetDataDistribution,
    CompareDataDistribution,
    GetDatasetInventory,
    InvokeDataFleet,
    RegisterDataset,
    ExportDataReport,
    ExportModelReport,
    TestDataContract,
    DataFileCrypto,
    StartModelTraining,
    GetDataRecommendation,
    FindLabelIssue,
    FindSensitiveData,
    MeasureDataResource,
}

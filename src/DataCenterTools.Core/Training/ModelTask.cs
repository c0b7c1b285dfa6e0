namespace DataCenterTools.Core.Training;

/// <summary>What a model predicts.</summary>
public enum ModelTask
{
    Auto,
    Regression,
    BinaryClassification,
    MulticlassClassification,
    /// <summary>Which items a user will like: matrix factorization of (user, item, rating) or implicit (user, item[, count]) rows.</summary>
    Recommendation,
}

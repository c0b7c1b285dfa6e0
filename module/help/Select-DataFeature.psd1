@{
    Synopsis    = 'Keeps the feature columns that score best against a target (or by variance), or shows every score.'
    Description = @(
        'Select-DataFeature scores each numeric candidate column and returns the Dataset with the chosen columns plus the target (columns keep their order). With -Scores it returns one FeatureScore per candidate instead: Column, Method, Score, PValue, Rank and Selected. The input Dataset is never changed, and the result records the selection in its lineage.'
        'Methods: Variance is the population variance (ddof 0, as scikit-learn''s VarianceThreshold) and needs no target. Correlation is the absolute Pearson r with a numeric target; its p-value tests r = 0. FTest is scikit-learn''s f_regression for a numeric target (F = r^2 (n-2) / (1-r^2), p from F(1, n-2); a constant feature scores 0 with p = 1) and f_classif, the one-way ANOVA F with p from F(k-1, n-k), for a categorical target. Chi2 is scikit-learn''s chi2: observed = the feature''s sum within each class, features must be non-negative, p from chi-square with k-1 degrees of freedom. MutualInformation is a binned plug-in estimate in nats: each numeric variable is cut into -Bins equal-frequency bins by rank (ties share a bin); it is deterministic, but it is not scikit-learn''s k-nearest-neighbour estimator, so its values differ from mutual_info_classif and mutual_info_regression.'
        'How many to keep: -K keeps the K best (default 10; a K above the number of candidates keeps them all and warns). -Percentile keeps that share of the candidates by scikit-learn''s SelectPercentile rule. -Threshold keeps scores at or above the threshold (for Variance: strictly above, as VarianceThreshold). Variance without -K, -Percentile or -Threshold keeps every non-constant column. Ranking is by score, highest first; NaN scores rank last; on a tie the earlier column wins (scikit-learn''s SelectKBest keeps the later one).'
        'The target is read as class labels when it is a String or Boolean column (or with -TargetType Categorical), and as numbers when it is Int64 or Double. Chi2 always reads it as labels; Correlation always as numbers.'
        'Candidates are all numeric columns (Int64, Double, Boolean as 0/1) except the target, or the -Column list, less -Exclude. String and DateTime candidates are skipped with a warning. A column that is a one-to-one recoding of a categorical target (like iris''s numeric target beside target_name) is target leakage and is skipped with a warning unless named in -Column. Rows with a missing value (or NaN) in the target or any candidate are left out of the scoring and a warning says how many; Variance uses each column''s own non-missing values.'
        'Errors (non-terminating, one per Dataset): DataCenterTools.ColumnNotFound, ConstantTarget (a target with one value), TargetRequired, TargetNotNumeric, TargetTypeMismatch, UnsupportedTargetType, NoCandidateFeatures, NoCompleteRows, TooFewRows and NegativeFeatureValue (Chi2); each names the column.'
    )
    Parameters  = @{
        Dataset    = 'The Dataset to select from. Accepts Datasets from the pipeline.'
        Target     = 'The column to predict. Required for every method but Variance; kept in the output.'
        Method     = 'How to score: Variance, Correlation, FTest (default), MutualInformation or Chi2.'
        K          = 'Keep the K best-scoring features (default 10).'
        Percentile = 'Keep this percentage (0-100) of the candidate features, as scikit-learn''s SelectPercentile.'
        Threshold  = 'Keep features whose score is at least this (Variance: greater than this).'
        TargetType = 'Auto (default: String and Boolean are categorical, numbers numeric), Numeric or Categorical.'
        Column     = 'Score only these columns. A column named here is scored even if it recodes the target.'
        Exclude    = 'Leave these columns out of the candidates (they are dropped from the output).'
        Bins       = 'The number of equal-frequency bins for MutualInformation (default 10).'
        Scores     = 'Return the scores (one FeatureScore per candidate) instead of the Dataset.'
    }
    Inputs      = @('DataCenterTools.Core.Data.Dataset')
    Examples    = @(
        @{
            Title   = 'Keep the two features that best separate the classes'
            Code    = 'Import-Dataset ./examples/data/iris.csv | Select-DataFeature -Target target_name -Method FTest -K 2'
            Remarks = 'Keeps petal length, petal width and target_name. The numeric target column recodes target_name, so it is skipped with a warning.'
        }
        @{
            Title   = 'See every score and p-value'
            Code    = 'Import-Dataset ./examples/data/iris.csv | Select-DataFeature -Target target_name -Method Chi2 -K 2 -Scores'
            Remarks = 'One row per candidate with its chi-square score, p-value, rank and whether it was selected.'
        }
        @{
            Title   = 'Drop constant and near-constant metrics'
            Code    = '$ds | Select-DataFeature -Method Variance -Threshold 0.01'
            Remarks = 'Keeps the numeric columns whose population variance is above 0.01; no target needed.'
        }
    )
    Notes       = @(
        'Expected values in the tests were computed with scikit-learn and scipy; the F and chi-square p-values come from the regularized incomplete beta and gamma functions (Numerical Recipes continued fractions).'
    )
    Links       = @('Import-Dataset', 'ConvertFrom-Dataset')
}

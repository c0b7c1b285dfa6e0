@{
    Synopsis    = 'Splits a Dataset into training and test rows: seeded random, stratified, grouped or time-ordered.'
    Description = @(
        'Split-Dataset returns one SplitResult with two Datasets, Train (named <name>-train) and Test (named <name>-test), plus the Strategy, TrainFraction and Seed used. Pipe $split.Train and $split.Test on. Each side keeps the rows in their original order, and each gets a lineage step (Split-Dataset with Side, Strategy, TrainFraction, Seed and the column).'
        'Random (the default): a shuffle of all rows; round(TrainFraction x rows) train. Same -Seed, same split on every machine and .NET version: the shuffle is Fisher-Yates driven by SplitMix64, a fixed, documented generator. Without -Seed a seed is drawn at random and reported in the result (and lineage) so the split can be repeated.'
        '-StratifyBy: the shuffle runs within each class of the column, so each side keeps the class proportions; each class goes to both sides (round(TrainFraction x class rows), at least one row per side), and a class with a single row is an error (DataCenterTools.StratifyClassTooSmall).'
        '-GroupBy: whole groups are shuffled and round(TrainFraction x groups) groups train (as scikit-learn''s GroupShuffleSplit), so every row of a host, say, lands on one side.'
        '-TimeColumn: no shuffle; rows are ordered by time (ties keep file order) and the earliest train, the latest test. The column must be DateTime or numeric, without missing values.'
        '-GroupBy <user> -LeaveLastOut N -OrderBy <time>: per group (a user), its latest N rows by the -OrderBy column (DateTime or numeric, no missing values; ties keep file order) test and the earlier ones train ("leave last N out", how recommenders are measured: every test user is known in training). A group with N rows or fewer stays whole on the training side. -TrainFraction is not used; the result''s TrainFraction is the share that trained (4 decimals). -OrderBy without -LeaveLastOut is an error (DataCenterTools.OrderByWithoutLeaveLastOut).'
        'A missing value in a stratify or group column is a class or group of its own. A fraction outside (0, 1), or one that leaves a side empty, is an error (DataCenterTools.FractionOutOfRange, DataCenterTools.SplitSideEmpty).'
    )
    Parameters  = @{
        Dataset       = 'The Dataset to split. Accepts Datasets from the pipeline; one SplitResult per Dataset. It is not modified.'
        TrainFraction = 'The share of rows (of groups with -GroupBy) that go to training, strictly between 0 and 1. Default 0.8.'
        Seed          = 'The shuffle seed. The same seed gives the same split everywhere. Not used with -TimeColumn.'
        StratifyBy    = 'A column whose class proportions both sides keep (usually the label).'
        GroupBy       = 'A column whose values are kept together: all rows of one value go to the same side.'
        TimeColumn    = 'A DateTime or numeric column: the earliest rows train, the latest test, without shuffling.'
        LeaveLastOut  = 'With -GroupBy and -OrderBy: each group''s latest N rows go to the test side.'
        OrderBy       = 'With -LeaveLastOut: the DateTime or numeric column that orders each group''s rows (e.g. the rating time).'
    }
    Inputs      = @('DataCenterTools.Core.Data.Dataset')
    Examples    = @(
        @{
            Title   = 'A reproducible 80/20 split'
            Code    = '$split = Import-Dataset ./iris.csv | Split-Dataset -TrainFraction 0.8 -Seed 42 -StratifyBy species
$split.Train | Export-Dataset ./iris-train.parquet
$split.Test  | Export-Dataset ./iris-test.parquet'
            Remarks = 'Both files keep the species proportions of the original.'
        }
        @{
            Title   = 'Never train and test on the same host'
            Code    = '$split = $telemetry | Split-Dataset -GroupBy host -Seed 7'
            Remarks = 'A model evaluated on hosts it never saw.'
        }
        @{
            Title   = 'Forecasting: train on the past, test on the future'
            Code    = '$split = $telemetry | Split-Dataset -TimeColumn timestamp -TrainFraction 0.75'
            Remarks = 'The earliest 75 % of rows train.'
        }
    )
    Links       = @('New-DataScaler', 'New-DataEncoder')
}

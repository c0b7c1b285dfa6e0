@{
    Synopsis    = 'Finds the rows whose label is likely wrong by confident learning on out-of-fold predicted probabilities, or returns the dataset without them.'
    Description = @(
        'Find-LabelIssue deals the labelled rows into -Folds seeded folds, trains a classifier on the other folds and predicts each held-out fold, so every row gets class probabilities from a model that never saw its label. The classifier is ML.NET''s L-BFGS logistic regression for two classes and its L-BFGS maximum-entropy model for more; the features are encoded as Start-ModelTraining does (numbers, one-hot or hashed strings, text, DateTime parts). Rows without a label are neither used nor flagged.'
        'It then applies confident learning (Northcutt, Jiang and Chuang 2021). Each class c gets a threshold t_c: the mean out-of-fold probability of c over the rows given label c (the mean self-confidence of that class). A row is counted as the most probable of the classes whose probability reaches their threshold (the confident joint); it is flagged when that class is not its given label AND its probability is above the given label''s probability. This is the confident joint''s off-diagonal rule (cleanlab''s filter_by=''confident_learning''), tightened by the second condition; it is not cleanlab''s default prune_by_noise_rate, which additionally caps the count per class pair by the estimated noise rate.'
        'The output is one LabelIssue per flagged row, lowest self-confidence first: Row (0-based, in the input dataset), GivenLabel, SuggestedLabel (the class it was counted as), SelfConfidence (the probability of the given label) and SuggestedConfidence (the probability of the suggested label). With -Remove the output is a new Dataset without the flagged rows (recorded in its lineage); -WhatIf then says how many rows would be removed and returns nothing. The input dataset is never changed. -Verbose prints the class thresholds and the seed.'
        'When no row is flagged, one line says so on the console ("No likely wrong ... label found in ..."), also in -Verbose; -InformationAction Ignore silences that line and -InformationVariable captures it (tag DataCenterTools.NothingFound). With -Remove the dataset is then returned unchanged in content.'
        'Errors: DataCenterTools.LabelNotFound, DataCenterTools.FeatureNotFound, DataCenterTools.LabelIsFeature, DataCenterTools.NoFeatures, DataCenterTools.LabelSingleClass (fewer than two classes, or a training fold with a single class), DataCenterTools.LabelNotCategorical (more than 100 distinct labels), DataCenterTools.FoldsOutOfRange.'
    )
    Parameters  = @{
        Dataset = 'The labelled Dataset. Accepts Datasets from the pipeline.'
        Label   = 'The column holding the given labels (string, integer or boolean classes).'
        Feature = 'The columns the classifier learns from (default: every column but the label).'
        Folds   = 'The number of cross-validation folds, 2 to 100 (default 5). Each row is predicted by a model trained on the other folds.'
        Seed    = 'Seeds the fold assignment and the trainers, so a run can be repeated exactly (default: a random seed, shown by -Verbose).'
        Remove  = 'Return the dataset without the flagged rows instead of the issue list.'
        WhatIf  = 'With -Remove: says how many rows would be removed and returns nothing.'
        Confirm = 'With -Remove: asks before returning the dataset without the flagged rows.'
    }
    Inputs      = @('DataCenterTools.Core.Data.Dataset')
    Examples    = @(
        @{
            Title   = 'The likely wrong labels in iris'
            Code    = 'Import-Dataset ./examples/data/iris.csv | Find-LabelIssue species -Seed 1'
            Remarks = 'One row per suspect label with the class the models suggest instead.'
        }
        @{
            Title   = 'Drop them before training'
            Code    = '$clean = $ds | Find-LabelIssue label -Folds 10 -Seed 7 -Remove; $clean | Start-ModelTraining label'
            Remarks = 'Add -WhatIf to see how many rows would go.'
        }
    )
    Notes       = @('Northcutt, C. G., Jiang, L. and Chuang, I. L. (2021), Confident learning: estimating uncertainty in dataset labels, Journal of Artificial Intelligence Research 70:1373-1411.')
    Links       = @('Merge-DatasetLabel', 'Start-ModelTraining', 'Split-Dataset')
}

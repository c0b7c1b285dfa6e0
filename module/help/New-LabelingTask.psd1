@{
    Synopsis    = 'Picks rows for people to label (random, stratified or the ones a model is least sure about) and writes a Label Studio import file.'
    Description = @(
        'New-LabelingTask chooses -Count rows of a Dataset and writes them as a Label Studio JSON import file: a JSON array with one task per row, {"data": {column: value, ...}, "meta": {"row": <row index in the Dataset>, "sampling": "Random"}}. "data" holds the -Column columns (all by default) with their JSON types: Int64 and Double as numbers, Boolean as true/false, DateTime as an ISO 8601 string, text as a string, missing as null. In Label Studio, refer to a column as $name in the labelling config (e.g. <Text name="text" value="$text"/>). "meta.row" lets you join the annotations back to the Dataset (Import-DatasetLabel).'
        'Random draws rows uniformly without replacement. Stratified keeps the share of each class of -StratifyBy: a class with n_c of the N rows gets floor(Count*n_c/N) tasks and the rows left over go to the classes with the largest remainders (missing values are a class of their own). Both list the tasks in row order and are the same for the same -Seed; without -Seed a random seed is drawn and shown in the output''s Seed, so the sample can be repeated.'
        'Uncertainty is active learning by least confidence: it predicts every row with -Model (a classification model from Start-ModelTraining or Import-Model) and takes the rows whose highest class probability is lowest (for a binary model max(p, 1-p)), least sure first; ties keep row order, and a row the model could not score counts as least sure. Each task''s meta then also carries "prediction" (the model''s class) and "confidence". It uses no randomness. Least confidence was chosen over the margin between the two top classes because the prediction code reports the predicted class''s probability; for a binary model the two rank rows the same way.'
        'The file is written to a temp file in the same folder and renamed into place; an existing file is replaced only with -Force. The output is a LabelingTaskFile: Path, Tasks, Sampling, Seed, Dataset and Columns.'
        'Errors: DataCenterTools.ColumnNotFound (a -Column or -StratifyBy the Dataset lacks), DataCenterTools.StratifyByRequired, DataCenterTools.ModelRequired, DataCenterTools.ModelNotClassifier, DataCenterTools.ModelHasNoProbability, DataCenterTools.FeatureNotFound (the Dataset lacks a feature of the model), DataCenterTools.FileExists, DataCenterTools.DirectoryNotFound.'
    )
    Parameters  = @{
        Dataset    = 'The Dataset to choose rows from. Accepts Datasets from the pipeline; it is never changed.'
        Path       = 'The JSON file to write, e.g. tasks.json.'
        Count      = 'How many tasks to write (default 100). Fewer when the Dataset has fewer rows.'
        Sampling   = 'Random (default), Stratified (needs -StratifyBy) or Uncertainty (needs -Model).'
        StratifyBy = 'The column whose classes Stratified sampling keeps in proportion.'
        Model      = 'The classification model that Uncertainty sampling ranks rows by. Its feature columns must be in the Dataset.'
        Column     = 'The columns each task carries in "data" (default: all).'
        Seed       = 'Makes Random and Stratified sampling repeatable. Without it a random seed is drawn and reported.'
        Force      = 'Replaces an existing file.'
        WhatIf     = 'Shows what would be written without writing. The rows are still chosen, so bad input is reported.'
        Confirm    = 'Asks before writing.'
    }
    Inputs      = @('DataCenterTools.Core.Data.Dataset')
    Examples    = @(
        @{
            Title   = 'A repeatable random sample'
            Code    = '$reviews | New-LabelingTask ./tasks.json -Count 500 -Column id, text -Seed 7'
            Remarks = 'Import tasks.json in Label Studio with a config that shows $text.'
        }
        @{
            Title   = 'Keep the class balance of a column'
            Code    = '$iris | New-LabelingTask ./tasks.json -Count 30 -Sampling Stratified -StratifyBy target_name -Seed 1'
            Remarks = 'Ten tasks from each of the three species.'
        }
        @{
            Title   = 'Active learning: the rows the model is least sure about'
            Code    = '$m = $train | Start-ModelTraining -Label target_name -Seed 1; $pool | New-LabelingTask ./uncertain.json -Count 50 -Sampling Uncertainty -Model $m'
            Remarks = 'Label these first: they teach the model most. Each task''s meta holds the model''s prediction and confidence.'
        }
        @{
            Title   = 'Send what auto-labelling could not decide to people'
            Code    = '$r = $ds | Invoke-AutoLabeling -Rule $rules -TextColumn text -Model $m; $r.Review | New-LabelingTask ./review.json -Count 200 -Column text'
            Remarks = 'meta.row is the row index in the review Dataset.'
        }
    )
    Notes       = @('Label Studio''s import format: https://labelstud.io/guide/tasks (JSON: a list of tasks, each with a "data" object; "meta" is kept with the task).')
    Links       = @('Invoke-AutoLabeling', 'Import-DatasetLabel', 'Start-ModelTraining')
}

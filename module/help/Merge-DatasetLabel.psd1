@{
    Synopsis    = 'Merges several annotators'' labels into one label per item by majority vote or Dawid-Skene, or reports each annotator''s estimated accuracy.'
    Description = @(
        'Merge-DatasetLabel reads a long-form label Dataset (item, annotator, label) and returns a Dataset with one row per item: item, label, confidence (the vote share of the label, or its Dawid-Skene posterior), annotators (the number of labels the item has), agreement (the share of agreeing label pairs on the item; missing with fewer than two labels) and, for majority vote, tied. The input is never changed; the result records the merge in its lineage.'
        'MajorityVote takes the most frequent label. When labels tie, -TieBreak First (default) takes the tied label first in the label order, Missing leaves the label empty; a warning counts the ties. DawidSkene (Dawid and Skene 1979) estimates each annotator''s confusion matrix and the class priors by EM, starting from the vote shares, until no item''s posterior moves by more than -Tolerance or -MaxIterations is reached (a warning says so); it uses no randomness, so the result is the same on every run. Probabilities are smoothed (0.01 pseudo-counts) so a category no annotator used on an item is never impossible.'
        'With -AnnotatorReport the output is one AnnotatorAccuracy per annotator instead: Annotator, Items and Accuracy, the share of their labels equal to the majority vote, or for Dawid-Skene the expected share that is correct under the posteriors.'
        'Errors: DataCenterTools.ColumnNotFound. Labels outside -Order are kept with a DataCenterTools.LabelNotDeclared warning.'
    )
    Parameters  = @{
        Dataset         = 'The long-form label Dataset. Accepts Datasets from the pipeline.'
        ItemColumn      = 'The item column (default item).'
        AnnotatorColumn = 'The annotator column (default annotator).'
        LabelColumn     = 'The label column (default label).'
        Order           = 'The declared labels in their order (the order ties are broken in). Labels outside it are warned about and kept.'
        Method          = 'MajorityVote (default) or DawidSkene.'
        TieBreak        = 'Majority vote ties: First (default: the tied label first in the label order) or Missing (no label).'
        Tolerance       = 'Dawid-Skene stops when no posterior changes by more than this (default 1e-6).'
        MaxIterations   = 'The most Dawid-Skene EM iterations (default 100).'
        AnnotatorReport = 'Return each annotator''s estimated accuracy instead of the merged Dataset.'
    }
    Inputs      = @('DataCenterTools.Core.Data.Dataset')
    Examples    = @(
        @{
            Title   = 'Majority vote'
            Code    = 'Import-DatasetLabel ./export.json | Merge-DatasetLabel | ConvertFrom-Dataset | Format-Table'
            Remarks = 'One label per task with its vote share.'
        }
        @{
            Title   = 'Dawid-Skene and the annotators it trusts least'
            Code    = '$labels | Merge-DatasetLabel -Method DawidSkene -AnnotatorReport | Sort-Object Accuracy | Select-Object -First 5'
            Remarks = 'The five annotators with the lowest estimated accuracy.'
        }
    )
    Notes       = @('Dawid, A. P. and Skene, A. M. (1979), Maximum likelihood estimation of observer error-rates using the EM algorithm, Applied Statistics 28:20-28.')
    Links       = @('Import-DatasetLabel', 'Measure-LabelAgreement')
}

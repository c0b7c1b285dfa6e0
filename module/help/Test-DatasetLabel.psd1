@{
    Synopsis    = 'Checks labels against gold labels: accuracy, per-class precision and recall, and each annotator''s accuracy.'
    Description = @(
        'Test-DatasetLabel compares the labels in -Dataset with the gold (expert) labels in -Gold, item by item (-ItemColumn in both), and returns a GoldComparison: Items (items with both a label and a gold label: what the figures are over), Correct, Accuracy, PerClass (precision, recall and support of each class, from the confusion matrix with gold labels as rows), ConfusionMatrix, and Annotators.'
        'Long-form labels (an -AnnotatorColumn with several annotators per item, as Import-DatasetLabel gives) are merged into one label per item first, by -Method (MajorityVote, ties going to the first label in the order, or DawidSkene), and the merged labels are what Accuracy and PerClass measure; Annotators then gives each annotator''s own accuracy on the gold items they labelled, best first: the figure a labeling run''s quality control needs. Without an annotator column each row is an item''s single label (e.g. Merge-DatasetLabel''s or Invoke-AutoLabeling''s output).'
        'Items with a label but no gold label, and gold items without a label, are not counted and a warning says how many. Classes are ordered as -Order declares, else numerically when all are numbers, else ordinally. A class never given has precision 0 (as scikit-learn with zero_division=0).'
        'Errors: DataCenterTools.ColumnNotFound, GoldConflict (one item with two different gold labels), GoldEmpty, LabelConflict (one item with two labels and no annotator column).'
    )
    Parameters  = @{
        Dataset         = 'The labels to check: long-form (item, annotator, label) or one label per item. Accepts Datasets from the pipeline.'
        Gold            = 'The gold labels: one row per item, with -ItemColumn and -GoldLabelColumn.'
        GoldLabelColumn = 'The gold label column of -Gold. Default: the same name as -LabelColumn.'
        Method          = 'How several annotators'' labels are merged before the comparison: MajorityVote (default) or DawidSkene.'
        ItemColumn      = 'The item id column (in -Dataset and -Gold). Default item.'
        AnnotatorColumn = 'The annotator column of long-form labels. Default annotator; when -Dataset has no such column, each row is one item''s label.'
        LabelColumn     = 'The label column of -Dataset. Default label.'
        Order           = 'The classes in their order (e.g. low, medium, high), for the confusion matrix and the per-class table.'
    }
    Inputs      = @('DataCenterTools.Core.Data.Dataset')
    Examples    = @(
        @{
            Title   = 'How good are the crowd labels and each worker?'
            Code    = '$labels = Import-DatasetLabel ./rte.tsv -Format Long -ItemColumn orig_id -AnnotatorColumn worker -LabelColumn response
$gold = Import-Dataset ./rte-gold.csv
$check = $labels | Test-DatasetLabel -Gold $gold -Method DawidSkene
$check; $check.PerClass; $check.Annotators | Select-Object -First 10'
            Remarks = 'Accuracy of the merged labels, precision and recall per class, and the ten most accurate workers.'
        }
    )
    Links       = @('Merge-DatasetLabel', 'Measure-LabelAgreement', 'Import-DatasetLabel')
}

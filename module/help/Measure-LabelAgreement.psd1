@{
    Synopsis    = 'Measures inter-annotator agreement: percent agreement, Cohen''s kappa per pair, Fleiss'' kappa, Krippendorff''s alpha, per-annotator agreement.'
    Description = @(
        'Measure-LabelAgreement reads a long-form label Dataset (item, annotator, label; Import-DatasetLabel makes one) and returns a LabelAgreement: Items, AnnotatorCount, LabelRows, Categories, LabelsPerItem, PercentAgreement, FleissKappa, KrippendorffAlpha, Pairs (Cohen''s kappa for every pair of annotators sharing at least -MinSharedItems items: AnnotatorA, AnnotatorB, SharedItems, Agreement, Kappa) and Annotators (per annotator: Items labelled and AgreementWithConsensus, the share of their labels on items with two or more labels that equal the majority-vote label).'
        'Definitions: PercentAgreement is R irr''s agree(): the percent of items with two or more labels on which all labels are equal. Fleiss'' kappa is statsmodels'' fleiss_kappa over items with two or more labels (an item with fewer raters uses its own rater count). Cohen''s kappa is scikit-learn''s cohen_kappa_score; -Weight Linear or Quadratic weighs disagreements by the distance between the categories'' positions. Krippendorff''s alpha is computed from the coincidence matrix (Krippendorff 2011), with missing labels allowed; -Level Nominal, Ordinal (ranks from the coincidence marginals) or Interval (the labels'' numeric values, or category positions when labels are not numbers).'
        'Categories are in numeric order when every label is a number, else in ordinal string order, unless -Order gives the declared labels in their order. Labels not in -Order are kept (ordered after the declared ones) and a DataCenterTools.LabelNotDeclared warning counts them. With fewer than two annotators kappa and alpha are undefined: they are NaN and a warning says so. Rows with no item, annotator or label are left out with a warning.'
        'Errors: DataCenterTools.ColumnNotFound (name the columns with -ItemColumn, -AnnotatorColumn, -LabelColumn).'
    )
    Parameters  = @{
        Dataset         = 'The long-form label Dataset. Accepts Datasets from the pipeline.'
        ItemColumn      = 'The item column (default item).'
        AnnotatorColumn = 'The annotator column (default annotator).'
        LabelColumn     = 'The label column (default label).'
        Order           = 'The declared labels in their order (for weighted kappa and ordinal alpha). Labels outside it are warned about and kept.'
        Weight          = 'Cohen''s kappa weights: None (default), Linear or Quadratic.'
        Level           = 'Krippendorff''s alpha level: Nominal (default), Ordinal or Interval.'
        MinSharedItems  = 'A pair of annotators gets a Cohen''s kappa only when they share at least this many items (default 5).'
    }
    Inputs      = @('DataCenterTools.Core.Data.Dataset')
    Examples    = @(
        @{
            Title   = 'Agreement of six psychiatrists'
            Code    = 'Import-DatasetLabel ./diagnoses.csv -Format Wide | Measure-LabelAgreement'
            Remarks = 'Fleiss'' kappa 0.430, as Fleiss (1971) published.'
        }
        @{
            Title   = 'Weighted kappa for ordered grades, pair by pair'
            Code    = '(Import-DatasetLabel ./vision.csv -Format Wide | Measure-LabelAgreement -Weight Quadratic -Level Ordinal).Pairs'
            Remarks = 'Quadratic-weighted Cohen''s kappa for each pair of raters.'
        }
    )
    Notes       = @('Expected values in the tests: Fleiss (1971) and Krippendorff (2011) published figures; Cohen''s kappa from scikit-learn''s cohen_kappa_score.')
    Links       = @('Import-DatasetLabel', 'Merge-DatasetLabel')
}

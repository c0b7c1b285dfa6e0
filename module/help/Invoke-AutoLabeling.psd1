@{
    Synopsis    = 'Labels a Dataset by rules and a trained model, keeps every human label, and returns the labelled rows, the rows left for review and a report per rule.'
    Description = @(
        'Invoke-AutoLabeling fills the -LabelColumn (default label) of a Dataset and adds a label_source column saying where each label came from: human, rule or model (missing where no label was found). Each row is decided in this order: a value already in -LabelColumn is a human label and is never overwritten; else the label that every matching rule agrees on; else, with -Model, the model''s class when its confidence (its highest class probability; for a binary model max(p, 1-p)) is at least -MinConfidence; else the row is left unlabelled for review. The label column is written as text.'
        'Rules are a hashtable of label = rule. A string is a regular expression, matched case-insensitively against -TextColumn (a missing cell never matches); a scriptblock receives the row as $_ (a PSObject with the Dataset''s columns as properties) and matches when it returns $true. A label may have several rules: give an array, and they are reported as label[1], label[2]… Rules are applied in the order of an [ordered] hashtable, else sorted by label. A row matched by rules of two different labels is a conflict: it gets no rule label (the model or people decide it) and is counted for every rule that matched it.'
        'The output is one AutoLabelResult: Labeled (the whole Dataset, labelled), Review (the rows still without a label, ready for New-LabelingTask), Rules (a LabelRuleReport per rule: Rule, Label, Matches, Coverage as a fraction of all rows, shown as a percentage, and Conflicts) and the counts HumanRows, RuleRows, ModelRows, ConflictRows and ReviewRows. Rules are evaluated on every row, including those with a human label, so coverage and conflicts describe the rule itself. A result object was chosen over a -ReviewVariable so that both Datasets and the reports stay together and can be piped on: $r.Labeled | Export-Dataset, $r.Review | New-LabelingTask.'
        'A rule that matches no row is reported with a DataCenterTools.RuleMatchedNothing warning naming it. Errors: DataCenterTools.InvalidLabelRule (a pattern that is not a valid regular expression, or a rule that is neither a string nor a scriptblock; the rule is named), DataCenterTools.LabelRuleFailed (a scriptblock that threw), DataCenterTools.TextColumnRequired, DataCenterTools.ColumnNotFound (an unknown -TextColumn), DataCenterTools.FeatureNotFound and DataCenterTools.FeatureTypeMismatch (the Dataset lacks a feature of the model), DataCenterTools.ModelNotClassifier, DataCenterTools.ModelHasNoProbability, DataCenterTools.NothingToLabelWith.'
    )
    Parameters  = @{
        Dataset       = 'The Dataset to label. Accepts Datasets from the pipeline; it is never changed.'
        Rule          = 'Labelling rules: @{ label = ''regex'' } or @{ label = { scriptblock over $_ } }, or an array of either per label. Regular expressions are case-insensitive and read -TextColumn.'
        TextColumn    = 'The column the regular-expression rules read. Required when any rule is a string.'
        Model         = 'A classification model (Start-ModelTraining, Import-Model) that labels the rows no human or rule labelled. Its feature columns must be in the Dataset.'
        MinConfidence = 'The least confidence (0 to 1, default 0.9) at which a model''s label is kept; rows below go to Review.'
        LabelColumn   = 'The label column (default label): existing values are human labels and are kept; the result holds every label here as text.'
    }
    Inputs      = @('DataCenterTools.Core.Data.Dataset')
    Examples    = @(
        @{
            Title   = 'Keyword rules on review text'
            Code    = '$r = $reviews | Invoke-AutoLabeling -Rule @{ positive = ''great|excellent|love''; negative = ''terrible|broken|refund'' } -TextColumn text; $r.Rules'
            Remarks = 'Shows Matches, Coverage% and Conflicts per rule.'
        }
        @{
            Title   = 'A scriptblock rule and a model for the rest'
            Code    = '$r = $ds | Invoke-AutoLabeling -Rule @{ overheating = { $_.temp_c -gt 85 } } -Model $m -MinConfidence 0.95'
            Remarks = '$r.Labeled holds label and label_source; $r.Review holds the rows left for people.'
        }
        @{
            Title   = 'Send the undecided rows to Label Studio'
            Code    = '$r.Review | New-LabelingTask ./review.json -Count 200 -Column text -Seed 1'
            Remarks = 'People label what rules and the model could not.'
        }
    )
    Notes       = @('This is weak supervision in the style of Snorkel''s labelling functions, with conflicts resolved by abstaining rather than by a learned label model.')
    Links       = @('New-LabelingTask', 'Start-ModelTraining', 'Merge-DatasetLabel')
}

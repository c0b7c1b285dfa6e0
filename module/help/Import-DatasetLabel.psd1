@{
    Synopsis    = 'Reads Label Studio exports or long/wide label tables into a long-form label Dataset (item, annotator, label, time).'
    Description = @(
        'Import-DatasetLabel turns annotations into one row per label: item, annotator, label, and time (UTC) when the source has one (Label Studio''s updated_at, else created_at). The result feeds Measure-LabelAgreement and Merge-DatasetLabel.'
        'Formats (-Format Auto picks by the file): LabelStudioJson is Label Studio''s full JSON export, an array of tasks whose annotations[].result[].value.choices hold the labels and completed_by the annotator (a number, or an object whose email or id is used). LabelStudioJsonMin is the JSON_MIN export, one flat object per annotation with id, annotator, annotation_id and one field per labeling control. LabelStudioCsv is the CSV export with the same fields (a file with id, annotator and annotation_id columns). Long is a table with item, annotator and label columns; Wide has one column per annotator (-AnnotatorColumn, default all but -ItemColumn; without -ItemColumn items are the row numbers). A table with no label column, or several -AnnotatorColumn names, is read as Wide.'
        'Nothing is dropped silently: tasks with no annotation (or no choice) give no row and a warning counts them; cancelled annotations are skipped and counted; an annotation with several choices is kept as one label with the choices joined by '';'' and counted; an annotation with no annotator is kept under its own name ''unknown:<annotation id>'' and counted; empty cells in a long table are counted in a warning (in a wide table, where they are normal, in -Verbose).'
        'Errors (non-terminating, one per file): DataCenterTools.NotLabelStudioExport (the JSON is not an array of Label Studio tasks), LabelColumnRequired (JSON_MIN or CSV with more than one field that could hold the labels: name it with -LabelColumn), LabelControlAmbiguous (choices from several controls), ColumnNotFound, FileNotFound.'
    )
    Parameters  = @{
        Path            = 'The export or table file(s) to read; wildcards allowed. .json is read as a Label Studio export; other files (CSV, TSV, JSON Lines, Parquet) as tables.'
        Dataset         = 'A long or wide label table already imported (Import-Dataset, ConvertTo-Dataset). Accepts Datasets from the pipeline.'
        Format          = 'Auto (default), LabelStudioJson, LabelStudioJsonMin, LabelStudioCsv, Long or Wide.'
        ItemColumn      = 'The item (task) column: default item for long tables, id for Label Studio; for wide tables the row number when omitted.'
        AnnotatorColumn = 'Long tables: the annotator column (default annotator). Wide tables: the annotator columns.'
        LabelColumn     = 'Long tables: the label column (default label). Label Studio: the labeling control (from_name) whose choices are the labels.'
    }
    Inputs      = @('System.String (Path, by property name)', 'DataCenterTools.Core.Data.Dataset')
    Examples    = @(
        @{
            Title   = 'Read a Label Studio JSON export'
            Code    = 'Import-DatasetLabel ./project-1-at-2024-01-01.json | Measure-LabelAgreement'
            Remarks = 'One row per annotation: item (task id), annotator (e-mail or user id), label, time.'
        }
        @{
            Title   = 'Read a wide table with one column per rater'
            Code    = 'Import-DatasetLabel ./diagnoses.csv -Format Wide'
            Remarks = 'Every column is a rater; items are numbered by row.'
        }
        @{
            Title   = 'Convert a long table with its own column names'
            Code    = 'Import-Dataset ./rte.tsv | Import-DatasetLabel -ItemColumn orig_id -AnnotatorColumn ''!amt_worker_ids'' -LabelColumn response'
            Remarks = 'Renames the columns to item, annotator, label.'
        }
    )
    Notes       = @('Label Studio export formats: https://labelstud.io/guide/export.html')
    Links       = @('Measure-LabelAgreement', 'Merge-DatasetLabel', 'Import-Dataset')
}

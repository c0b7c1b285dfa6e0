@{
    Synopsis    = 'Joins two Datasets on key columns: inner, left, right, full, semi or anti.'
    Description = @(
        'Join-Dataset pairs each row of -Left (the piped Dataset) with the rows of -Right whose key columns hold the same values, as SQL''s JOIN does. -On names the key columns of both sides; -RightOn names the right side''s keys when they are called otherwise (one for each -On column, in order). Keys of Int64 and Double compare as numbers; any other difference of types is DataCenterTools.JoinKeyTypeMismatch. Missing keys never match (SQL''s rule).'
        '-Kind: Inner (matching pairs only; the default), Left (every left row, with missing right cells where nothing matches), Right, Full (every row of both), Semi (the left rows that have a match, each once, left columns only) and Anti (the left rows that have none). The result has the left columns, then the right columns but its keys: one key column, named as on the left, holding the right key for rows only the right side has. A right column whose name the left already uses gets -Suffix (_right). Rows come in left order, each left row followed by its matches in right order; unmatched right rows (Right, Full) come last.'
        'It is a hash join over the typed columns (dictionary-encoded text is looked up once per distinct value): joining a million rows to a table of hosts takes a fraction of a second.'
    )
    Parameters  = @{
        Left    = 'The left Dataset. Accepts Datasets from the pipeline. Alias: -Dataset. It is not modified.'
        Right   = 'The right Dataset. It is not modified.'
        On      = 'The key columns (of both sides, unless -RightOn is given).'
        RightOn = 'The right side''s key columns, when their names differ from -On''s.'
        Kind    = 'Inner, Left, Right, Full, Semi or Anti. Default: Inner.'
        Suffix  = 'Appended to a right column''s name that the left side already has. Default: _right.'
    }
    Inputs      = @('DataCenterTools.Core.Data.Dataset')
    Outputs     = @('DataCenterTools.Core.Data.Dataset')
    Examples    = @(
        @{
            Title   = 'Ratings with movie titles'
            Code    = '$ratings = Import-Dataset ./ratings.csv
$movies  = Import-Dataset ./movies.csv
$ratings | Join-Dataset $movies -On movieId'
            Remarks = 'Every rating with its movie''s title and genres.'
        }
        @{
            Title   = 'Telemetry rows of hosts missing from the inventory'
            Code    = '$telemetry | Join-Dataset $inventory -On host -RightOn hostname -Kind Anti'
            Remarks = 'The left rows with no match, left columns only.'
        }
    )
    Links       = @('Merge-Dataset', 'Group-Dataset')
}

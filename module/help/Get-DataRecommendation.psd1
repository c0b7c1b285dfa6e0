@{
    Synopsis    = 'Each user''s top-N items from a recommender, as a Dataset of user, item, score, rank and basis.'
    Description = @(
        'Get-DataRecommendation ranks every item the recommender knows for each user and returns one Dataset with a row per (user, recommended item): the model''s user and item columns (in their own types: Int64 ids stay numbers), Score, Rank (1 = best) and Basis. Give the users with -User (one or many), or pipe a Dataset whose user column (the one the model was trained with) lists them; each user appears once, in the order given.'
        'A known user''s items are ranked by the factors: b_i + p_u·q_i for ratings (Score is then the predicted rating, mu + b_u + b_i + p_u·q_i, clipped to the training range), p_u·q_i for implicit feedback. A user the model never saw gets the fallback list, and the Basis column and a warning say so: for ratings the items with the highest item bias (Score mu + b_i, the best guess for a new user), for implicit feedback the most popular items (Score: the item''s share of the most popular item''s interactions). Basis is Factors for the others.'
        '-ExcludeSeen takes rows of (user, item), usually the training ratings: a user''s items in it are left out of that user''s list, so nobody is recommended what they already rated. Items the model never saw cannot be recommended.'
        'Errors: DataCenterTools.ModelNotRecommender (a model of another task), ColumnNotFound (the user or item column missing from -Dataset or -ExcludeSeen), RecommenderKeyType.'
    )
    Parameters  = @{
        Model       = 'A recommender: Start-ModelTraining -Task Recommendation, or Import-Model of one.'
        User        = 'The user ids to recommend for (numbers or strings, as in the training data).'
        Dataset     = 'A Dataset with the model''s user column: its distinct users get lists. Accepts Datasets from the pipeline.'
        Top         = 'The length of each list (1-100,000). Default 10.'
        ExcludeSeen = 'Rows of (user, item), e.g. the training ratings: each user''s items in it are not recommended to that user.'
    }
    Inputs      = @('DataCenterTools.Core.Data.Dataset')
    Examples    = @(
        @{
            Title   = 'Ten films for user 42 that they have not rated'
            Code    = '$ratings = Import-Dataset ./ratings.csv
$m = $ratings | Start-ModelTraining -Task Recommendation -User userId -Item movieId -Label rating -Seed 1
Get-DataRecommendation -Model $m -User 42 -Top 10 -ExcludeSeen $ratings | ConvertFrom-Dataset | Format-Table'
            Remarks = 'Rank 1 is the item with the highest predicted rating among those user 42 has not rated.'
        }
        @{
            Title   = 'Lists for every user of a test set, to a file'
            Code    = '$split.Test | Get-DataRecommendation -Model $m -Top 20 -ExcludeSeen $split.Train | Export-Dataset ./top20.parquet'
            Remarks = 'One row per (user, item); users new to the model get the fallback list (Basis = ItemBias or Popularity).'
        }
    )
    Links       = @('Start-ModelTraining', 'Invoke-ModelPrediction', 'Save-Model')
}

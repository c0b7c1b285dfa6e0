@{
    Synopsis    = 'Adds a model''s predictions to a Dataset.'
    Description = @(
        'Invoke-ModelPrediction returns the Dataset with columns added: regression, Score; binary classification, PredictedLabel (in the label''s type), Score and Probability (of the positive class, for calibrated trainers); multiclass, PredictedLabel and Probability (of the predicted class). Existing columns of those names are replaced. The input is not modified.'
        'A recommender (Start-ModelTraining -Task Recommendation) scores each (user, item) row: Score is the predicted rating (implicit feedback: the preference p_u·q_i) and Basis says where it came from: Factors, or the fallback for a user or item not seen in training (UserBias, ItemBias, GlobalMean; implicit: Popularity for a new user, None and no score for a new item).'
        'Every feature column the model was trained on must be present with the same type: otherwise DataCenterTools.FeatureNotFound or DataCenterTools.FeatureTypeMismatch, naming the column.'
    )
    Parameters  = @{
        Model   = 'The TrainedModel to predict with.'
        Dataset = 'The rows to predict. Accepts Datasets from the pipeline.'
    }
    Inputs      = @('DataCenterTools.Core.Data.Dataset')
    Examples    = @(
        @{ Title = 'Score new telemetry'; Code = '$scored = Import-Dataset ./today.csv | Invoke-ModelPrediction $model'; Remarks = 'Score holds the predicted power_w.' }
    )
    Links       = @('Start-ModelTraining', 'Test-Model')
}

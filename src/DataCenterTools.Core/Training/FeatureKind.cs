namespace DataCenterTools.Core.Training;

/// <summary>How a feature column is turned into numbers.</summary>
public enum FeatureKind
{
    /// <summary>Used as a float; a missing value is replaced by the training mean plus a 0/1 "missing" indicator.</summary>
    Numeric,
    /// <summary>A DateTime split into hour, day of week, day of month and month (floats).</summary>
    DateTimeParts,
    /// <summary>A low-cardinality string, one-hot encoded.</summary>
    OneHot,
    /// <summary>A high-cardinality id, hashed into 2^10 one-hot slots.</summary>
    Hashed,
    /// <summary>Free text featurized by ML.NET FeaturizeText (models saved before the TF-IDF path; new models use <see cref="TfIdf"/>).</summary>
    Text,
    /// <summary>Free text as a sparse TF-IDF vector of word 1-2-grams and character 2-5-grams (<see cref="TfIdfVocabulary"/>): the fast text path.</summary>
    TfIdf,
    /// <summary>A recommender's user id.</summary>
    User,
    /// <summary>A recommender's item id.</summary>
    Item,
}

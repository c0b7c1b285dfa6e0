namespace DataCenterTools.Core.Data;

/// <summary>
/// A user-facing failure: a stable ErrorId (DataCenterTools.*), a message that says what went
/// wrong and where (file, line, column) and what to do about it. Never carries secrets.
/// The message and recommendation name the options of the call as <see cref="OptionNames"/> mentions
/// (<c>{option:KeyPath}</c>): <see cref="Exception.Message"/> and <see cref="Recommendation"/> read them by their core
/// names, <see cref="Render"/> lets a front end (the cmdlets) name them its own way.
/// </summary>
public class DataException : Exception
{
    public DataException(string errorId, DataErrorKind kind, string message, string? recommendation = null,
        string? file = null, long? line = null, string? column = null, Exception? inner = null)
        : base(OptionNames.ForCode(message ?? ""), inner)
    {
        ErrorId = errorId.StartsWith("DataCenterTools.", StringComparison.Ordinal) ? errorId : "DataCenterTools." + errorId;
        Kind = kind;
        MessageTemplate = message ?? "";
        RecommendationTemplate = recommendation;
        File = file;
        Line = line;
        ColumnName = column;
    }

    public string ErrorId { get; }
    public DataErrorKind Kind { get; }

    /// <summary>What to do, with each option by its core name.</summary>
    public string? Recommendation => RecommendationTemplate == null ? null : OptionNames.ForCode(RecommendationTemplate);

    /// <summary>The message as written, option mentions (<c>{option:Name}</c>) unrendered.</summary>
    public string MessageTemplate { get; }

    /// <summary>The recommendation as written, option mentions unrendered.</summary>
    public string? RecommendationTemplate { get; }

    /// <summary>The core names of the options the message and the recommendation refer to.</summary>
    public IReadOnlyList<string> Options => OptionNames.Mentioned(MessageTemplate + "\n" + RecommendationTemplate);

    public string? File { get; }
    public long? Line { get; }
    public string? ColumnName { get; }

    /// <summary>
    /// This failure with its options named by <paramref name="optionName"/> (a front end's own names for them):
    /// the same ErrorId, kind, place and inner exception. This very exception when it names no option.
    /// </summary>
    public DataException Render(Func<string, string> optionName)
    {
        ArgumentNullException.ThrowIfNull(optionName);
        if (Options.Count == 0) return this;
        return new DataException(ErrorId, Kind, OptionNames.Render(MessageTemplate, optionName),
            RecommendationTemplate == null ? null : OptionNames.Render(RecommendationTemplate, optionName), File, Line, ColumnName, InnerException);
    }
}

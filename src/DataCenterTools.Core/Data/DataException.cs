namespace DataCenterTools.Core.Data;

/// <summary>
/// A user-facing failure: a stable ErrorId (DataCenterTools.*), a message that says what went
/// wrong and where (file, line, column) and what to do about it. Never carries secrets.
/// </summary>
public class DataException : Exception
{
    public DataException(string errorId, DataErrorKind kind, string message, string? recommendation = null,
        string? file = null, long? line = null, string? column = null, Exception? inner = null)
        : base(message, inner)
    {
        ErrorId = errorId.StartsWith("DataCenterTools.", StringComparison.Ordinal) ? errorId : "DataCenterTools." + errorId;
        Kind = kind;
        Recommendation = recommendation;
        File = file;
        Line = line;
        ColumnName = column;
    }

    public string ErrorId { get; }
    public DataErrorKind Kind { get; }
    public string? Recommendation { get; }
    public string? File { get; }
    public long? Line { get; }
    public string? ColumnName { get; }
}

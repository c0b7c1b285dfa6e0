namespace DataCenterTools.Core.Query;

public enum PatternKind
{
    /// <summary>SQL LIKE: % any run, _ one character.</summary>
    SqlLike,
    /// <summary>PowerShell -like: * any run, ? one character, [abc] a set.</summary>
    Wildcard,
    /// <summary>A .NET regular expression (regex_match, -match).</summary>
    Regex,
}

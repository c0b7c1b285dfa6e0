using System.Collections;
using System.Management.Automation;
using System.Management.Automation.Language;
using DataCenterTools.Core.Management;

namespace DataCenterTools.Infrastructure;

/// <summary>Completes -CatalogName / -Name with the catalog's dataset names (of -ConnectionString when given); never creates a catalog.</summary>
public sealed class CatalogNameCompleter : IArgumentCompleter
{
    public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
        CommandAst commandAst, IDictionary fakeBoundParameters)
    {
        IReadOnlyList<string> names;
        try
        {
            var connection = fakeBoundParameters["ConnectionString"] as string;
            names = DatasetCatalog.NamesStartingWith(wordToComplete.Trim('\'', '"'), connection);
        }
        catch (Exception e) when (e is Core.Data.DataException or IOException or InvalidOperationException or System.Data.Common.DbException)
        {
            yield break; // an unreachable catalog completes nothing rather than failing the Tab
        }
        foreach (var name in names)
        {
            var text = name.Any(c => char.IsWhiteSpace(c) || "'\"$`,;(){}[]@#|&<>".Contains(c)) ? "'" + name.Replace("'", "''") + "'" : name;
            yield return new CompletionResult(text, name, CompletionResultType.ParameterValue, name);
        }
    }
}

using System.Collections;
using System.Management.Automation;
using System.Management.Automation.Language;
using DataCenterTools.Core.Data;

namespace DataCenterTools.Infrastructure;

/// <summary>
/// Completes column names for -Column, -By, -On, -Label, -Feature... from the Dataset the command line names: a
/// -Dataset (or -Left / -Right / -Reference) argument, or what is piped in (`$t | Verb -Column &lt;Tab&gt;`), when that
/// is a variable or a property of one (`$split.Train`). Nothing is run to find it: no command, no method call.
/// </summary>
public sealed class ColumnNameCompleter : IArgumentCompleter
{
    // Which bound parameter holds the Dataset whose columns a parameter names.
    private static readonly Dictionary<string, string[]> SourceParameters = new(StringComparer.OrdinalIgnoreCase)
    {
        ["RightOn"] = ["Right"],
    };

    public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
        CommandAst commandAst, IDictionary fakeBoundParameters)
    {
        var dataset = FindDataset(parameterName, commandAst, fakeBoundParameters);
        if (dataset == null) yield break;
        var prefix = wordToComplete.Trim('\'', '"');
        foreach (var column in dataset.Schema)
        {
            if (!column.Name.StartsWith(prefix, StringComparison.OrdinalIgnoreCase)) continue;
            var text = column.Name.Any(c => char.IsWhiteSpace(c) || "'\"$`,;(){}[]@#|&<>".Contains(c)) ? "'" + column.Name.Replace("'", "''") + "'" : column.Name;
            yield return new CompletionResult(text, column.Name, CompletionResultType.ParameterValue, $"{column.Name} ({column.Type}, {column.Nulls:N0} missing)");
        }
    }

    private static Dataset? FindDataset(string parameterName, CommandAst commandAst, IDictionary bound)
    {
        var sources = SourceParameters.TryGetValue(parameterName, out var s) ? s : ["Dataset", "Left", "Reference", "Difference"];
        foreach (var name in sources)
        {
            if (bound.Contains(name) && AsDataset(bound[name]) is { } fromParameter) return fromParameter;
            if (ArgumentOf(commandAst, name) is { } argument && AsDataset(Evaluate(argument)) is { } fromArgument) return fromArgument;
        }
        // Piped in: the pipeline element before this command.
        if (sources.Contains("Right")) return null;
        if (commandAst.Parent is PipelineAst pipeline)
        {
            var index = pipeline.PipelineElements.IndexOf(commandAst);
            if (index > 0 && pipeline.PipelineElements[index - 1] is CommandExpressionAst { Expression: var expression })
                return AsDataset(Evaluate(expression));
        }
        return null;
    }

    /// <summary>The expression given to -name (or an alias or prefix of it) on the command line.</summary>
    private static ExpressionAst? ArgumentOf(CommandAst command, string name)
    {
        var elements = command.CommandElements;
        for (var i = 0; i < elements.Count; i++)
        {
            if (elements[i] is not CommandParameterAst p) continue;
            if (!name.StartsWith(p.ParameterName, StringComparison.OrdinalIgnoreCase) || p.ParameterName.Length == 0) continue;
            if (p.Argument != null) return p.Argument;
            if (i + 1 < elements.Count && elements[i + 1] is ExpressionAst e) return e;
        }
        return null;
    }

    private static Dataset? AsDataset(object? value) => value switch
    {
        Dataset d => d,
        PSObject { BaseObject: Dataset d } => d,
        object[] { Length: > 0 } items => AsDataset(items[0]),
        _ => null,
    };

    /// <summary>The value of `$name` or `$name.Property.Property`, read from the session; anything else is not evaluated.</summary>
    private static object? Evaluate(ExpressionAst expression)
    {
        switch (expression)
        {
            case VariableExpressionAst v:
                // Read in the caller's scope (a function's local variable too): the script block is only ${name}.
                try
                {
                    var name = v.VariablePath.UserPath.Replace("`", "``").Replace("}", "`}");
                    return ScriptBlock.Create("${" + name + "}").InvokeReturnAsIs();
                }
                catch (RuntimeException) { return null; }
            case MemberExpressionAst { Static: false, Member: StringConstantExpressionAst member } m when m is not InvokeMemberExpressionAst:
                var target = Evaluate(m.Expression);
                if (target == null) return null;
                return PSObject.AsPSObject(target).Properties[member.Value]?.Value;
            default:
                return null;
        }
    }
}

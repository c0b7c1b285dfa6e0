using System.Collections;
using System.Collections.Specialized;
using System.Management.Automation;
using DataCenterTools.Core.Data;
using DataCenterTools.Core.Labeling;
using DataCenterTools.Core.Training;
using DataCenterTools.Infrastructure;

namespace DataCenterTools.Commands;

/// <summary>
/// Labels a Dataset by rules (regular expressions over -TextColumn, or scriptblocks over a row) and a
/// model above -MinConfidence, never overwriting a human label; returns the labelled and review Datasets with rule reports.
/// </summary>
[Cmdlet(VerbsLifecycle.Invoke, "AutoLabeling")]
[OutputType(typeof(AutoLabelResult))]
public sealed class InvokeAutoLabelingCommand : DataCmdlet
{
    [Parameter(Mandatory = true, ValueFromPipeline = true)]
    public Dataset Dataset { get; set; } = null!;

    [Parameter(Position = 0)]
    [ValidateNotNull]
    public IDictionary? Rule { get; set; }

    [Parameter]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(ColumnNameCompleter))]
    public string? TextColumn { get; set; }

    [Parameter]
    public TrainedModel? Model { get; set; }

    [Parameter]
    [ValidateRange(0.0, 1.0)]
    public double MinConfidence { get; set; } = 0.9;

    [Parameter]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(ColumnNameCompleter))]
    public string LabelColumn { get; set; } = "label";

    /// <summary>One rule as the user wrote it: a label and a pattern string or a scriptblock.</summary>
    private sealed record RuleDefinition(string Name, string Label, object Body);

    protected override void ProcessRecord()
    {
        if (Rule == null && Model == null)
            ThrowDataError(new DataException("NothingToLabelWith", DataErrorKind.InvalidArgument,
                "Give -Rule, -Model or both: there is nothing to label the rows with.", "e.g. -Rule @{ positive = 'great|love' } -TextColumn text, or -Model $model."));
        var started = Elapsed;
        try
        {
            if (Model != null) AutoLabeler.CheckModel(Model, Dataset);
            var matches = Definitions().Select(Evaluate).ToArray();
            var progress = new ProgressRecord((int)ProgressActivity.AutoLabeling, "Invoke-AutoLabeling", Model == null ? "Combining rules" : "Labelling by model") { PercentComplete = 50 };
            WriteProgress(progress);
            var result = AutoLabeler.Label(Dataset, matches, Model, new AutoLabelOptions { LabelColumn = LabelColumn, MinConfidence = MinConfidence });
            progress.RecordType = ProgressRecordType.Completed;
            WriteProgress(progress);
            foreach (var report in result.Rules.Where(r => r.Matches == 0))
                WriteWarning($"DataCenterTools.RuleMatchedNothing: the rule '{report.Rule}' (label '{report.Label}') matched no row of '{Dataset.Name}'. Check its pattern and -TextColumn.");
            WriteVerbose($"Labelled {Dataset.RowCount:N0} rows of '{Dataset.Name}': {result.HumanRows} human, {result.RuleRows} by rule, " +
                         $"{result.ModelRows} by model, {result.ReviewRows} to review ({result.ConflictRows} conflicts) in {(Elapsed - started).TotalSeconds:0.000} s.");
            WriteObject(result);
        }
        catch (DataException e) { ThrowDataError(e, Dataset); }
    }

    /// <summary>The rules in the order written (an [ordered] table) or by label; an array value makes one rule per item, named label[1], label[2]…</summary>
    private List<RuleDefinition> Definitions()
    {
        var result = new List<RuleDefinition>();
        if (Rule == null) return result;
        var keys = Rule.Keys.Cast<object>().Select(k => k.ToString() ?? "").ToList();
        if (Rule is not OrderedDictionary) keys.Sort(StringComparer.Ordinal);
        foreach (var label in keys)
        {
            var value = Unwrap(Rule[label]);
            var bodies = value is IList list ? list.Cast<object?>().Select(Unwrap).ToArray() : [value];
            for (var i = 0; i < bodies.Length; i++)
            {
                var name = bodies.Length == 1 ? label : $"{label}[{i + 1}]";
                if (bodies[i] is not (string or ScriptBlock))
                    throw new DataException("InvalidLabelRule", DataErrorKind.InvalidArgument,
                        $"The rule '{name}' is {(bodies[i] == null ? "empty" : "a " + bodies[i]!.GetType().Name)}; a rule is a regular expression string or a scriptblock.",
                        "e.g. -Rule @{ positive = 'great|love'; negative = { $_.stars -le 1 } }.");
                result.Add(new RuleDefinition(name, label, bodies[i]!));
            }
        }
        return result;
    }

    private static object? Unwrap(object? value) => value is PSObject p ? p.BaseObject : value;

    private Column? _text;
    private PSObject[]? _rows;

    private RuleMatches Evaluate(RuleDefinition rule)
    {
        if (rule.Body is string pattern)
        {
            if (TextColumn == null)
                throw new DataException("TextColumnRequired", DataErrorKind.InvalidArgument,
                    $"The rule '{rule.Name}' is a regular expression, and no -TextColumn says which column it reads.", "Add -TextColumn with the name of the text column.");
            _text ??= AutoLabeler.RequireTextColumn(Dataset, TextColumn);
            return AutoLabeler.MatchPattern(_text, rule.Name, rule.Label, pattern);
        }
        // Scriptblocks run here, in the cmdlet layer: each row as a PSObject, given as $_ and as the first argument.
        _rows ??= Enumerable.Range(0, Dataset.RowCount).Select(r => RowObjects.Create(Dataset.Columns, r)).ToArray();
        var script = (ScriptBlock)rule.Body;
        var matched = new bool[_rows.Length];
        for (var r = 0; r < _rows.Length; r++)
        {
            try
            {
                var output = script.InvokeWithContext(null, [new PSVariable("_", _rows[r])], _rows[r]);
                matched[r] = output.Count > 0 && LanguagePrimitives.IsTrue(output.Count == 1 ? output[0] : output);
            }
            catch (RuntimeException e)
            {
                throw new DataException("LabelRuleFailed", DataErrorKind.InvalidData,
                    $"The rule '{rule.Name}' failed on row {r}: {e.Message}", "Fix the scriptblock; it receives each row as $_ with the dataset's columns as properties.", inner: e);
            }
        }
        return new RuleMatches(rule.Name, rule.Label, matched);
    }
}

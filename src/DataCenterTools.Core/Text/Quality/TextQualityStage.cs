using System.Globalization;
using DataCenterTools.Core.Text.Corpus;

namespace DataCenterTools.Core.Text.Quality;

/// <summary>What Test-TextQuality applies: rule families, threshold overrides, a bad-words list.</summary>
public sealed record TextQualityOptions
{
    public IReadOnlyList<QualityFamily> Families { get; init; } = [QualityFamily.Gopher, QualityFamily.C4, QualityFamily.FineWeb];
    public IReadOnlyDictionary<string, double>? Thresholds { get; init; }
    public IReadOnlyCollection<string>? BadWords { get; init; }
}

/// <summary>
/// Scores every document by every selected rule: a Double column per rule (its measure; missing where the rule does
/// not apply), quality_pass, and quality_failed_rule (the first rule failed, in the published order). A failing
/// document is rejected with that rule's name as its reason, so -Reject files say why each one was dropped.
/// </summary>
public sealed class TextQualityStage : IDocumentStage
{
    public const string PassColumn = "quality_pass";
    public const string FailedRuleColumn = "quality_failed_rule";
    private readonly List<QualityRule> _rules;
    [ThreadStatic] private static QualityScratch? t_scratch;

    public TextQualityStage(TextQualityOptions options)
    {
        if (options.Families.Count == 0)
            throw new Data.DataException("NoQualityRule", Data.DataErrorKind.InvalidArgument, "{option:Rule} names no rule family.", "Use {option:Rule} Gopher, C4, FineWeb or a mix.");
        var thresholds = new QualityThresholds(options.Thresholds);
        _rules = QualityRules.Create(options.Families, thresholds, options.BadWords);
        thresholds.EnsureAllKnown();
        var parameters = new Dictionary<string, string> { ["Rule"] = string.Join(",", options.Families.Distinct()) };
        foreach (var (name, value) in thresholds.Used) parameters[name] = value.ToString(CultureInfo.InvariantCulture);
        if (options.BadWords is { Count: > 0 }) parameters["BadWords"] = options.BadWords.Count.ToString(CultureInfo.InvariantCulture);
        Parameters = parameters;
    }

    public IReadOnlyList<QualityRule> Rules => _rules;
    public string Operation => "Test-TextQuality";
    public IReadOnlyDictionary<string, string> Parameters { get; }

    public StageResult Process(IReadOnlyList<string> texts, IReadOnlyList<string> ids, StageBatch batch, CancellationToken cancellation)
    {
        var result = new StageResult(texts.Count);
        var scores = _rules.Select(r => result.Add(r.Name, StageFieldKind.Double)).ToArray();
        var pass = result.Add(PassColumn, StageFieldKind.Boolean);
        var failed = result.Add(FailedRuleColumn, StageFieldKind.String);
        result.Rejections = new string?[texts.Count];
        // One scratch per thread, kept across pieces: a new one per piece regrew every table and buffer from empty
        // to the piece's longest document.
        var scratch = t_scratch ??= new QualityScratch();
        for (var i = 0; i < texts.Count; i++)
        {
            var document = new QualityDocument(texts[i], scratch);
            string? first = null;
            for (var r = 0; r < _rules.Count; r++)
            {
                var score = _rules[r].Evaluate(document);
                if (score.Value is { } value) scores[r].SetDouble(i, value);
                if (!score.Passed) first ??= _rules[r].Name;
            }
            pass.SetBoolean(i, first == null);
            failed.SetString(i, first);
            result.Rejections[i] = first;
        }
        if (scratch.IsOversized) t_scratch = null;
        return result;
    }
}

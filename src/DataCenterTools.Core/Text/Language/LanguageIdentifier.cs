using System.Collections.Concurrent;
using DataCenterTools.Core.Data;
using DataCenterTools.Core.Text.Corpus;
using Lingua;

namespace DataCenterTools.Core.Text.Language;

/// <summary>Lingua's two modes: high accuracy (all n-gram models) or low accuracy (trigrams only: faster, weaker under ~120 characters).</summary>
public enum LanguageAccuracy { Low, High }

/// <summary>
/// Language identification with SearchPioneer.Lingua 2.0.0 (the .NET port of lingua-rs), offline from the models the
/// package ships. The language is an ISO 639-1 code with Lingua's confidence (0..1); text Lingua cannot place is
/// "unknown" with confidence 0. One detector per setting is built once and shared by all threads.
/// </summary>
public static class LanguageIdentifier
{
    private static readonly ConcurrentDictionary<(LanguageAccuracy, string), LanguageDetector> Detectors = new();

    /// <summary>The folder of Lingua's models: beside this assembly (a module's folder), as the package's build step copies them.</summary>
    public static string ModelsDirectory => Path.Combine(Path.GetDirectoryName(typeof(LanguageIdentifier).Assembly.Location)!, "Lingua", "LanguageModels");

    public static LanguageDetector Detector(LanguageAccuracy accuracy, IReadOnlyCollection<string>? languages = null)
    {
        var key = (accuracy, languages == null ? "*" : string.Join(",", languages.Order(StringComparer.OrdinalIgnoreCase)));
        return Detectors.GetOrAdd(key, _ =>
        {
            if (!Directory.Exists(ModelsDirectory))
                throw new DataException("LanguageModelsMissing", DataErrorKind.ObjectNotFound, $"Lingua's language models are not in '{ModelsDirectory}'.",
                    "Reinstall the module: its Lingua folder holds the models.", ModelsDirectory);
            var builder = languages == null ? LanguageDetectorBuilder.FromAllLanguages() : LanguageDetectorBuilder.FromLanguages(languages.Select(Parse).ToArray());
            builder = builder.WithLanguageModelsDirectory(ModelsDirectory);
            if (accuracy == LanguageAccuracy.Low) builder = builder.WithLowAccuracyMode();
            return builder.Build();
        });
    }

    /// <summary>The language as an ISO 639-1 code and its confidence.</summary>
    public static (string Language, double Confidence) Identify(LanguageDetector detector, string text)
    {
        var values = detector.ComputeLanguageConfidenceValues(text);
        foreach (var (language, confidence) in values)
            return (Code(language), confidence);
        return ("unknown", 0);
    }

    public static string Code(Lingua.Language language) => LanguageInfo.IsoCode6391(language).ToString().ToLowerInvariant();

    /// <summary>An ISO 639-1 code (en, zh, de) or an English name (German) as a Lingua language.</summary>
    public static Lingua.Language Parse(string name)
    {
        foreach (var language in Enum.GetValues<Lingua.Language>())
        {
            if (language.ToString().Equals(name, StringComparison.OrdinalIgnoreCase)) return language;
            try { if (Code(language).Equals(name, StringComparison.OrdinalIgnoreCase)) return language; }
            catch (Exception e) when (e is ArgumentException or KeyNotFoundException or InvalidOperationException) { }
        }
        throw new DataException("UnknownLanguage", DataErrorKind.InvalidArgument, $"'{name}' is not a language Lingua knows.",
            "Use an ISO 639-1 code such as en, zh, de, fr, es, or an English name such as German.");
    }
}

/// <summary>
/// Adds language and language_confidence to each document; with -Language, documents in other languages (or
/// below -MinConfidence) are dropped with the reason "language xx" so they can go to a rejects file.
/// </summary>
public sealed class LanguageStage(LanguageAccuracy accuracy, IReadOnlyCollection<string>? keep, double minConfidence, IReadOnlyCollection<string>? candidates = null) : IDocumentStage
{
    public const string LanguageColumn = "language";
    public const string ConfidenceColumn = "language_confidence";
    private readonly LanguageDetector _detector = LanguageIdentifier.Detector(accuracy, candidates);
    private readonly HashSet<string>? _keep = keep?.Select(k => LanguageIdentifier.Code(LanguageIdentifier.Parse(k))).ToHashSet(StringComparer.Ordinal);

    public string Operation => "Get-TextLanguage";
    public IReadOnlyDictionary<string, string> Parameters { get; } = new Dictionary<string, string>
    {
        ["Accuracy"] = accuracy.ToString(),
        ["Language"] = keep == null ? "" : string.Join(",", keep),
        ["MinConfidence"] = minConfidence.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Candidates"] = candidates == null ? "all" : string.Join(",", candidates),
        ["Library"] = "SearchPioneer.Lingua 2.0.0",
    };

    public StageResult Process(IReadOnlyList<string> texts, IReadOnlyList<string> ids, StageBatch batch, CancellationToken cancellation)
    {
        var result = new StageResult(texts.Count);
        var language = result.Add(LanguageColumn, StageFieldKind.String);
        var confidence = result.Add(ConfidenceColumn, StageFieldKind.Double);
        if (_keep != null) result.Rejections = new string?[texts.Count];
        for (var i = 0; i < texts.Count; i++)
        {
            var (code, c) = LanguageIdentifier.Identify(_detector, texts[i]);
            language.SetString(i, code);
            confidence.SetDouble(i, c);
            if (_keep != null && (!_keep.Contains(code) || c < minConfidence)) result.Rejections![i] = $"language {code} ({c:0.00})";
        }
        return result;
    }
}

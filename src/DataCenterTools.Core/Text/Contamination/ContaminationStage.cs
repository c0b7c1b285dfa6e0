using System.Collections.Concurrent;
using System.Text;
using DataCenterTools.Core.Text.Corpus;

namespace DataCenterTools.Core.Text.Contamination;

/// <summary>What to do with a training document that holds an evaluation n-gram.</summary>
public enum ContaminationAction { Report, Drop, Cut }

/// <summary>
/// Marks each training document with the evaluation items whose n-grams it contains (contaminated,
/// contamination_items, contamination_ngrams), and with -Remove drops it or cuts the matched spans out of its
/// text. Collects, per evaluation item, the training documents that contain it.
/// </summary>
public sealed class ContaminationStage(ContaminationIndex index, ContaminationAction action, string benchmarkName) : IDocumentStage
{
    public const string ContaminatedColumn = "contaminated";
    public const string ItemsColumn = "contamination_items";
    public const string NGramsColumn = "contamination_ngrams";
    private readonly ConcurrentDictionary<int, ConcurrentBag<string>> _byItem = new();

    public string Operation => "Test-TextContamination";
    public IReadOnlyDictionary<string, string> Parameters { get; } = new Dictionary<string, string>
    {
        ["Benchmark"] = benchmarkName,
        ["NGram"] = index.N.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Items"] = index.ItemIds.Count.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Remove"] = action.ToString(),
    };

    public int ItemCount => index.ItemIds.Count;
    public string ItemId(int item) => index.ItemIds[item];

    /// <summary>Per evaluation item (by index), the training documents that contain one of its n-grams, sorted.</summary>
    public IReadOnlyList<string> DocumentsOf(int item) =>
        _byItem.TryGetValue(item, out var bag) ? bag.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList() : [];

    public StageResult Process(IReadOnlyList<string> texts, IReadOnlyList<string> ids, StageBatch batch, CancellationToken cancellation)
    {
        var result = new StageResult(texts.Count);
        var flag = result.Add(ContaminatedColumn, StageFieldKind.Boolean);
        var items = result.Add(ItemsColumn, StageFieldKind.String);
        var grams = result.Add(NGramsColumn, StageFieldKind.Int64);
        if (action == ContaminationAction.Drop) result.Rejections = new string?[texts.Count];
        if (action == ContaminationAction.Cut) result.Texts = new string?[texts.Count];
        for (var i = 0; i < texts.Count; i++)
        {
            var matches = index.Matches(texts[i], out var tokens);
            flag.SetBoolean(i, matches.Count > 0);
            grams.SetInt64(i, matches.Count);
            if (matches.Count == 0) continue;
            var hit = matches.SelectMany(m => m.Items).Distinct().Order().ToList();
            foreach (var item in hit) _byItem.GetOrAdd(item, _ => []).Add(ids[i]);
            items.SetString(i, string.Join(",", hit.Select(h => index.ItemIds[h])));
            if (action == ContaminationAction.Drop) result.Rejections![i] = "contains evaluation item " + index.ItemIds[hit[0]];
            if (action == ContaminationAction.Cut) result.Texts![i] = Cut(texts[i], tokens, matches);
        }
        return result;
    }

    /// <summary>The text without the characters from the first to the last token of every match (overlapping matches merge).</summary>
    private static string Cut(string text, List<TextToken> tokens, List<(int FirstToken, int LastToken, List<int> Items)> matches)
    {
        var spans = matches.Select(m => (tokens[m.FirstToken].Start, tokens[m.LastToken].End)).OrderBy(s => s.Start).ToList();
        var sb = new StringBuilder(text.Length);
        var at = 0;
        foreach (var (start, end) in spans)
        {
            if (start > at) sb.Append(text, at, start - at);
            at = Math.Max(at, end);
        }
        if (at < text.Length) sb.Append(text, at, text.Length - at);
        return sb.ToString();
    }
}

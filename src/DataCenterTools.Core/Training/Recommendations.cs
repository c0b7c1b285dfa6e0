using System.Globalization;
using DataCenterTools.Core.Data;
using DataCenterTools.Core.Features;

namespace DataCenterTools.Core.Training;

/// <summary>Top-N lists as a Dataset, with how many users were unknown to the model (they got the fallback list).</summary>
public sealed record RecommendationResult(Dataset Recommendations, int Users, int UnknownUsers, int ExcludedPairs);

/// <summary>
/// Uses a trained recommender: scores (user, item) rows (Invoke-ModelPrediction) and makes each user's top-N list of the
/// items they have not seen (Get-DataRecommendation). A user or item the model never saw falls back (see
/// <see cref="ScoreBasis"/>) and the Basis column says so.
/// </summary>
public static class Recommendations
{
    public const string ScoreColumn = "Score", RankColumn = "Rank", BasisColumn = "Basis";

    public static RecommenderModel Require(TrainedModel model) => model.Recommender
        ?? throw new DataException("ModelNotRecommender", DataErrorKind.InvalidArgument,
            $"The {model.Task} {model.Trainer} model predicts '{model.Label}'; recommendations come from a recommender.",
            "Train one with Start-ModelTraining -Task Recommendation -User <column> -Item <column>.");

    /// <summary>The Dataset with a Score (predicted rating or preference) and a Basis column for each (user, item) row.</summary>
    public static Dataset Predict(TrainedModel trained, Dataset dataset)
    {
        var model = Require(trained);
        var users = RatingRows.RequireKey(dataset, model.UserColumn, "user");
        var items = RatingRows.RequireKey(dataset, model.ItemColumn, "item");
        var scores = new double[dataset.RowCount];
        var valid = new bool[dataset.RowCount];
        var basis = new string?[dataset.RowCount];
        for (var r = 0; r < dataset.RowCount; r++)
        {
            var userKey = FeatureColumns.TextAt(users, r);
            var itemKey = FeatureColumns.TextAt(items, r);
            if (userKey == null || itemKey == null) continue;
            var (score, how) = model.Score(model.UserIndex(userKey), model.ItemIndex(itemKey));
            scores[r] = score;
            valid[r] = !double.IsNaN(score);
            basis[r] = how.ToString();
        }
        var added = new Column[] { new DoubleColumn(ScoreColumn, scores, ValidityBitmap.FromFlags(valid)), new StringColumn(BasisColumn, basis) };
        var names = added.Select(c => c.Name).ToHashSet();
        return dataset.WithColumns(dataset.Columns.Where(c => !names.Contains(c.Name)).Concat(added), new LineageEntry("Invoke-ModelPrediction", new Dictionary<string, string>
        {
            ["Task"] = trained.Task.ToString(), ["Trainer"] = trained.Trainer, ["Label"] = trained.Label, ["Model"] = trained.Path ?? "(in memory)",
        }));
    }

    /// <summary>The distinct user keys of a Dataset's user column, in order of first appearance (missing ones left out).</summary>
    public static IReadOnlyList<string> UsersOf(TrainedModel trained, Dataset dataset)
    {
        var model = Require(trained);
        var column = RatingRows.RequireKey(dataset, model.UserColumn, "user");
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var users = new List<string>();
        for (var r = 0; r < column.Length; r++)
            if (FeatureColumns.TextAt(column, r) is { } key && seen.Add(key)) users.Add(key);
        return users;
    }

    /// <summary>The key of a user given on the command line (a number or a string) as the model's invariant text.</summary>
    public static string Key(object user) => user switch
    {
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => user.ToString() ?? "",
    };

    /// <summary>
    /// Each user's <paramref name="top"/> items, best first: known users by their factor scores, unknown users by the
    /// fallback (item bias for ratings, popularity for implicit feedback). Items a user has in <paramref name="excludeSeen"/>
    /// (rows of user and item, e.g. the training ratings) are left out of that user's list.
    /// </summary>
    public static RecommendationResult ForUsers(TrainedModel trained, IReadOnlyList<string> users, int top, Dataset? excludeSeen, CancellationToken cancel = default)
    {
        var model = Require(trained);
        if (top < 1)
            throw new DataException("TopOutOfRange", DataErrorKind.InvalidArgument, $"{{option:Top}} {top} asks for no recommendation.", "Give {option:Top} 1 or more.");
        var seen = new Dictionary<string, HashSet<int>>(StringComparer.Ordinal);
        var excluded = 0;
        if (excludeSeen != null)
        {
            var u = RatingRows.RequireKey(excludeSeen, model.UserColumn, "user");
            var i = RatingRows.RequireKey(excludeSeen, model.ItemColumn, "item");
            for (var r = 0; r < excludeSeen.RowCount; r++)
            {
                var item = model.ItemIndex(FeatureColumns.TextAt(i, r));
                if (FeatureColumns.TextAt(u, r) is not { } user || item < 0) continue;
                if (!seen.TryGetValue(user, out var set)) seen[user] = set = [];
                if (set.Add(item)) excluded++;
            }
        }
        var lists = new int[users.Count][];
        var basis = new ScoreBasis[users.Count];
        var scoreLists = new float[users.Count][];
        Parallel.For(0, users.Count, new ParallelOptions { CancellationToken = cancel }, () => new float[model.Items], (n, _, scores) =>
        {
            var index = model.UserIndex(users[n]);
            model.RankingScores(index, scores);
            var mine = seen.GetValueOrDefault(users[n]);
            lists[n] = RankingMetrics.TopK(scores, top, mine == null ? null : mine.Contains);
            basis[n] = index >= 0 ? ScoreBasis.Factors : model.Implicit ? ScoreBasis.Popularity : ScoreBasis.ItemBias;
            scoreLists[n] = lists[n].Select(i => (float)model.Score(index, i).Score).ToArray();
            return scores;
        }, _ => { });

        var total = lists.Sum(l => l.Length);
        var userOut = new string[total];
        var itemOut = new string[total];
        var scoreOut = new double[total];
        var rankOut = new long[total];
        var basisOut = new string[total];
        var at = 0;
        for (var n = 0; n < users.Count; n++)
            for (var k = 0; k < lists[n].Length; k++, at++)
            {
                userOut[at] = users[n];
                itemOut[at] = model.ItemKeys[lists[n][k]];
                scoreOut[at] = scoreLists[n][k];
                rankOut[at] = k + 1;
                basisOut[at] = basis[n].ToString();
            }
        var dataset = new Dataset("recommendations",
            [KeyColumn(model.UserColumn, model.UserType, userOut), KeyColumn(model.ItemColumn, model.ItemType, itemOut),
             new DoubleColumn(ScoreColumn, scoreOut), new Int64Column(RankColumn, rankOut), new StringColumn(BasisColumn, basisOut)],
            null, [new LineageEntry("Get-DataRecommendation", new Dictionary<string, string>
            {
                ["Model"] = trained.Path ?? "(in memory)", ["Trainer"] = trained.Trainer, ["Users"] = users.Count.ToString(CultureInfo.InvariantCulture),
                ["Top"] = top.ToString(CultureInfo.InvariantCulture), ["ExcludeSeen"] = excludeSeen?.Name ?? "",
            }, DateTime.UtcNow)]);
        return new RecommendationResult(dataset, users.Count, basis.Count(b => b != ScoreBasis.Factors), excluded);
    }

    /// <summary>Keys back in the id column's own type (Int64 ids stay numbers).</summary>
    private static Column KeyColumn(string name, ColumnType type, string[] keys) => type == ColumnType.Int64
        ? new Int64Column(name, keys.Select(k => long.Parse(k, CultureInfo.InvariantCulture)).ToArray())
        : new StringColumn(name, keys);
}

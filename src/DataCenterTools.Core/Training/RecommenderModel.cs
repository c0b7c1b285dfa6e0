using DataCenterTools.Core.Data;

namespace DataCenterTools.Core.Training;

/// <summary>Where a recommender's score came from: the factors, or a fallback for a user or item it never saw.</summary>
public enum ScoreBasis
{
    /// <summary>μ + b_u + b_i + p_u·q_i (implicit: p_u·q_i): user and item both known.</summary>
    Factors,
    /// <summary>Unknown item, known user: μ + b_u.</summary>
    UserBias,
    /// <summary>Unknown user, known item: μ + b_i.</summary>
    ItemBias,
    /// <summary>Neither known: the training mean μ.</summary>
    GlobalMean,
    /// <summary>Implicit, unknown user: the item's share of the most popular item's interactions.</summary>
    Popularity,
    /// <summary>Implicit, unknown item: no score.</summary>
    None,
}

/// <summary>
/// A fitted matrix factorization: the user and item keys (as invariant text, in first-appearance order), the global mean,
/// biases, factors (row-major, Factors floats per user or item) and each item's training count (its popularity).
/// </summary>
public sealed class RecommenderModel
{
    private const string Magic = "DataCenterTools.Recommender/1";
    private readonly Dictionary<string, int> _userIndex;
    private readonly Dictionary<string, int> _itemIndex;

    internal RecommenderModel(string userColumn, ColumnType userType, string itemColumn, ColumnType itemType, bool isImplicit, int factors,
        string[] userKeys, string[] itemKeys, double globalMean, float[] userBias, float[] itemBias, float[] userFactors, float[] itemFactors,
        int[] itemCounts, double minRating, double maxRating, bool clip)
    {
        UserColumn = userColumn; UserType = userType; ItemColumn = itemColumn; ItemType = itemType;
        Implicit = isImplicit; Factors = factors; UserKeys = userKeys; ItemKeys = itemKeys; GlobalMean = globalMean;
        UserBias = userBias; ItemBias = itemBias; UserFactors = userFactors; ItemFactors = itemFactors; ItemCounts = itemCounts;
        MinRating = minRating; MaxRating = maxRating; Clip = clip;
        _userIndex = Index(userKeys);
        _itemIndex = Index(itemKeys);
    }

    private static Dictionary<string, int> Index(string[] keys)
    {
        var index = new Dictionary<string, int>(keys.Length, StringComparer.Ordinal);
        for (var i = 0; i < keys.Length; i++) index[keys[i]] = i;
        return index;
    }

    public string UserColumn { get; }
    public ColumnType UserType { get; }
    public string ItemColumn { get; }
    public ColumnType ItemType { get; }
    public bool Implicit { get; }
    public int Factors { get; }
    public int Users => UserKeys.Length;
    public int Items => ItemKeys.Length;
    public double GlobalMean { get; }
    public double MinRating { get; }
    public double MaxRating { get; }
    internal bool Clip { get; }
    internal string[] UserKeys { get; }
    internal string[] ItemKeys { get; }
    internal float[] UserBias { get; }
    internal float[] ItemBias { get; }
    internal float[] UserFactors { get; }
    internal float[] ItemFactors { get; }
    internal int[] ItemCounts { get; }

    public int UserIndex(string? key) => key != null && _userIndex.TryGetValue(key, out var u) ? u : -1;
    public int ItemIndex(string? key) => key != null && _itemIndex.TryGetValue(key, out var i) ? i : -1;

    /// <summary>p_u·q_i.</summary>
    internal float Dot(int user, int item) =>
        System.Numerics.Tensors.TensorPrimitives.Dot(UserFactors.AsSpan(user * Factors, Factors), ItemFactors.AsSpan(item * Factors, Factors));

    /// <summary>The score of user index <paramref name="user"/> for item index <paramref name="item"/> (-1 = unseen) and where it came from.</summary>
    public (double Score, ScoreBasis Basis) Score(int user, int item)
    {
        if (Implicit)
        {
            if (item < 0) return (double.NaN, ScoreBasis.None);
            if (user < 0) return (Popularity(item), ScoreBasis.Popularity);
            return (Dot(user, item), ScoreBasis.Factors);
        }
        var (score, basis) = (user, item) switch
        {
            ( >= 0, >= 0) => (GlobalMean + UserBias[user] + ItemBias[item] + Dot(user, item), ScoreBasis.Factors),
            ( >= 0, _) => (GlobalMean + UserBias[user], ScoreBasis.UserBias),
            (_, >= 0) => (GlobalMean + ItemBias[item], ScoreBasis.ItemBias),
            _ => (GlobalMean, ScoreBasis.GlobalMean),
        };
        return (Clip ? Math.Clamp(score, MinRating, MaxRating) : score, basis);
    }

    private double Popularity(int item)
    {
        var max = 0;
        foreach (var c in ItemCounts) max = Math.Max(max, c);
        return max == 0 ? 0 : (double)ItemCounts[item] / max;
    }

    /// <summary>
    /// The ranking score of every item for a known user (the item-dependent part of the prediction: b_i + p_u·q_i, or p_u·q_i),
    /// or for an unknown user (-1) the fallback: b_i for explicit ratings, the item's count for implicit feedback.
    /// </summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    internal void RankingScores(int user, Span<float> scores)
    {
        for (var i = 0; i < Items; i++)
            scores[i] = user >= 0
                ? (Implicit ? 0 : ItemBias[i]) + Dot(user, i)
                : Implicit ? ItemCounts[i] : ItemBias[i];
    }

    public void Write(Stream stream)
    {
        using var w = new BinaryWriter(stream, System.Text.Encoding.UTF8, leaveOpen: true);
        w.Write(Magic);
        w.Write(UserColumn); w.Write((int)UserType); w.Write(ItemColumn); w.Write((int)ItemType);
        w.Write(Implicit); w.Write(Factors); w.Write(GlobalMean); w.Write(MinRating); w.Write(MaxRating); w.Write(Clip);
        foreach (var keys in new[] { UserKeys, ItemKeys })
        {
            w.Write(keys.Length);
            foreach (var k in keys) w.Write(k);
        }
        foreach (var array in new[] { UserBias, ItemBias, UserFactors, ItemFactors })
            foreach (var v in array) w.Write(v);
        foreach (var c in ItemCounts) w.Write(c);
    }

    public static RecommenderModel Read(Stream stream)
    {
        using var r = new BinaryReader(stream, System.Text.Encoding.UTF8, leaveOpen: true);
        if (r.ReadString() != Magic) throw new InvalidDataException("not a DataCenterTools recommender");
        var userColumn = r.ReadString(); var userType = (ColumnType)r.ReadInt32();
        var itemColumn = r.ReadString(); var itemType = (ColumnType)r.ReadInt32();
        var isImplicit = r.ReadBoolean(); var factors = r.ReadInt32();
        var mean = r.ReadDouble(); var min = r.ReadDouble(); var max = r.ReadDouble(); var clip = r.ReadBoolean();
        string[] Keys()
        {
            var keys = new string[r.ReadInt32()];
            for (var i = 0; i < keys.Length; i++) keys[i] = r.ReadString();
            return keys;
        }
        var users = Keys();
        var items = Keys();
        float[] Floats(int n)
        {
            var a = new float[n];
            for (var i = 0; i < n; i++) a[i] = r.ReadSingle();
            return a;
        }
        var userBias = Floats(users.Length);
        var itemBias = Floats(items.Length);
        var p = Floats(users.Length * factors);
        var q = Floats(items.Length * factors);
        var counts = new int[items.Length];
        for (var i = 0; i < counts.Length; i++) counts[i] = r.ReadInt32();
        return new RecommenderModel(userColumn, userType, itemColumn, itemType, isImplicit, factors, users, items, mean, userBias, itemBias, p, q, counts, min, max, clip);
    }
}

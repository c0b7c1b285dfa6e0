namespace DataCenterTools.Core.Text.Dedup;

/// <summary>Disjoint sets over document ordinals (path halving, union by smaller root): the clusters of duplicates.</summary>
public sealed class UnionFind(long count)
{
    private readonly long[] _parent = Enumerable.Range(0, checked((int)count)).Select(i => (long)i).ToArray();

    public long Count => _parent.Length;

    public long Find(long x)
    {
        while (_parent[x] != x)
        {
            _parent[x] = _parent[_parent[x]];
            x = _parent[x];
        }
        return x;
    }

    /// <summary>Joins the sets; the smaller root becomes the root, so the result does not depend on the order of unions.</summary>
    public bool Union(long a, long b)
    {
        var ra = Find(a);
        var rb = Find(b);
        if (ra == rb) return false;
        if (ra < rb) _parent[rb] = ra; else _parent[ra] = rb;
        return true;
    }
}

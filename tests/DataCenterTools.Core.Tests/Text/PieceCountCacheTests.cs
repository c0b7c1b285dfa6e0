using DataCenterTools.Core.Text.Tokens;

namespace DataCenterTools.Core.Tests.Text;

/// <summary>The per-thread piece cache of the cl100k_base counter: found only what was added, collisions kept apart, emptied when full.</summary>
public class PieceCountCacheTests
{
    [Fact]
    public void Finds_what_was_added_and_nothing_else()
    {
        var cache = new PieceCountCache();
        Assert.Equal(-1, cache.Find(" hello", PieceCountCache.Hash(" hello")));
        cache.Add(" hello", PieceCountCache.Hash(" hello"), 1);
        cache.Add("ly", PieceCountCache.Hash("ly"), 2);
        Assert.Equal(1, cache.Find(" hello", PieceCountCache.Hash(" hello")));
        Assert.Equal(2, cache.Find("ly", PieceCountCache.Hash("ly")));
        Assert.Equal(-1, cache.Find(" hell", PieceCountCache.Hash(" hell")));
        Assert.Equal(-1, cache.Find("", PieceCountCache.Hash("")));
    }

    [Fact]
    public void Pieces_with_the_same_hash_are_told_apart_by_their_text()
    {
        var cache = new PieceCountCache();
        cache.Add("abc", 7u, 3);
        cache.Add("abd", 7u, 4);
        cache.Add("ab", 7u, 5);
        Assert.Equal(3, cache.Find("abc", 7u));
        Assert.Equal(4, cache.Find("abd", 7u));
        Assert.Equal(5, cache.Find("ab", 7u));
        Assert.Equal(-1, cache.Find("abe", 7u));
    }

    [Fact]
    public void A_full_cache_is_emptied_and_refilled()
    {
        var cache = new PieceCountCache();
        const int held = 1 << 16;
        for (var i = 0; i < held; i++) cache.Add($"p{i}", PieceCountCache.Hash($"p{i}"), i % 1000);
        Assert.Equal(123, cache.Find("p123", PieceCountCache.Hash("p123")));
        Assert.Equal(65535 % 1000, cache.Find("p65535", PieceCountCache.Hash("p65535")));
        cache.Add("new", PieceCountCache.Hash("new"), 9); // the 65,537th piece: the table starts over
        Assert.Equal(9, cache.Find("new", PieceCountCache.Hash("new")));
        Assert.Equal(-1, cache.Find("p123", PieceCountCache.Hash("p123")));
    }

    [Fact]
    public void Counts_are_the_same_when_the_cache_is_emptied_mid_text()
    {
        // More distinct short pieces than the cache holds, counted twice on one thread: the second count meets an
        // emptied-and-refilled cache and must give the same total; each piece is one number token or a merge.
        var text = string.Join(' ', Enumerable.Range(0, 80_000).Select(i => $"w{i:x}q"));
        var first = Cl100kTokenCounter.Instance.Count(text);
        Assert.Equal(first, Cl100kTokenCounter.Instance.Count(text));
        Assert.Equal(Cl100kTokenCounter.Instance.EncodeToIds(text).Count, first);
    }
}

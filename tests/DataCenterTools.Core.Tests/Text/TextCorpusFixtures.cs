using System.Text;
using DataCenterTools.Core.Data;

namespace DataCenterTools.Core.Tests.Text;

/// <summary>Small generated corpora with known duplicates (documents from a fixed vocabulary and a seeded generator).</summary>
internal static class TextCorpusFixtures
{
    private static readonly string[] Vocabulary =
        ("server rack power cooling network switch storage disk memory processor cluster node job queue training model data " +
         "shard corpus token batch gradient loss epoch metric latency throughput bandwidth fabric cable fan sensor alert " +
         "ticket operator schedule backup restore snapshot volume replica region zone tenant quota limit budget report").Split(' ');

    /// <summary>A document of <paramref name="words"/> words drawn with the given seed.</summary>
    public static string Document(int seed, int words = 80)
    {
        var random = new Random(seed);
        var sb = new StringBuilder();
        for (var i = 0; i < words; i++)
        {
            if (i > 0) sb.Append(i % 12 == 0 ? ". " : " ");
            sb.Append(Vocabulary[random.Next(Vocabulary.Length)]);
        }
        return sb.Append('.').ToString();
    }

    /// <summary>The document with the words at the given positions replaced.</summary>
    public static string Edit(string document, params int[] positions)
    {
        var words = document.Split(' ');
        foreach (var p in positions) words[p] = "edited" + p;
        return string.Join(' ', words);
    }

    public static Dataset Corpus(string name, IReadOnlyList<(string Id, string Text)> docs) =>
        new(name, [new StringColumn("id", docs.Select(d => d.Id).ToArray()), new StringColumn("text", docs.Select(d => d.Text).ToArray())]);
}

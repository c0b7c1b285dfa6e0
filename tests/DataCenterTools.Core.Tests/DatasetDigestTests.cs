using System.Security.Cryptography;
using System.Text;
using DataCenterTools.Core.Data;
using DataCenterTools.Core.Privacy;
using Xunit;

namespace DataCenterTools.Core.Tests;

public class DatasetDigestTests
{
    // The digest's input written out by hand: names joined by U+001F, then per row U+001E and each cell's text
    // followed by U+001F, a missing cell as U+0000.
    private static string Expected(string input) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(input)));

    private const string Input = "host\u001fn\u001e" + "a\u001f1\u001f" + "\u001e\u0000\u001f2\u001f" + "\u001eé\u001f3\u001f";

    [Fact]
    public void Digest_of_plain_strings_is_the_SHA256_of_the_documented_bytes()
    {
        var ds = new Dataset("t", [new StringColumn("host", ["a", null, "é"]), new Int64Column("n", [1, 2, 3])]);
        Assert.Equal(Expected(Input), DatasetDigest.Sha256(ds));
    }

    [Fact]
    public void Dictionary_encoded_strings_give_the_same_digest()
    {
        var ds = new Dataset("t", [new StringColumn("host", [0, -1, 1], ["a", "é"]), new Int64Column("n", [1, 2, 3])]);
        Assert.Equal(Expected(Input), DatasetDigest.Sha256(ds));
    }

    [Fact]
    public void Values_larger_than_the_buffer_are_hashed_whole()
    {
        var big = new string('x', 100_000) + "ü";
        var ds = new Dataset("t", [new StringColumn("s", ["a", big, "b"])]);
        Assert.Equal(Expected($"s\u001ea\u001f\u001e{big}\u001f\u001eb\u001f"), DatasetDigest.Sha256(ds));
    }

    [Fact]
    public void A_cancelled_digest_throws()
    {
        var ds = new Dataset("t", [new Int64Column("n", Enumerable.Range(0, 10_000).Select(i => (long)i).ToArray())]);
        Assert.Throws<OperationCanceledException>(() => DatasetDigest.Sha256(ds, new CancellationToken(canceled: true)));
    }
}

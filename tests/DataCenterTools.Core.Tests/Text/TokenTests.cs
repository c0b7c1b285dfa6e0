using DataCenterTools.Core.Data;
using DataCenterTools.Core.Text.Tokens;

namespace DataCenterTools.Core.Tests.Text;

public class TokenTests
{
    // Token ids as OpenAI's tiktoken gives them: "tiktoken is great!" in cl100k_base is OpenAI's cookbook example
    // ("How to count tokens with tiktoken"); the "Hello world" ids are tiktoken's encode() for each encoding.
    [Theory]
    [InlineData("cl100k_base", "tiktoken is great!", new[] { 83, 1609, 5963, 374, 2294, 0 })]
    [InlineData("cl100k_base", "Hello world", new[] { 9906, 1917 })]
    [InlineData("gpt2", "Hello world", new[] { 15496, 995 })]
    [InlineData("o200k_base", "Hello world", new[] { 13225, 2375 })]
    public void Shipped_tokenizers_give_tiktoken_ids(string name, string text, int[] ids)
    {
        var tokenizer = TextTokenizer.Resolve(name);
        Assert.Equal(ids, tokenizer.Encode(text));
        Assert.Equal(ids.Length, tokenizer.Count(text));
        Assert.Contains("2.0.1", tokenizer.Pin);
    }

    [Fact]
    public void Unknown_names_and_unreadable_files_are_clear_errors()
    {
        Assert.Equal("DataCenterTools.UnknownTokenizer", Assert.Throws<DataException>(() => TextTokenizer.Resolve("llama9")).ErrorId);
        using var temp = new TempFolder();
        Assert.Equal("DataCenterTools.TokenizerInvalid", Assert.Throws<DataException>(() => TextTokenizer.Resolve(temp.File("bad.model", "not a protobuf"))).ErrorId);
        Assert.Equal("DataCenterTools.TokenizerNotSupported", Assert.Throws<DataException>(() => TextTokenizer.Resolve(temp.File("tokenizer.json", "{}"))).ErrorId);
    }
}

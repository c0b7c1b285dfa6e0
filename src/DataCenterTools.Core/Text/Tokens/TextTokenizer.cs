using System.Security.Cryptography;
using DataCenterTools.Core.Data;
using Microsoft.ML.Tokenizers;

namespace DataCenterTools.Core.Text.Tokens;

/// <summary>
/// A tokenizer named and pinned: o200k_base, cl100k_base and gpt2 from Microsoft.ML.Tokenizers 2.0.1 and its
/// offline data packages (no download), or a SentencePiece .model file (Llama 2 / Mistral style), pinned by the
/// file's SHA-256. Hugging Face tokenizer.json files are refused with a clear error: Microsoft.ML.Tokenizers 2.0.1
/// cannot load them (it reads vocab.json + merges.txt, tiktoken and SentencePiece files).
/// </summary>
public sealed class TextTokenizer
{
    public static readonly string[] BuiltIn = ["o200k_base", "cl100k_base", "gpt2"];
    private const string LibraryVersion = "Microsoft.ML.Tokenizers 2.0.1";

    private TextTokenizer(string name, string pin, Tokenizer tokenizer) : this(name, pin, () => tokenizer) { }

    private TextTokenizer(string name, string pin, Func<Tokenizer> tokenizer, Cl100kTokenCounter? counter = null)
    {
        Name = name;
        Pin = pin;
        _inner = new Lazy<Tokenizer>(tokenizer);
        _counter = counter;
    }

    // cl100k_base is counted by our own pre-tokenizer and merge, the library's ids token for token and several times
    // faster (Cl100kTokenCounter says why); ids and the other tokenizers stay with the library.
    private readonly Cl100kTokenCounter? _counter;
    // Loaded on first use: counting cl100k_base never needs the library (loading it cost 0.2-0.3 s CPU a run).
    private readonly Lazy<Tokenizer> _inner;

    /// <summary>The tokenizer's name (o200k_base, or the .model file's name).</summary>
    public string Name { get; }
    /// <summary>What fixes its vocabulary: the library and data package version, or the model file's SHA-256.</summary>
    public string Pin { get; }
    public Tokenizer Inner => _inner.Value;

    public int Count(string text) => _counter?.Count(text) ?? Inner.CountTokens(text);

    public IReadOnlyList<int> Encode(string text) => Inner.EncodeToIds(text);

    public static TextTokenizer Resolve(string nameOrPath)
    {
        var name = nameOrPath.Trim();
        switch (name.ToLowerInvariant())
        {
            case "o200k_base": case "o200k": return new("o200k_base", LibraryVersion + " + Data.O200kBase 2.0.1", TiktokenTokenizer.CreateForEncoding("o200k_base"));
            case "cl100k_base": case "cl100k": return new("cl100k_base", LibraryVersion + " + Data.Cl100kBase 2.0.1", () => TiktokenTokenizer.CreateForEncoding("cl100k_base"), Cl100kTokenCounter.Instance);
            case "gpt2": case "r50k": return new("gpt2", LibraryVersion + " + Data.Gpt2 2.0.1", TiktokenTokenizer.CreateForModel("gpt2"));
        }
        if (!File.Exists(name))
            throw new DataException("UnknownTokenizer", DataErrorKind.InvalidArgument,
                $"'{name}' is neither a tokenizer this module ships nor a file.",
                $"Use {string.Join(", ", BuiltIn)}, or the path of a SentencePiece .model file.");
        var full = Path.GetFullPath(name);
        if (Path.GetFileName(full).Equals("tokenizer.json", StringComparison.OrdinalIgnoreCase) || full.EndsWith(".json", StringComparison.OrdinalIgnoreCase))
            throw new DataException("TokenizerNotSupported", DataErrorKind.NotSupported,
                $"'{full}' is a Hugging Face tokenizer.json, which {LibraryVersion} cannot load.",
                "Use the model's SentencePiece tokenizer.model (Llama, Mistral), or o200k_base / cl100k_base for counts close to GPT-4o / GPT-4.", full);
        var sha = FileInput.ComputeSha256(full);
        try
        {
            using var stream = File.OpenRead(full);
            return new(Path.GetFileName(full), "sha256:" + sha, LlamaTokenizer.Create(stream));
        }
        catch (Exception e) when (e is not DataException and not OperationCanceledException)
        {
            throw new DataException("TokenizerInvalid", DataErrorKind.InvalidData, $"'{full}' is not a SentencePiece model that {LibraryVersion} can read: {e.Message}",
                "Give the tokenizer.model file that came with the model.", full, inner: e);
        }
    }
}

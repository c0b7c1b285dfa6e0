using System.Globalization;
using DataCenterTools.Core.Data;

namespace DataCenterTools.Core.Training;

/// <summary>The n-gram ranges and weighting of the text featurizer (both ranges inclusive; a block with Max 0 is off).</summary>
public sealed record TfIdfOptions
{
    public int WordMin { get; init; } = 1;
    public int WordMax { get; init; } = 2;
    public int CharMin { get; init; } = 2;
    public int CharMax { get; init; } = 5;

    /// <summary>1 + ln(tf) instead of the raw count, so a word said five times does not count five times as much.</summary>
    public bool SublinearTf { get; init; } = true;

    /// <summary>At most this many terms per block, the most frequent kept (scikit-learn's max_features).</summary>
    public int MaxTermsPerBlock { get; init; } = 1 << 20;
}

/// <summary>
/// A fitted TF-IDF vocabulary for one free-text feature: the fast text path. Two blocks of terms: word n-grams
/// (scikit-learn's default analyzer: lower-cased runs of two or more word characters, n-grams joined by a space) and
/// character n-grams inside words padded with a space (scikit-learn's char_wb). Each term is weighted by
/// tf x smooth idf, ln((1 + n) / (1 + df)) + 1, and each block is L2-normalised on its own, as a scikit-learn
/// FeatureUnion of two TfidfVectorizers does. Written here rather than with ML.NET's FeaturizeText because the vocabulary
/// and idf must travel with the model and be applied outside ML.NET's pipeline (see <see cref="ModelInputs"/>), and
/// because it is fast: terms are looked up by span, so only new terms allocate a string.
/// </summary>
public sealed class TfIdfVocabulary
{
    private const string Magic = "DataCenterTools.TfIdf/1";
    private readonly Dictionary<string, int> _words;
    private readonly Dictionary<string, int> _chars;
    private readonly float[] _idf;

    private TfIdfVocabulary(TfIdfOptions options, Dictionary<string, int> words, Dictionary<string, int> chars, float[] idf, int documents)
    {
        Options = options;
        _words = words;
        _chars = chars;
        _idf = idf;
        Documents = documents;
        _scratch = new ThreadLocal<(int[] Counts, List<int> Touched)>(() => (new int[idf.Length], new List<int>()));
    }

    private readonly ThreadLocal<(int[] Counts, List<int> Touched)> _scratch;

    public TfIdfOptions Options { get; }

    /// <summary>The documents the idf was fitted on.</summary>
    public int Documents { get; }

    public int WordTerms => _words.Count;
    public int CharTerms => _chars.Count;

    /// <summary>The vector length: word terms first, then character terms.</summary>
    public int Dimension => _words.Count + _chars.Count;

    /// <summary>The idf of a term in the vector's order (for tests and explanations).</summary>
    public float Idf(int index) => _idf[index];

    /// <summary>The vector index of a word n-gram or character n-gram, or -1.</summary>
    public int IndexOf(string term, bool character) => (character ? _chars : _words).TryGetValue(term, out var i) ? i + (character ? _words.Count : 0) : -1;

    /// <summary>Fits the vocabulary and idf on the non-missing values of <paramref name="column"/> (a missing value is an empty document).</summary>
    public static TfIdfVocabulary Fit(StringColumn column, TfIdfOptions options, CancellationToken cancel = default)
    {
        var words = new Counter();
        var chars = new Counter();
        for (var row = 0; row < column.Length; row++)
        {
            if ((row & 1023) == 0) cancel.ThrowIfCancellationRequested();
            var text = (column[row] ?? "").ToLowerInvariant();
            words.StartDocument();
            chars.StartDocument();
            ForEachTerm(text, options, words.Add, chars.Add);
        }
        var n = column.Length;
        var wordIndex = words.Vocabulary(options.MaxTermsPerBlock, out var wordDf);
        var charIndex = chars.Vocabulary(options.MaxTermsPerBlock, out var charDf);
        var idf = new float[wordIndex.Count + charIndex.Count];
        for (var i = 0; i < wordDf.Length; i++) idf[i] = SmoothIdf(n, wordDf[i]);
        for (var i = 0; i < charDf.Length; i++) idf[wordDf.Length + i] = SmoothIdf(n, charDf[i]);
        return new TfIdfVocabulary(options, wordIndex, charIndex, idf, n);
    }

    private static float SmoothIdf(int documents, int df) => (float)(Math.Log((1.0 + documents) / (1.0 + df)) + 1);

    /// <summary>The document's TF-IDF vector as sorted indices and values (terms not in the vocabulary are ignored).</summary>
    public (int[] Indices, float[] Values) Vectorize(string? text)
    {
        var lower = (text ?? "").ToLowerInvariant();
        // Term counts in a scratch array the size of the vocabulary (one per thread), cleared through the list of touched terms.
        var scratch = _scratch.Value!;
        var counts = scratch.Counts;
        var touched = scratch.Touched;
        touched.Clear();
        var words = _words.GetAlternateLookup<ReadOnlySpan<char>>();
        var chars = _chars.GetAlternateLookup<ReadOnlySpan<char>>();
        var offset = _words.Count;
        void Count(int index)
        {
            if (counts[index]++ == 0) touched.Add(index);
        }
        ForEachTerm(lower, Options,
            w => { if (words.TryGetValue(w, out var i)) Count(i); },
            c => { if (chars.TryGetValue(c, out var i)) Count(offset + i); });
        var indices = touched.ToArray();
        Array.Sort(indices);
        var values = new float[indices.Length];
        double wordNorm = 0, charNorm = 0;
        for (var k = 0; k < indices.Length; k++)
        {
            var tf = (double)counts[indices[k]];
            counts[indices[k]] = 0;
            var v = (Options.SublinearTf ? 1 + Math.Log(tf) : tf) * _idf[indices[k]];
            values[k] = (float)v;
            if (indices[k] < offset) wordNorm += v * v; else charNorm += v * v;
        }
        wordNorm = Math.Sqrt(wordNorm);
        charNorm = Math.Sqrt(charNorm);
        for (var k = 0; k < indices.Length; k++)
            values[k] = (float)(values[k] / (indices[k] < offset ? wordNorm : charNorm));
        return (indices, values);
    }

    private delegate void TermSink(ReadOnlySpan<char> term);

    /// <summary>Calls the sinks with every word n-gram and character n-gram of lower-cased text.</summary>
    private static void ForEachTerm(string text, TfIdfOptions options, TermSink word, TermSink character)
    {
        if (options.WordMax > 0) WordNgrams(text, options.WordMin, options.WordMax, word);
        if (options.CharMax > 0) CharNgrams(text, options.CharMin, options.CharMax, character);
    }

    /// <summary>scikit-learn's token_pattern (?u)\b\w\w+\b: maximal runs of word characters, two or more long.</summary>
    private static void WordNgrams(string text, int min, int max, TermSink sink)
    {
        var starts = new List<int>();
        var ends = new List<int>();
        for (var i = 0; i < text.Length;)
        {
            if (!IsWordChar(text[i])) { i++; continue; }
            var start = i;
            while (i < text.Length && IsWordChar(text[i])) i++;
            if (i - start >= 2) { starts.Add(start); ends.Add(i); }
        }
        Span<char> buffer = stackalloc char[256];
        for (var n = min; n <= max; n++)
            for (var t = 0; t + n <= starts.Count; t++)
            {
                if (n == 1) { sink(text.AsSpan(starts[t], ends[t] - starts[t])); continue; }
                var length = n - 1;
                for (var j = t; j < t + n; j++) length += ends[j] - starts[j];
                var joined = length <= buffer.Length ? buffer[..length] : new char[length];
                var at = 0;
                for (var j = t; j < t + n; j++)
                {
                    if (j > t) joined[at++] = ' ';
                    text.AsSpan(starts[j], ends[j] - starts[j]).CopyTo(joined[at..]);
                    at += ends[j] - starts[j];
                }
                sink(joined);
            }
    }

    /// <summary>scikit-learn's char_wb: for each whitespace-separated word " w ", its n-grams; a word shorter than n gives itself once.</summary>
    private static void CharNgrams(string text, int min, int max, TermSink sink)
    {
        Span<char> buffer = stackalloc char[258];
        for (var i = 0; i < text.Length;)
        {
            if (char.IsWhiteSpace(text[i])) { i++; continue; }
            var start = i;
            while (i < text.Length && !char.IsWhiteSpace(text[i])) i++;
            var length = i - start + 2;
            var padded = length <= buffer.Length ? buffer[..length] : new char[length];
            padded[0] = ' ';
            text.AsSpan(start, i - start).CopyTo(padded[1..]);
            padded[^1] = ' ';
            for (var n = min; n <= max; n++)
            {
                if (length <= n) { sink(padded); break; }
                for (var offset = 0; offset + n <= length; offset++) sink(padded.Slice(offset, n));
            }
        }
    }

    private static bool IsWordChar(char c) => char.IsLetterOrDigit(c) || c == '_' || char.GetUnicodeCategory(c) is UnicodeCategory.NonSpacingMark or UnicodeCategory.ConnectorPunctuation;

    /// <summary>Document frequencies while fitting: each term counted once per document.</summary>
    private sealed class Counter
    {
        private readonly Dictionary<string, int> _index = new(StringComparer.Ordinal);
        private readonly List<int> _df = [];
        private readonly List<int> _lastDocument = [];
        private int _document = -1;

        public void StartDocument() => _document++;

        public void Add(ReadOnlySpan<char> term)
        {
            var lookup = _index.GetAlternateLookup<ReadOnlySpan<char>>();
            if (!lookup.TryGetValue(term, out var i))
            {
                i = _df.Count;
                lookup[term] = i;
                _df.Add(0);
                _lastDocument.Add(-1);
            }
            if (_lastDocument[i] == _document) return;
            _lastDocument[i] = _document;
            _df[i]++;
        }

        /// <summary>The kept terms (the most frequent, at most <paramref name="max"/>) in ordinal order, with their document frequencies.</summary>
        public Dictionary<string, int> Vocabulary(int max, out int[] df)
        {
            var terms = _index.Keys.ToArray();
            if (terms.Length > max)
                terms = terms.OrderByDescending(t => _df[_index[t]]).ThenBy(t => t, StringComparer.Ordinal).Take(max).ToArray();
            Array.Sort(terms, StringComparer.Ordinal);
            df = new int[terms.Length];
            var result = new Dictionary<string, int>(terms.Length, StringComparer.Ordinal);
            for (var i = 0; i < terms.Length; i++)
            {
                result[terms[i]] = i;
                df[i] = _df[_index[terms[i]]];
            }
            return result;
        }
    }

    /// <summary>Writes the options, the terms and their idf (binary, length-prefixed UTF-8 strings).</summary>
    public void Write(Stream stream)
    {
        using var w = new BinaryWriter(stream, System.Text.Encoding.UTF8, leaveOpen: true);
        w.Write(Magic);
        w.Write(Options.WordMin); w.Write(Options.WordMax); w.Write(Options.CharMin); w.Write(Options.CharMax);
        w.Write(Options.SublinearTf); w.Write(Options.MaxTermsPerBlock); w.Write(Documents);
        foreach (var block in new[] { _words, _chars })
        {
            w.Write(block.Count);
            foreach (var term in block.OrderBy(p => p.Value).Select(p => p.Key)) w.Write(term);
        }
        foreach (var v in _idf) w.Write(v);
    }

    public static TfIdfVocabulary Read(Stream stream)
    {
        using var r = new BinaryReader(stream, System.Text.Encoding.UTF8, leaveOpen: true);
        if (r.ReadString() != Magic) throw new InvalidDataException("not a DataCenterTools TF-IDF vocabulary");
        var options = new TfIdfOptions { WordMin = r.ReadInt32(), WordMax = r.ReadInt32(), CharMin = r.ReadInt32(), CharMax = r.ReadInt32(), SublinearTf = r.ReadBoolean(), MaxTermsPerBlock = r.ReadInt32() };
        var documents = r.ReadInt32();
        var blocks = new Dictionary<string, int>[2];
        for (var b = 0; b < 2; b++)
        {
            var count = r.ReadInt32();
            blocks[b] = new Dictionary<string, int>(count, StringComparer.Ordinal);
            for (var i = 0; i < count; i++) blocks[b][r.ReadString()] = i;
        }
        var idf = new float[blocks[0].Count + blocks[1].Count];
        for (var i = 0; i < idf.Length; i++) idf[i] = r.ReadSingle();
        return new TfIdfVocabulary(options, blocks[0], blocks[1], idf, documents);
    }
}

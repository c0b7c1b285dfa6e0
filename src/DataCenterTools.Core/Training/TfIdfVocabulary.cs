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

    /// <summary>A character n-gram must occur in at least this many training documents to be kept (scikit-learn's min_df, for that block only).</summary>
    public int CharMinDocumentFrequency { get; init; } = 1;
}

/// <summary>
/// A text column split into terms once: every distinct word n-gram and character n-gram gets a global id, and each row
/// keeps its ids (sorted) with their counts. Cross-validation fits one vocabulary per fold from these ids and vectorizes
/// rows through them, so the n-grams of a row are found once, not once per fold and candidate.
/// </summary>
public sealed class TfIdfCorpus
{
    private TfIdfCorpus(TfIdfOptions options, string[] words, string[] chars, int[][] terms, int[][] counts)
    {
        Options = options; Words = words; Chars = chars; Terms = terms; Counts = counts;
    }

    public TfIdfOptions Options { get; }
    /// <summary>Global term ids: word n-grams are 0..Words.Length-1, character n-grams follow.</summary>
    internal string[] Words { get; }
    internal string[] Chars { get; }
    internal int[][] Terms { get; }
    internal int[][] Counts { get; }
    public int Rows => Terms.Length;

    /// <summary>Splits every value of <paramref name="column"/> into its terms (a missing value is an empty document).</summary>
    public static TfIdfCorpus Build(StringColumn column, TfIdfOptions options, CancellationToken cancel = default)
    {
        var words = new Dictionary<string, int>(StringComparer.Ordinal);
        var chars = new Dictionary<string, int>(StringComparer.Ordinal);
        var wordLookup = words.GetAlternateLookup<ReadOnlySpan<char>>();
        var charLookup = chars.GetAlternateLookup<ReadOnlySpan<char>>();
        var wordIds = new List<int>();
        var charIds = new List<int>();
        var terms = new int[column.Length][];
        var counts = new int[column.Length][];
        var bag = new Dictionary<int, int>();
        for (var row = 0; row < column.Length; row++)
        {
            if ((row & 1023) == 0) cancel.ThrowIfCancellationRequested();
            bag.Clear();
            wordIds.Clear();
            charIds.Clear();
            TfIdfVocabulary.ForEachTerm((column[row] ?? "").ToLowerInvariant(), options,
                w => { if (!wordLookup.TryGetValue(w, out var id)) wordLookup[w] = id = words.Count; wordIds.Add(id); },
                c => { if (!charLookup.TryGetValue(c, out var id)) charLookup[c] = id = chars.Count; charIds.Add(id); });
            // Character ids are offset after all word ids once both are known; keep them apart for now (negative).
            foreach (var id in wordIds) bag[id] = bag.GetValueOrDefault(id) + 1;
            foreach (var id in charIds) bag[~id] = bag.GetValueOrDefault(~id) + 1;
            terms[row] = bag.Keys.ToArray();
            counts[row] = new int[terms[row].Length];
            for (var k = 0; k < terms[row].Length; k++) counts[row][k] = bag[terms[row][k]];
        }
        var wordCount = words.Count;
        for (var row = 0; row < terms.Length; row++)
        {
            var t = terms[row];
            for (var k = 0; k < t.Length; k++) if (t[k] < 0) t[k] = wordCount + ~t[k];
            Array.Sort(t, counts[row]);
        }
        return new TfIdfCorpus(options, Ordered(words), Ordered(chars), terms, counts);
    }

    private static string[] Ordered(Dictionary<string, int> ids)
    {
        var result = new string[ids.Count];
        foreach (var (term, id) in ids) result[id] = term;
        return result;
    }
}

/// <summary>
/// A fitted TF-IDF vocabulary for one free-text feature: the fast text path. Two blocks of terms: word n-grams
/// (scikit-learn's default analyzer: lower-cased runs of two or more word characters, n-grams joined by a space) and
/// character n-grams inside words padded with a space (scikit-learn's char_wb). Each term is weighted by
/// tf x smooth idf, ln((1 + n) / (1 + df)) + 1, and each block is L2-normalised on its own, as a scikit-learn
/// FeatureUnion of two TfidfVectorizers does. Written here rather than with ML.NET's FeaturizeText because the vocabulary
/// and idf must travel with the model and be applied outside ML.NET's pipeline (see <see cref="ModelInputs"/>), and
/// because it is fast: terms are looked up by span, so only new terms allocate a string, and a row of the corpus it was
/// fitted from is vectorized from its term ids without looking at its text again.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "The per-thread scratch arrays live as long as the model that holds the vocabulary; the finalizer of ThreadLocal frees them.")]
public sealed class TfIdfVocabulary
{
    private const string Magic = "DataCenterTools.TfIdf/1";
    private readonly Dictionary<string, int> _words;
    private readonly Dictionary<string, int> _chars;
    private readonly float[] _idf;
    private readonly ThreadLocal<(int[] Counts, List<int> Touched)> _scratch;

    /// <summary>The corpus this vocabulary was fitted from and each global term id's index here (-1: not kept); null once loaded from a file.</summary>
    private readonly TfIdfCorpus? _corpus;
    private readonly int[]? _fromGlobal;

    private TfIdfVocabulary(TfIdfOptions options, Dictionary<string, int> words, Dictionary<string, int> chars, float[] idf, int documents,
        TfIdfCorpus? corpus = null, int[]? fromGlobal = null)
    {
        Options = options;
        _words = words;
        _chars = chars;
        _idf = idf;
        Documents = documents;
        _corpus = corpus;
        _fromGlobal = fromGlobal;
        _scratch = new ThreadLocal<(int[] Counts, List<int> Touched)>(() => (new int[idf.Length], new List<int>()));
    }

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

    /// <summary>Whether rows of <paramref name="corpus"/> can be vectorized from their term ids.</summary>
    internal bool Knows(TfIdfCorpus corpus) => ReferenceEquals(_corpus, corpus);

    /// <summary>Fits the vocabulary and idf on the non-missing values of <paramref name="column"/> (a missing value is an empty document).</summary>
    public static TfIdfVocabulary Fit(StringColumn column, TfIdfOptions options, CancellationToken cancel = default)
    {
        var corpus = TfIdfCorpus.Build(column, options, cancel);
        return Fit(corpus, Enumerable.Range(0, corpus.Rows).ToArray());
    }

    /// <summary>Fits the vocabulary and idf on the given rows of a corpus: only their terms, only their document frequencies.</summary>
    public static TfIdfVocabulary Fit(TfIdfCorpus corpus, IReadOnlyList<int> rows)
    {
        var options = corpus.Options;
        var df = new int[corpus.Words.Length + corpus.Chars.Length];
        foreach (var row in rows)
            foreach (var id in corpus.Terms[row]) df[id]++;
        var wordIndex = Keep(corpus.Words, df, 0, 1, options.MaxTermsPerBlock);
        var charIndex = Keep(corpus.Chars, df, corpus.Words.Length, options.CharMinDocumentFrequency, options.MaxTermsPerBlock);
        var idf = new float[wordIndex.Count + charIndex.Count];
        var fromGlobal = new int[df.Length];
        Array.Fill(fromGlobal, -1);
        for (var id = 0; id < corpus.Words.Length; id++)
            if (wordIndex.TryGetValue(corpus.Words[id], out var i))
            {
                fromGlobal[id] = i;
                idf[i] = SmoothIdf(rows.Count, df[id]);
            }
        for (var id = 0; id < corpus.Chars.Length; id++)
            if (charIndex.TryGetValue(corpus.Chars[id], out var i))
            {
                fromGlobal[corpus.Words.Length + id] = wordIndex.Count + i;
                idf[wordIndex.Count + i] = SmoothIdf(rows.Count, df[corpus.Words.Length + id]);
            }
        return new TfIdfVocabulary(options, wordIndex, charIndex, idf, rows.Count, corpus, fromGlobal);
    }

    /// <summary>A block's kept terms (document frequency at least <paramref name="minDf"/>, the most frequent <paramref name="max"/>), numbered in ordinal order.</summary>
    private static Dictionary<string, int> Keep(string[] terms, int[] df, int offset, int minDf, int max)
    {
        var kept = Enumerable.Range(0, terms.Length).Where(id => df[offset + id] >= Math.Max(1, minDf)).ToArray();
        if (kept.Length > max)
            kept = kept.OrderByDescending(id => df[offset + id]).ThenBy(id => terms[id], StringComparer.Ordinal).Take(max).ToArray();
        var names = kept.Select(id => terms[id]).ToArray();
        Array.Sort(names, StringComparer.Ordinal);
        var result = new Dictionary<string, int>(names.Length, StringComparer.Ordinal);
        for (var i = 0; i < names.Length; i++) result[names[i]] = i;
        return result;
    }

    private static float SmoothIdf(int documents, int df) => (float)(Math.Log((1.0 + documents) / (1.0 + df)) + 1);

    /// <summary>The document's TF-IDF vector as sorted indices and values (terms not in the vocabulary are ignored).</summary>
    public (int[] Indices, float[] Values) Vectorize(string? text)
    {
        var lower = (text ?? "").ToLowerInvariant();
        // Term counts in a scratch array the size of the vocabulary (one per thread), cleared through the list of touched terms.
        var (counts, touched) = _scratch.Value!;
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
        var tf = new int[indices.Length];
        for (var k = 0; k < indices.Length; k++)
        {
            tf[k] = counts[indices[k]];
            counts[indices[k]] = 0;
        }
        return (indices, Weigh(indices, tf));
    }

    /// <summary>The vector of row <paramref name="row"/> of the corpus this vocabulary was fitted from: the same values as <see cref="Vectorize(string?)"/> of its text.</summary>
    internal (int[] Indices, float[] Values) Vectorize(TfIdfCorpus corpus, int row)
    {
        if (!Knows(corpus)) throw new InvalidOperationException("The vocabulary was not fitted from this corpus.");
        var terms = corpus.Terms[row];
        var counts = corpus.Counts[row];
        var n = 0;
        foreach (var id in terms) if (_fromGlobal![id] >= 0) n++;
        var indices = new int[n];
        var tf = new int[n];
        n = 0;
        // Global ids are sorted and the local order of each block is ordinal, not id order: sort after mapping.
        for (var k = 0; k < terms.Length; k++)
        {
            var local = _fromGlobal![terms[k]];
            if (local < 0) continue;
            indices[n] = local;
            tf[n++] = counts[k];
        }
        Array.Sort(indices, tf);
        return (indices, Weigh(indices, tf));
    }

    /// <summary>tf (sublinear: 1 + ln tf) x idf, each block L2-normalised on its own.</summary>
    private float[] Weigh(int[] indices, int[] tf)
    {
        var offset = _words.Count;
        var values = new double[indices.Length];
        double wordNorm = 0, charNorm = 0;
        for (var k = 0; k < indices.Length; k++)
        {
            var v = (Options.SublinearTf ? 1 + Math.Log(tf[k]) : tf[k]) * _idf[indices[k]];
            values[k] = v;
            if (indices[k] < offset) wordNorm += v * v; else charNorm += v * v;
        }
        wordNorm = Math.Sqrt(wordNorm);
        charNorm = Math.Sqrt(charNorm);
        var result = new float[indices.Length];
        for (var k = 0; k < indices.Length; k++) result[k] = (float)(values[k] / (indices[k] < offset ? wordNorm : charNorm));
        return result;
    }

    internal delegate void TermSink(ReadOnlySpan<char> term);

    /// <summary>Calls the sinks with every word n-gram and character n-gram of lower-cased text.</summary>
    internal static void ForEachTerm(string text, TfIdfOptions options, TermSink word, TermSink character)
    {
        if (options.WordMax > 0) WordNgrams(text, options.WordMin, options.WordMax, word);
        if (options.CharMax > 0) CharNgrams(text, options.CharMin, options.CharMax, character);
    }

    /// <summary>scikit-learn's token_pattern (?u)\b\w\w+\b: maximal runs of word characters, two or more long.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
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
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
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

    /// <summary>Python's \\w: letters, numbers (decimal, letter-like and other) and the underscore.</summary>
    private static bool IsWordChar(char c) => char.IsLetter(c) || char.IsNumber(c) || c == '_';

    /// <summary>Writes the options, the terms and their idf (binary, length-prefixed UTF-8 strings).</summary>
    public void Write(Stream stream)
    {
        using var w = new BinaryWriter(stream, System.Text.Encoding.UTF8, leaveOpen: true);
        w.Write(Magic);
        w.Write(Options.WordMin); w.Write(Options.WordMax); w.Write(Options.CharMin); w.Write(Options.CharMax);
        w.Write(Options.SublinearTf); w.Write(Options.MaxTermsPerBlock); w.Write(Options.CharMinDocumentFrequency); w.Write(Documents);
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
        var options = new TfIdfOptions { WordMin = r.ReadInt32(), WordMax = r.ReadInt32(), CharMin = r.ReadInt32(), CharMax = r.ReadInt32(), SublinearTf = r.ReadBoolean(), MaxTermsPerBlock = r.ReadInt32(), CharMinDocumentFrequency = r.ReadInt32() };
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

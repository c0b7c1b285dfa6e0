using DataCenterTools.Core.Data;
using DataCenterTools.Core.Features;
using DataCenterTools.Core.Security;

namespace DataCenterTools.Core.Privacy;

/// <summary>k-anonymity asked of Protect-Dataset: classes of at least K rows over the quasi-identifiers.</summary>
public sealed record KAnonymityRequest(int K, IReadOnlyList<string> QuasiIdentifiers, double MaxSuppression = 0.05);

/// <summary>The protected dataset and, when asked, what k-anonymity cost.</summary>
public sealed record ProtectionResult(Dataset Dataset, KAnonymityResult? KAnonymity, ColumnKeyEnvelope? Envelope = null);

/// <summary>Several problems found before anything was changed (e.g. one per column that cannot be tokenized).</summary>
public sealed class DataProblemsException(IReadOnlyList<DataException> problems)
    : DataException(problems[0].ErrorId, problems[0].Kind, problems[0].Message, problems[0].Recommendation, column: problems[0].ColumnName)
{
    public IReadOnlyList<DataException> Problems { get; } = problems;
}

/// <summary>
/// Applies a protection plan to a dataset: each step rewrites one column, then k-anonymity (when
/// asked) generalizes the quasi-identifiers and suppresses rows. Everything is checked before any
/// column is rewritten, and the input dataset is never modified; the result carries one lineage
/// step naming operators, columns and the key id.
/// </summary>
public static class DatasetProtector
{
    public static bool NeedsKey(ProtectionOperator op) => op is ProtectionOperator.Hash or ProtectionOperator.Tokenize or ProtectionOperator.Encrypt;

    public static bool IsReversible(ProtectionOperator op) => op is ProtectionOperator.Tokenize or ProtectionOperator.Encrypt;

    /// <param name="keyName">The passphrase context name when the key came from a passphrase (kept in lineage), else null.</param>
    /// <param name="recipients">When given, each Tokenize/Encrypt column gets its own random data key, wrapped for each
    /// recipient (and for <paramref name="key"/>) in the result's <see cref="ColumnKeyEnvelope"/>.</param>
    public static ProtectionResult Protect(Dataset dataset, IReadOnlyList<ProtectionStep> steps, ProtectionOptions options,
        DataProtectionKey? key, string? keyName = null, KAnonymityRequest? kAnonymity = null, IReadOnlyList<RecipientPublicKey>? recipients = null)
    {
        recipients ??= [];
        Validate(dataset, steps, key, recipients.Count > 0);
        var columnKeys = recipients.Count == 0
            ? new Dictionary<string, DataProtectionKey>()
            : steps.Where(s => IsReversible(s.Operator)).ToDictionary(s => s.Column, _ => DataProtectionKey.Generate(), StringComparer.Ordinal);
        try
        {
            return Protect(dataset, steps, options, key, keyName, kAnonymity, recipients, columnKeys);
        }
        finally
        {
            foreach (var columnKey in columnKeys.Values) columnKey.Dispose();
        }
    }

    private static ProtectionResult Protect(Dataset dataset, IReadOnlyList<ProtectionStep> steps, ProtectionOptions options, DataProtectionKey? key,
        string? keyName, KAnonymityRequest? kAnonymity, IReadOnlyList<RecipientPublicKey> recipients, Dictionary<string, DataProtectionKey> columnKeys)
    {
        DataProtectionKey? KeyFor(string column) => columnKeys.GetValueOrDefault(column) ?? key;
        var parameters = new Dictionary<string, string>(StringComparer.Ordinal);
        var replaced = new Dictionary<string, Column?>(StringComparer.Ordinal);
        var tokenizers = PrepareTokenizers(dataset, steps, options, KeyFor);
        foreach (var step in steps)
        {
            var column = dataset[step.Column];
            replaced[step.Column] = Apply(column, step, options, KeyFor(step.Column), tokenizers);
            if (NeedsKey(step.Operator) && column.Type != ColumnType.String && step.Operator != ProtectionOperator.Hash)
                parameters[ProtectionLineage.TypePrefix + step.Column] = column.Type.ToString();
        }
        foreach (var group in steps.GroupBy(s => s.Operator))
            parameters[group.Key.ToString()] = ProtectionLineage.JoinColumns(group.Select(s => s.Column));
        foreach (var (column, tokenizer) in tokenizers)
            parameters[ProtectionLineage.AlphabetPrefix + column] = tokenizer.Alphabet;
        DescribeOptions(steps, options, parameters);
        ColumnKeyEnvelope? envelope = null;
        if (columnKeys.Count > 0)
        {
            envelope = new ColumnKeyEnvelope(steps.Where(s => IsReversible(s.Operator)).Select(s => new EnvelopeColumn(
                s.Column, s.Operator, tokenizers.GetValueOrDefault(s.Column)?.Alphabet,
                s.Operator == ProtectionOperator.Tokenize ? Convert.ToHexString(options.Tweak) : "",
                dataset[s.Column].Type, columnKeys[s.Column].KeyId,
                ColumnKeyEnvelope.Wrap(s.Column, columnKeys[s.Column], recipients, key))).ToArray());
            parameters[ProtectionLineage.Envelope] = envelope.ToJson();
            parameters[ProtectionLineage.Recipients] = string.Join(",", recipients.Select(r => r.KeyId));
        }
        if (key != null && steps.Any(s => NeedsKey(s.Operator)))
        {
            parameters[ProtectionLineage.KeyId] = key.KeyId;
            if (keyName != null) parameters[ProtectionLineage.KeyName] = keyName;
        }

        var columns = dataset.Columns
            .Select(c => replaced.TryGetValue(c.Name, out var r) ? r : c)
            .Where(c => c != null)
            .Select(c => c!);
        var protectedData = new Dataset(dataset.Name, columns, dataset.Source, dataset.Lineage);
        KAnonymityResult? kResult = null;
        if (kAnonymity != null)
        {
            kResult = KAnonymizer.Apply(protectedData, kAnonymity.QuasiIdentifiers, kAnonymity.K, kAnonymity.MaxSuppression);
            protectedData = kResult.Dataset;
            parameters["KAnonymity"] = kAnonymity.K.ToString(System.Globalization.CultureInfo.InvariantCulture);
            parameters["QuasiIdentifier"] = ProtectionLineage.JoinColumns(kAnonymity.QuasiIdentifiers);
            parameters["AchievedK"] = kResult.AchievedK.ToString(System.Globalization.CultureInfo.InvariantCulture);
            parameters["Levels"] = string.Join(",", kResult.Levels.Select(l => $"{l.Column}:{l.Level}"));
            parameters["RowsSuppressed"] = kResult.RowsSuppressed.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
        var result = protectedData.WithLineage(new LineageEntry(ProtectionLineage.ProtectOperation, parameters));
        return new ProtectionResult(result, kResult, envelope);
    }

    private static void Validate(Dataset dataset, IReadOnlyList<ProtectionStep> steps, DataProtectionKey? key, bool withRecipients)
    {
        foreach (var step in steps) FeatureColumns.Require(dataset, step.Column, $"-{step.Operator}");
        var twice = steps.GroupBy(s => s.Column, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (twice != null)
            throw new DataException("OperatorConflict", DataErrorKind.InvalidArgument,
                $"Column '{twice.Key}' is given to more than one operator ({string.Join(", ", twice.Select(s => s.Operator))}).",
                "Give each column one operator; run Protect-Dataset again on the result for a second one.", column: twice.Key);
        var keyed = steps.FirstOrDefault(s => NeedsKey(s.Operator) && !(withRecipients && IsReversible(s.Operator)));
        if (key == null && keyed != null)
            throw new DataException("KeyRequired", DataErrorKind.InvalidArgument,
                $"{keyed.Operator} (column '{keyed.Column}') needs a key.",
                "Give -KeyPath <key file> (New-DataProtectionKey) or -Passphrase (Read-Host -AsSecureString).", column: keyed.Column);
    }

    // One tokenizer per Tokenize column, after checking every cell of every such column.
    private static Dictionary<string, Ff1Tokenizer> PrepareTokenizers(Dataset dataset, IReadOnlyList<ProtectionStep> steps, ProtectionOptions options,
        Func<string, DataProtectionKey?> keyFor)
    {
        var tokenizers = new Dictionary<string, Ff1Tokenizer>(StringComparer.Ordinal);
        var problems = new List<DataException>();
        foreach (var step in steps.Where(s => s.Operator == ProtectionOperator.Tokenize))
        {
            var column = dataset[step.Column];
            if (column.Type is not (ColumnType.String or ColumnType.Int64))
            {
                problems.Add(ColumnCells.TypeMismatch(column, ProtectionOperator.Tokenize, "FF1 tokenizes text and whole numbers",
                    "Encrypt this column instead, or Generalize it."));
                continue;
            }
            var alphabet = options.Alphabet ?? Ff1Tokenizer.InferAlphabet(DistinctTexts(column));
            var tokenizer = new Ff1Tokenizer(keyFor(step.Column)!.DeriveSubkey("ff1"), alphabet, options.Tweak);
            if (CheckCells(column, tokenizer) is { } problem) problems.Add(problem);
            else tokenizers[step.Column] = tokenizer;
        }
        if (problems.Count > 0) throw new DataProblemsException(problems);
        return tokenizers;
    }

    /// <summary>A TokenizeAlphabetMismatch error naming the rows that cannot be tokenized, or null when all can.</summary>
    internal static DataException? CheckCells(Column column, Ff1Tokenizer tokenizer)
    {
        var (count, rows) = ColumnCells.FindCells(column, text => tokenizer.Problem(text) != null);
        if (count == 0) return null;
        return new DataException("TokenizeAlphabetMismatch", DataErrorKind.InvalidData,
            $"Column '{column.Name}': {count:N0} cell(s) cannot be tokenized with the {Ff1Tokenizer.Describe(tokenizer.Alphabet)} alphabet ({ColumnCells.DescribeRows(count, rows)}): they hold other characters or are shorter than {tokenizer.MinLength} characters. Nothing was changed.",
            "Give -Alphabet with every character the column uses, clean those cells first, or Encrypt the column instead.", column: column.Name);
    }

    /// <summary>The column's values as text: each distinct value once when dictionary-encoded.</summary>
    internal static IEnumerable<string> DistinctTexts(Column column) => column is StringColumn { IsDictionaryEncoded: true } s
        ? s.Dictionary!
        : Enumerable.Range(0, column.Length).Select(r => ColumnCells.Text(column, r)).OfType<string>();

    private static Column? Apply(Column column, ProtectionStep step, ProtectionOptions options, DataProtectionKey? key, Dictionary<string, Ff1Tokenizer> tokenizers)
    {
        switch (step.Operator)
        {
            case ProtectionOperator.Drop:
                return null;
            case ProtectionOperator.Redact:
                var placeholder = options.ReplaceWith ?? $"<{(step.Kind ?? "Redacted").ToUpperInvariant()}>";
                return ColumnCells.MapValues(column, _ => placeholder);
            case ProtectionOperator.Mask:
                return ColumnCells.MapValues(column, text => Mask(text, options));
            case ProtectionOperator.Hash:
                return new PseudonymHasher(key!.DeriveSubkey("hmac")).HashColumn(column);
            case ProtectionOperator.Tokenize:
                return ColumnCells.MapValues(column, tokenizers[column.Name].Encrypt);
            case ProtectionOperator.Encrypt:
                var encryptor = new CellEncryptor(key!);
                return options.Deterministic
                    ? ColumnCells.MapValues(column, text => encryptor.Encrypt(text, column.Name, true))
                    : ColumnCells.MapEachCell(column, text => encryptor.Encrypt(text, column.Name, false));
            case ProtectionOperator.Generalize:
                return Generalizer.GeneralizeColumn(column, step.DateTo is { } dateTo ? options with { DateTo = dateTo } : options);
            case ProtectionOperator.Noise:
                return new LaplaceNoise(options.Epsilon, options.Sensitivity, options.NoiseSeed).Apply(column);
            default:
                throw new ArgumentOutOfRangeException(nameof(step));
        }
    }

    /// <summary>Keeps <see cref="ProtectionOptions.MaskKeep"/> characters at one end and masks the rest; the length is kept.</summary>
    public static string Mask(string text, ProtectionOptions options)
    {
        var keep = Math.Clamp(options.MaskKeep, 0, text.Length);
        var masked = new string(options.MaskChar, text.Length - keep);
        return options.MaskFrom == MaskFrom.End ? masked + text[(text.Length - keep)..] : text[..keep] + masked;
    }

    private static void DescribeOptions(IReadOnlyList<ProtectionStep> steps, ProtectionOptions options, Dictionary<string, string> parameters)
    {
        bool Uses(ProtectionOperator op) => steps.Any(s => s.Operator == op);
        if (Uses(ProtectionOperator.Mask))
        {
            parameters["MaskKeep"] = options.MaskKeep.ToString(System.Globalization.CultureInfo.InvariantCulture);
            parameters["MaskFrom"] = options.MaskFrom.ToString();
        }
        if (Uses(ProtectionOperator.Tokenize) && options.Tweak.Length > 0) parameters[ProtectionLineage.Tweak] = Convert.ToHexString(options.Tweak);
        if (Uses(ProtectionOperator.Encrypt)) parameters["Deterministic"] = options.Deterministic ? "true" : "false";
        if (Uses(ProtectionOperator.Generalize))
        {
            parameters["Width"] = ProtectionLineage.Text(options.Width);
            parameters["DateTo"] = options.DateTo.ToString();
        }
        if (Uses(ProtectionOperator.Noise))
        {
            parameters["Epsilon"] = ProtectionLineage.Text(options.Epsilon);
            parameters["Sensitivity"] = ProtectionLineage.Text(options.Sensitivity);
        }
    }
}

using DataCenterTools.Core.Data;
using DataCenterTools.Core.Features;
using DataCenterTools.Core.Security;

namespace DataCenterTools.Core.Privacy;

/// <summary>
/// k-anonymity asked of Protect-Dataset: classes of at least K rows over the quasi-identifiers, generalized along
/// <paramref name="Hierarchies"/> (column → ARX-format CSV file) where given; <paramref name="Sensitive"/> names a
/// column whose distinct l-diversity is reported.
/// </summary>
public sealed record KAnonymityRequest(int K, IReadOnlyList<string> QuasiIdentifiers, double MaxSuppression = 0.05,
    IReadOnlyDictionary<string, string>? Hierarchies = null, string? Sensitive = null);

/// <summary>The protected dataset and, when asked, what k-anonymity cost.</summary>
public sealed record ProtectionResult(Dataset Dataset, KAnonymityResult? KAnonymity, ColumnKeyEnvelope? Envelope = null);

/// <summary>Several problems found before anything was changed (e.g. one per column that cannot be tokenized).</summary>
public sealed class DataProblemsException(IReadOnlyList<DataException> problems)
    : DataException(problems[0].ErrorId, problems[0].Kind, problems[0].MessageTemplate, problems[0].RecommendationTemplate, column: problems[0].ColumnName)
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
        Validate(dataset, steps, options, key, recipients.Count > 0);
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
            options.Cancellation.ThrowIfCancellationRequested();
            var column = dataset[step.Column];
            replaced[step.Column] = Apply(column, step, options, KeyFor(step.Column), tokenizers);
            if (NeedsKey(step.Operator) && column.Type != ColumnType.String && step.Operator != ProtectionOperator.Hash)
                parameters[ProtectionLineage.TypePrefix + step.Column] = column.Type.ToString();
        }
        foreach (var group in steps.GroupBy(s => s.Operator))
            parameters[group.Key.ToString()] = ProtectionLineage.JoinColumns(group.Select(s => s.Column));
        foreach (var (column, tokenizer) in tokenizers)
        {
            parameters[ProtectionLineage.AlphabetPrefix + column] = tokenizer.Tokenizer.Alphabet;
            if (tokenizer.PadTo is { } padTo) parameters[ProtectionLineage.PadToPrefix + column] = padTo.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
        DescribeOptions(steps, options, parameters);
        ColumnKeyEnvelope? envelope = null;
        if (columnKeys.Count > 0)
        {
            envelope = new ColumnKeyEnvelope(steps.Where(s => IsReversible(s.Operator)).Select(s => ColumnKeyEnvelope.WithPassphrase(new EnvelopeColumn(
                s.Column, s.Operator, tokenizers.GetValueOrDefault(s.Column)?.Tokenizer.Alphabet,
                s.Operator == ProtectionOperator.Tokenize ? Convert.ToHexString(options.Tweak) : "",
                dataset[s.Column].Type, columnKeys[s.Column].KeyId,
                ColumnKeyEnvelope.Wrap(s.Column, columnKeys[s.Column], recipients, key), PadTo: tokenizers.GetValueOrDefault(s.Column)?.PadTo), key)).ToArray());
            parameters[ProtectionLineage.Envelope] = envelope.ToJson();
            parameters[ProtectionLineage.Recipients] = string.Join(",", recipients.Select(r => r.KeyId));
        }
        if (key != null && steps.Any(s => NeedsKey(s.Operator)))
        {
            parameters[ProtectionLineage.KeyId] = key.KeyId;
            if ((key.Passphrase?.KeyName ?? keyName) is { } name) parameters[ProtectionLineage.KeyName] = name;
            if (key.Passphrase is { } origin) parameters[ProtectionLineage.KeySalt] = origin.Salt;
        }

        var columns = dataset.Columns
            .Select(c => replaced.TryGetValue(c.Name, out var r) ? r : c)
            .Where(c => c != null)
            .Select(c => c!);
        var protectedData = new Dataset(dataset.Name, columns, dataset.Source, dataset.Lineage);
        KAnonymityResult? kResult = null;
        if (kAnonymity != null)
        {
            options.Cancellation.ThrowIfCancellationRequested();
            kResult = KAnonymizer.Apply(protectedData, kAnonymity);
            protectedData = kResult.Dataset;
            parameters["KAnonymity"] = kAnonymity.K.ToString(System.Globalization.CultureInfo.InvariantCulture);
            parameters["QuasiIdentifier"] = ProtectionLineage.JoinColumns(kAnonymity.QuasiIdentifiers);
            parameters["AchievedK"] = kResult.AchievedK.ToString(System.Globalization.CultureInfo.InvariantCulture);
            parameters["Levels"] = string.Join(",", kResult.Levels.Select(l => $"{l.Column}:{l.Level}"));
            parameters["RowsSuppressed"] = kResult.RowsSuppressed.ToString(System.Globalization.CultureInfo.InvariantCulture);
            parameters["InformationLoss"] = ProtectionLineage.Text(Math.Round(kResult.InformationLoss, 6));
            parameters["Discernibility"] = ProtectionLineage.Text(kResult.Discernibility);
            if (kResult.LDiversity is { } l) parameters["LDiversity"] = $"{kAnonymity.Sensitive}:{l}";
            if (kAnonymity.Hierarchies is { Count: > 0 } files)
                parameters["Hierarchy"] = string.Join(",", files.Select(f => $"{f.Key}:{Path.GetFileName(f.Value)}"));
        }
        var result = protectedData.WithLineage(new LineageEntry(ProtectionLineage.ProtectOperation, parameters));
        return new ProtectionResult(result, kResult, envelope);
    }

    /// <summary>The checks that need no key: columns exist, one operator each, -PadTo only on whole numbers.</summary>
    internal static void ValidateSteps(Dataset dataset, IReadOnlyList<ProtectionStep> steps, ProtectionOptions options)
    {
        foreach (var step in steps) FeatureColumns.Require(dataset, step.Column, $"-{step.Operator}");
        var twice = steps.GroupBy(s => s.Column, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (twice != null)
            throw new DataException("OperatorConflict", DataErrorKind.InvalidArgument,
                $"Column '{twice.Key}' is given to more than one operator ({string.Join(", ", twice.Select(s => s.Operator))}).",
                "Give each column one operator; run Protect-Dataset again on the result for a second one.", column: twice.Key);
        if (options.PadTo is { } padTo)
        {
            if (padTo is < 2 or > 64)
                throw new DataException("InvalidPadTo", DataErrorKind.InvalidArgument, $"{{option:PadTo}} must be between 2 and 64 digits; it is {padTo}.",
                    "Give {option:PadTo} 6, the shortest length FF1 accepts for digits.");
            var text = steps.FirstOrDefault(s => s.Operator == ProtectionOperator.Tokenize && dataset[s.Column].Type != ColumnType.Int64);
            if (text != null)
                throw new DataException("PadToNeedsWholeNumbers", DataErrorKind.InvalidArgument,
                    $"{{option:PadTo}} pads whole numbers with leading zeros; column '{text.Column}' is {dataset[text.Column].Type}, where a leading zero may be part of the value and could not be told from padding.",
                    "Import the column as Int64 ({option:Schema}), or protect short codes with {option:Encrypt} {option:Deterministic} (equal values stay equal) or {option:Hash} instead.", column: text.Column);
        }
    }

    private static void Validate(Dataset dataset, IReadOnlyList<ProtectionStep> steps, ProtectionOptions options, DataProtectionKey? key, bool withRecipients)
    {
        ValidateSteps(dataset, steps, options);
        if (key == null && KeyedStep(steps, withRecipients) is { } keyed)
            throw new DataException("KeyRequired", DataErrorKind.InvalidArgument,
                $"{keyed.Operator} (column '{keyed.Column}') needs a key.",
                "Give {option:KeyPath} <key file> (New-DataProtectionKey) or {option:Passphrase} (Read-Host -AsSecureString).", column: keyed.Column);
    }

    /// <summary>The first step that needs the key (a reversible step with recipients gets its own data key instead), or null.</summary>
    internal static ProtectionStep? KeyedStep(IReadOnlyList<ProtectionStep> steps, bool withRecipients) =>
        steps.FirstOrDefault(s => NeedsKey(s.Operator) && !(withRecipients && IsReversible(s.Operator)));

    // One tokenizer per Tokenize column, after checking every cell of every such column.
    private static Dictionary<string, ColumnTokenizer> PrepareTokenizers(Dataset dataset, IReadOnlyList<ProtectionStep> steps, ProtectionOptions options,
        Func<string, DataProtectionKey?> keyFor)
    {
        var tokenizers = new Dictionary<string, ColumnTokenizer>(StringComparer.Ordinal);
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
            var padTo = column.Type == ColumnType.Int64 ? options.PadTo : null;
            var alphabet = options.Alphabet ?? (padTo != null ? Ff1Tokenizer.Digits : Ff1Tokenizer.InferAlphabet(DistinctTexts(column)));
            var tokenizer = new ColumnTokenizer(new Ff1Tokenizer(keyFor(step.Column)!.DeriveSubkey("ff1"), alphabet, options.Tweak), padTo);
            if (CheckCells(column, tokenizer) is { } problem) problems.Add(problem);
            else tokenizers[step.Column] = tokenizer;
        }
        if (problems.Count > 0) throw new DataProblemsException(problems);
        return tokenizers;
    }

    /// <summary>A TokenizeAlphabetMismatch error naming the rows that cannot be tokenized, or null when all can.</summary>
    internal static DataException? CheckCells(Column column, ColumnTokenizer tokenizer)
    {
        var (count, rows) = ColumnCells.FindCells(column, text => tokenizer.Tokenizer.Problem(tokenizer.Pad(text)) != null);
        if (count == 0) return null;
        var alphabet = tokenizer.Tokenizer.Alphabet;
        var shortNumbers = tokenizer.PadTo is null && alphabet == Ff1Tokenizer.Digits && column.Type == ColumnType.Int64
            ? " For whole numbers shorter than that, give {option:PadTo} " + tokenizer.Tokenizer.MinLength + " (leading zeros are added before tokenizing and removed when restoring)."
            : "";
        return new DataException("TokenizeAlphabetMismatch", DataErrorKind.InvalidData,
            $"Column '{column.Name}': {count:N0} cell(s) cannot be tokenized with the {Ff1Tokenizer.Describe(alphabet)} alphabet ({ColumnCells.DescribeRows(count, rows)}): they hold other characters or are shorter than {tokenizer.Tokenizer.MinLength} characters. Nothing was changed.",
            "Give {option:Alphabet} with every character the column uses, clean those cells first, or Encrypt the column instead." + shortNumbers, column: column.Name);
    }

    /// <summary>The column's values as text: each distinct value once when dictionary-encoded.</summary>
    internal static IEnumerable<string> DistinctTexts(Column column) => column is StringColumn { IsDictionaryEncoded: true } s
        ? s.Dictionary!
        : Enumerable.Range(0, column.Length).Select(r => ColumnCells.Text(column, r)).OfType<string>();

    private static Column? Apply(Column column, ProtectionStep step, ProtectionOptions options, DataProtectionKey? key, Dictionary<string, ColumnTokenizer> tokenizers)
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
                var columnTokenizer = tokenizers[column.Name];
                return ColumnCells.MapValues(column, text => columnTokenizer.Tokenizer.Encrypt(columnTokenizer.Pad(text)));
            case ProtectionOperator.Encrypt:
                var encryptor = new CellEncryptor(key!);
                return options.Deterministic
                    ? ColumnCells.MapValues(column, text => encryptor.Encrypt(text, column.Name, true))
                    : ColumnCells.MapEachCell(column, text => encryptor.Encrypt(text, column.Name, false));
            case ProtectionOperator.Generalize:
                return Generalizer.GeneralizeColumn(column, step.DateTo is { } dateTo ? options with { DateTo = dateTo } : options);
            case ProtectionOperator.Noise:
                return new LaplaceNoise(options.Epsilon, options.Sensitivity, options.NoiseSeed).Apply(column);
            case ProtectionOperator.RedactSpans:
                // With a key the spans become keyed pseudonyms (as Hash makes them), else placeholders.
                var spans = new SpanRedactor(options.SpanKinds, key == null ? null : new PseudonymHasher(key.DeriveSubkey("hmac")));
                return column is StringColumn text ? spans.RedactColumn(text, out _)
                    : throw new DataException("TextColumnNotText", DataErrorKind.InvalidArgument, $"{{option:RedactSpans}} works on text; column '{column.Name}' holds {column.Type} values.",
                        "Give text columns to {option:TextColumn}.", column: column.Name);
            default:
                throw new ArgumentOutOfRangeException(nameof(step));
        }
    }

    /// <summary>An FF1 tokenizer for one column, and the length whole numbers are padded to first (-PadTo), if any.</summary>
    internal sealed record ColumnTokenizer(Ff1Tokenizer Tokenizer, int? PadTo)
    {
        public string Pad(string text) => PadTo is { } n ? text.PadLeft(n, '0') : text;

        /// <summary>Takes the padding off a decrypted whole number (its leading zeros; a zero stays "0").</summary>
        public static string Unpad(string text) => text.TrimStart('0') is { Length: > 0 } trimmed ? trimmed : "0";
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

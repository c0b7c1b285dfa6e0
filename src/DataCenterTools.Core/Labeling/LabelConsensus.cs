using DataCenterTools.Core.Data;

namespace DataCenterTools.Core.Labeling;

public enum ConsensusMethod { MajorityVote, DawidSkene }

/// <summary>What majority vote does when two or more labels share the top count.</summary>
public enum TieBreak
{
    /// <summary>The tied label that comes first in the category order.</summary>
    First,
    /// <summary>No label (missing); the item is still reported.</summary>
    Missing,
}

public sealed record ConsensusOptions
{
    public ConsensusMethod Method { get; init; } = ConsensusMethod.MajorityVote;
    public TieBreak TieBreak { get; init; } = TieBreak.First;
    /// <summary>Dawid-Skene stops when no posterior moves by more than this between iterations.</summary>
    public double Tolerance { get; init; } = 1e-6;
    public int MaxIterations { get; init; } = 100;
}

/// <summary>One annotator's estimated accuracy: the share of their labels that match the consensus (or its expectation under the posteriors, for Dawid-Skene).</summary>
public sealed record AnnotatorAccuracy(string Annotator, int Items, double Accuracy, ConsensusMethod Method);

public sealed record ConsensusResult(Dataset Dataset, IReadOnlyList<AnnotatorAccuracy> Annotators, int Ties, int Iterations, bool Converged);

/// <summary>Merges several annotators' labels into one label per item: majority vote or Dawid-Skene EM.</summary>
public static class LabelConsensus
{
    public static ConsensusResult Merge(LabelTable table, ConsensusOptions options, Dataset source, Action<int, int>? progress = null)
    {
        var k = table.Categories.Length;
        var (starts, rows) = table.RowsByItem();
        var counts = AgreementCalculator.CategoryCounts(table, starts, rows);
        var items = table.ItemNames.Length;
        int[] winners;
        double[] confidence = new double[items];
        int ties = 0, iterations = 0;
        var converged = true;
        double[] posterior;
        if (options.Method == ConsensusMethod.MajorityVote)
        {
            winners = MajorityWinners(counts, k, options.TieBreak, out var tied);
            posterior = VoteShares(counts, k);
            ties = tied.Count(t => t);
            // The vote share of the top label (also for a tie left without a label).
            for (var i = 0; i < items; i++) confidence[i] = MaxOf(posterior.AsSpan(i * k, k));
            var ds = Output(table, source, counts, winners, confidence, tied, options);
            return new ConsensusResult(ds, Accuracies(table, (r) => winners[table.ItemOf[r]] == table.LabelOf[r] ? 1 : 0, options.Method), ties, 0, true);
        }

        posterior = DawidSkene(table, counts, options, progress, out iterations, out converged);
        winners = new int[items];
        for (var i = 0; i < items; i++)
        {
            var row = posterior.AsSpan(i * k, k);
            var best = 0;
            for (var c = 1; c < k; c++) if (row[c] > row[best]) best = c;
            winners[i] = best;
            confidence[i] = row[best];
        }
        var dataset = Output(table, source, counts, winners, confidence, null, options);
        return new ConsensusResult(dataset, Accuracies(table, r => posterior[table.ItemOf[r] * k + table.LabelOf[r]], options.Method), 0, iterations, converged);
    }

    private static double MaxOf(ReadOnlySpan<double> values)
    {
        var max = 0.0;
        foreach (var v in values) max = Math.Max(max, v);
        return max;
    }

    /// <summary>Per item, the category with the most votes (-1 for no labels, or a tie under <see cref="TieBreak.Missing"/>).</summary>
    public static int[] MajorityWinners(int[] counts, int k, TieBreak tieBreak, out bool[] tied)
    {
        var items = k == 0 ? 0 : counts.Length / k;
        var winners = new int[items];
        tied = new bool[items];
        for (var i = 0; i < items; i++)
        {
            var row = counts.AsSpan(i * k, k);
            int best = -1, bestCount = 0;
            var tie = false;
            for (var c = 0; c < k; c++)
            {
                if (row[c] > bestCount) { best = c; bestCount = row[c]; tie = false; }
                else if (row[c] == bestCount && bestCount > 0) tie = true;
            }
            tied[i] = tie;
            winners[i] = tie && tieBreak == TieBreak.Missing ? -1 : best;
        }
        return winners;
    }

    private static double[] VoteShares(int[] counts, int k)
    {
        var shares = new double[counts.Length];
        for (var i = 0; i < counts.Length / k; i++)
        {
            var total = 0;
            for (var c = 0; c < k; c++) total += counts[i * k + c];
            for (var c = 0; c < k; c++) shares[i * k + c] = total == 0 ? 0 : (double)counts[i * k + c] / total;
        }
        return shares;
    }

    /// <summary>
    /// Dawid and Skene (1979) EM: starts from the vote shares, then alternates class priors and
    /// per-annotator confusion matrices (M-step, smoothed so no probability is zero) with item
    /// posteriors (E-step, in log space). No randomness, so the result is deterministic.
    /// </summary>
    internal static double[] DawidSkene(LabelTable table, int[] counts, ConsensusOptions options, Action<int, int>? progress,
        out int iterations, out bool converged)
    {
        const double smoothing = 0.01;
        var k = table.Categories.Length;
        var items = table.ItemNames.Length;
        var annotators = table.AnnotatorNames.Length;
        var posterior = VoteShares(counts, k);
        var next = new double[posterior.Length];
        var prior = new double[k];
        var confusion = new double[annotators * k * k];
        var logConfusion = new double[confusion.Length];
        converged = false;
        iterations = 0;
        while (iterations < options.MaxIterations)
        {
            iterations++;
            // M-step.
            Array.Clear(prior);
            for (var i = 0; i < items; i++) for (var c = 0; c < k; c++) prior[c] += posterior[i * k + c];
            for (var c = 0; c < k; c++) prior[c] = Math.Log((prior[c] + smoothing) / (items + smoothing * k));
            Array.Fill(confusion, smoothing);
            for (var r = 0; r < table.RowCount; r++)
            {
                var baseIndex = table.AnnotatorOf[r] * k * k + table.LabelOf[r];
                var item = table.ItemOf[r] * k;
                for (var c = 0; c < k; c++) confusion[baseIndex + c * k] += posterior[item + c];
            }
            for (var a = 0; a < annotators; a++)
                for (var c = 0; c < k; c++)
                {
                    var row = confusion.AsSpan(a * k * k + c * k, k);
                    double total = 0;
                    foreach (var v in row) total += v;
                    for (var l = 0; l < k; l++) logConfusion[a * k * k + c * k + l] = Math.Log(row[l] / total);
                }
            // E-step.
            for (var i = 0; i < items; i++) prior.CopyTo(next, i * k);
            for (var r = 0; r < table.RowCount; r++)
            {
                var baseIndex = table.AnnotatorOf[r] * k * k + table.LabelOf[r];
                var item = table.ItemOf[r] * k;
                for (var c = 0; c < k; c++) next[item + c] += logConfusion[baseIndex + c * k];
            }
            var change = 0.0;
            for (var i = 0; i < items; i++)
            {
                var row = next.AsSpan(i * k, k);
                var max = double.NegativeInfinity;
                foreach (var v in row) max = Math.Max(max, v);
                double sum = 0;
                for (var c = 0; c < k; c++) { row[c] = Math.Exp(row[c] - max); sum += row[c]; }
                for (var c = 0; c < k; c++)
                {
                    row[c] /= sum;
                    change = Math.Max(change, Math.Abs(row[c] - posterior[i * k + c]));
                }
            }
            (posterior, next) = (next, posterior);
            progress?.Invoke(iterations, options.MaxIterations);
            if (change < options.Tolerance) { converged = true; break; }
        }
        return posterior;
    }

    private static List<AnnotatorAccuracy> Accuracies(LabelTable table, Func<int, double> correct, ConsensusMethod method)
    {
        var annotators = table.AnnotatorNames.Length;
        var labelled = new int[annotators];
        var score = new double[annotators];
        for (var r = 0; r < table.RowCount; r++)
        {
            labelled[table.AnnotatorOf[r]]++;
            score[table.AnnotatorOf[r]] += correct(r);
        }
        return Enumerable.Range(0, annotators)
            .Select(a => new AnnotatorAccuracy(table.AnnotatorNames[a], labelled[a], score[a] / labelled[a], method))
            .OrderBy(s => s.Annotator, StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>One row per item: item, label, confidence, annotators, agreement (share of agreeing label pairs), and tied for majority vote.</summary>
    private static Dataset Output(LabelTable table, Dataset source, int[] counts, int[] winners, double[] confidence, bool[]? tied, ConsensusOptions options)
    {
        var k = table.Categories.Length;
        var items = table.ItemNames.Length;
        var labels = new StringColumnBuilder(items);
        var annotators = new long[items];
        var agreement = new double[items];
        var agreementValid = new ValidityBitmap.Builder(items);
        for (var i = 0; i < items; i++)
        {
            if (winners[i] < 0) labels.AppendNull(); else labels.Append(table.Categories[winners[i]]);
            double n = 0, squares = 0;
            for (var c = 0; c < k; c++) { n += counts[i * k + c]; squares += (double)counts[i * k + c] * counts[i * k + c]; }
            annotators[i] = (long)n;
            if (n < 2) agreementValid.SetNull(i);
            else agreement[i] = (squares - n) / (n * (n - 1));
        }
        var columns = new List<Column>
        {
            new StringColumn("item", table.ItemNames),
            labels.Build("label"),
            new DoubleColumn("confidence", confidence),
            new Int64Column("annotators", annotators),
            new DoubleColumn("agreement", agreement, agreementValid.Build()),
        };
        if (tied != null) columns.Add(new BooleanColumn("tied", tied));
        var parameters = new Dictionary<string, string> { ["Method"] = options.Method.ToString() };
        if (options.Method == ConsensusMethod.MajorityVote) parameters["TieBreak"] = options.TieBreak.ToString();
        return source.WithColumns(columns, new LineageEntry("Merge-DatasetLabel", parameters));
    }
}

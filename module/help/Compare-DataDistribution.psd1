@{
    Synopsis    = 'Measures per column how far a dataset has drifted from a reference dataset, with a drift verdict.'
    Description = @(
        'Compare-DataDistribution compares each column of -Reference (default: all of its columns, or -Column) with the same column of -Difference and returns one ColumnDrift per column: the statistics that apply, the Method that gave the verdict, its Score and Threshold, and Drifted. The datasets are not changed. DateTime columns are skipped with a warning.'
        'Numeric columns (Int64, Double) get KsStatistic and KsPValue (two-sample Kolmogorov-Smirnov as scipy.stats.ks_2samp with method ''auto'': the p-value is exact when neither sample has more than 10,000 values, counted over the lattice paths as scipy does; above that it is asymptotic, from the Kolmogorov limiting distribution P(K > sqrt(n m / (n + m)) D) = scipy.stats.kstwobign.sf, where scipy uses kstwo.sf(D, round(n m / (n + m))), which agrees closely at those sizes), Wasserstein (scipy.stats.wasserstein_distance divided by the reference''s population std, floored at 0.001, as Evidently normalizes it), Psi and JensenShannon. String and Boolean columns get ChiSquare and ChiSquarePValue (scipy.stats.chi2_contingency on the 2 x k table of reference and current counts, with Yates'' correction for two categories), Psi and JensenShannon.'
        'PSI: 10 bins cut at the reference deciles (linear quantiles at 0.1 ... 0.9; bins (lo, hi], the outer two open), proportions floored at 0.0001, PSI = sum((cur - ref) * ln(cur / ref)). For categorical columns the bins are the union of the categories. Jensen-Shannon: the distance (square root of the divergence, natural log) as scipy.spatial.distance.jensenshannon, between histograms over numpy''s ''sturges'' bins of the combined numeric values, or over the union of categories.'
        'Verdict (-Method Auto, Evidently''s defaults): with up to 1000 reference values, Kolmogorov-Smirnov (numeric) or chi-square (categorical) with drift when p < 0.05; above that, normalized Wasserstein (numeric) or Jensen-Shannon (categorical) with drift when the distance >= 0.1. -Method picks one statistic for all columns (KolmogorovSmirnov or Wasserstein on a categorical column fall back to ChiSquare or JensenShannon with a warning; ChiSquare on a numeric column falls back to KolmogorovSmirnov); -Threshold replaces the method''s default (0.05 for the tests, 0.1 for PSI and the distances). A column with no values on one side gets NaN statistics, is not flagged and warns.'
        'Errors: DataCenterTools.NotASummary (a -Reference object that is neither a Dataset nor a column summary), ColumnNotFound (a -Column not in the reference, or a reference column missing from the current dataset), ColumnTypeMismatch (numeric in one dataset, not in the other).'
    )
    Parameters  = @{
        Reference  = 'The baseline: a Dataset (e.g. the training data), or its column summaries from Get-DataDistribution -AsSummary, live or saved and reloaded with Export-Clixml/Import-Clixml or ConvertTo-Json -Depth 10/ConvertFrom-Json, so the reference data is not read again. From summaries, numeric columns are compared with the values the KLL sketch stands for (exact while it holds every value, a few hundred; within its rank error of about 0.7% beyond, and at most 4,194,304 evenly spaced quantiles for the KS p-value), and categorical columns with the summary''s value counts (exact up to 10,000 distinct values).'
        Difference = 'The Dataset to check for drift (e.g. this week''s data). Accepts Datasets from the pipeline; -Dataset is an alias.'
        Column     = 'Compare only these columns (default: every column of the reference).'
        Method     = 'The statistic that decides drift: Auto (default), KolmogorovSmirnov, ChiSquare, Psi, JensenShannon or Wasserstein.'
        Threshold  = 'The drift threshold for the method: a p-value below it (KolmogorovSmirnov, ChiSquare), or a score at or above it (Psi, JensenShannon, Wasserstein).'
    }
    Inputs      = @('DataCenterTools.Core.Data.Dataset')
    Examples    = @(
        @{
            Title   = 'Which columns drifted since training'
            Code    = '$train = Import-Dataset ./train.csv; Import-Dataset ./this-week.csv | Compare-DataDistribution -Reference $train'
            Remarks = 'One row per column: the method, its score and threshold, and whether it drifted.'
        }
        @{
            Title   = 'Judge by PSI'
            Code    = 'Compare-DataDistribution -Reference $train -Difference $now -Method Psi -Threshold 0.25 | Where-Object Drifted'
            Remarks = 'Lists the columns whose Population Stability Index is 0.25 or more.'
        }
        @{
            Title   = 'Compare today''s data with last month''s saved summary'
            Code    = 'Get-DataDistribution -Path ./2024-05/*.csv -AsSummary | Merge-DataDistribution -AsSummary | Export-Clixml ./may.xml; Import-Dataset ./today.csv | Compare-DataDistribution -Reference (Import-Clixml ./may.xml)'
            Remarks = 'The reference is summarised once; later comparisons read only the saved summary.'
        }
    )
    Notes       = @(
        'Expected values in the tests come from scipy (ks_2samp, kolmogorov, wasserstein_distance, jensenshannon, chi2_contingency); PSI was worked by hand.'
    )
    Links       = @('Get-DataDistribution', 'Import-Dataset')
}

using DataCenterTools.Core.Data;

namespace DataCenterTools.Core.Operations;

/// <summary>
/// A training job to plan: model size N, tokens per epoch and epochs (D = tokens x epochs), and either a measured
/// throughput (tokens/s) or GPU figures (count, peak FLOP/s each, utilization). Null where the caller gave nothing.
/// </summary>
public sealed record TrainingJob
{
    /// <summary>The default model FLOPs utilization (MFU): about what well-tuned large dense training reaches (PaLM reported 46%, GPT-3 on V100s about 21%).</summary>
    public const double DefaultUtilization = 0.4;
    /// <summary>Bytes read per token when no data is measured: about 4 characters (UTF-8 bytes) of English text per GPT-style BPE token.</summary>
    public const double DefaultBytesPerToken = 4;

    public required double Parameters { get; init; }
    /// <summary>Tokens per epoch; null takes the tokens counted in the measured data.</summary>
    public double? Tokens { get; init; }
    public double Epochs { get; init; } = 1;
    public double? TokensPerSecond { get; init; }
    public int? GpuCount { get; init; }
    public double? GpuFlops { get; init; }
    public double Utilization { get; init; } = DefaultUtilization;
    /// <summary>Bytes per token; null takes <see cref="DefaultBytesPerToken"/>.</summary>
    public double? BytesPerToken { get; init; }
    /// <summary>Where <see cref="BytesPerToken"/> came from ("measured from corpus.jsonl"); null when given or defaulted.</summary>
    public string? BytesPerTokenSource { get; init; }
    public int CheckpointCount { get; init; } = 1;
}

/// <summary>
/// What a training job needs: compute, throughput, read bandwidth, checkpoint storage and wall time, with the formula
/// behind each figure (Kaplan et al. 2020 for C = 6ND; Rajbhandari et al. 2020, ZeRO, for 16 bytes per parameter).
/// WallTime, TokensPerSecond and ReadBytesPerSecond are null when neither a throughput nor GPU figures were given (Note says so).
/// </summary>
public sealed record TrainingResourcePlan
{
    public required double Parameters { get; init; }
    public required double TokensPerEpoch { get; init; }
    public required double Epochs { get; init; }
    /// <summary>D = tokens per epoch x epochs.</summary>
    public required double TrainingTokens { get; init; }
    /// <summary>C = 6 N D (forward 2ND + backward 4ND).</summary>
    public required double Flops { get; init; }
    public double? TokensPerSecond { get; init; }
    /// <summary>"Given" (-TokensPerSecond), "GPU" (GpuCount x GpuFlops x Utilization / 6N), or null.</summary>
    public string? ThroughputSource { get; init; }
    public int? GpuCount { get; init; }
    public double? GpuFlops { get; init; }
    public double? Utilization { get; init; }
    public required double BytesPerToken { get; init; }
    /// <summary>"Given", "Default" (4 bytes/token) or "Measured: ..." from the data.</summary>
    public required string BytesPerTokenSource { get; init; }
    /// <summary>Tokens/s x bytes/token: what storage must deliver to keep the GPUs fed.</summary>
    public double? ReadBytesPerSecond { get; init; }
    /// <summary>16 N: bf16 weights and gradients (2+2) plus fp32 master weights, Adam momentum and variance (4+4+4).</summary>
    public required double CheckpointBytes { get; init; }
    /// <summary>2 N: bf16 weights only (for inference or fine-tuning from).</summary>
    public required double WeightsBytes { get; init; }
    public required int CheckpointCount { get; init; }
    /// <summary>CheckpointBytes x CheckpointCount.</summary>
    public required double CheckpointStorageBytes { get; init; }
    public double? WallSeconds { get; init; }
    public TimeSpan? WallTime => WallSeconds is { } s && s < TimeSpan.MaxValue.TotalSeconds ? TimeSpan.FromSeconds(s) : null;
    public double? GpuHours => WallSeconds is { } s && GpuCount is { } g ? s * g / 3600 : null;
    /// <summary>
    /// What could not be worked out and what to give for it, naming the options as {option:Name} (<see cref="Data.OptionNames.ForCode"/>
    /// reads them); null when every figure is there.
    /// </summary>
    public string? Note { get; init; }
}

/// <summary>
/// The training-resource arithmetic. Every formula is stated here and in Measure-DataResource's help:
/// <list type="bullet">
/// <item>C = 6 N D FLOPs (Kaplan et al. 2020, "Scaling Laws for Neural Language Models", section 2.1).</item>
/// <item>Tokens/s from GPUs = GpuCount x GpuFlops x Utilization / (6 N).</item>
/// <item>Wall time = C / (GpuCount x GpuFlops x Utilization), or D / tokens/s.</item>
/// <item>Read bandwidth = tokens/s x bytes/token.</item>
/// <item>Checkpoint = 16 N bytes with mixed-precision Adam state (Rajbhandari et al. 2020, ZeRO, section 3.1); weights only 2 N (bf16).</item>
/// </list>
/// </summary>
public static class ResourcePlan
{
    /// <summary>FLOPs per parameter per token for a training step (forward 2, backward 4).</summary>
    public const double FlopsPerParameterToken = 6;
    /// <summary>Mixed-precision Adam: 2 (fp16/bf16 weights) + 2 (gradients) + 4 + 4 + 4 (fp32 master weights, momentum, variance).</summary>
    public const double CheckpointBytesPerParameter = 16;
    /// <summary>bf16 weights.</summary>
    public const double WeightsBytesPerParameter = 2;

    /// <summary>
    /// The plan for <paramref name="job"/>; with measured <paramref name="data"/> (Measure-DataResource results), the
    /// tokens per epoch default to the tokens counted there and bytes/token to their bytes (disk, else Parquet, else
    /// memory) over their tokens.
    /// </summary>
    public static TrainingResourcePlan Plan(TrainingJob job, IReadOnlyList<DataResourceResult>? data = null)
    {
        if (data is { Count: > 0 }) job = WithMeasured(job, data);
        Validate(job);
        var tokens = job.Tokens!.Value * job.Epochs;
        var flops = FlopsPerParameterToken * job.Parameters * tokens;
        var gpus = job.GpuCount is { } count && job.GpuFlops is { } peak ? count * peak * job.Utilization : (double?)null;
        double? tokensPerSecond = job.TokensPerSecond ?? (gpus is { } g ? g / (FlopsPerParameterToken * job.Parameters) : null);
        double? wall = job.TokensPerSecond is { } given ? tokens / given : gpus is { } achieved ? flops / achieved : null;
        var bytesPerToken = job.BytesPerToken ?? TrainingJob.DefaultBytesPerToken;
        return new TrainingResourcePlan
        {
            Parameters = job.Parameters,
            TokensPerEpoch = job.Tokens.Value,
            Epochs = job.Epochs,
            TrainingTokens = tokens,
            Flops = flops,
            TokensPerSecond = tokensPerSecond,
            ThroughputSource = job.TokensPerSecond != null ? "Given" : gpus != null ? "GPU" : null,
            GpuCount = job.GpuCount,
            GpuFlops = job.GpuFlops,
            Utilization = gpus != null ? job.Utilization : null,
            BytesPerToken = bytesPerToken,
            BytesPerTokenSource = job.BytesPerTokenSource ?? (job.BytesPerToken != null ? "Given" : "Default"),
            ReadBytesPerSecond = tokensPerSecond * bytesPerToken,
            CheckpointBytes = CheckpointBytesPerParameter * job.Parameters,
            WeightsBytes = WeightsBytesPerParameter * job.Parameters,
            CheckpointCount = job.CheckpointCount,
            CheckpointStorageBytes = CheckpointBytesPerParameter * job.Parameters * job.CheckpointCount,
            WallSeconds = wall,
            Note = wall == null ? "Wall time, throughput and read bandwidth need {option:TokensPerSecond}, or {option:GpuCount} with {option:GpuFlops} (and {option:Utilization})." : null,
        };
    }

    private static TrainingJob WithMeasured(TrainingJob job, IReadOnlyList<DataResourceResult> data)
    {
        // A -Total result repeats the files before it: count the files, or the totals alone when only they came.
        if (data.Any(d => d.Kind != "Total")) data = data.Where(d => d.Kind != "Total").ToArray();
        var tokens = data.Sum(d => d.Tokens ?? 0);
        if (tokens <= 0)
        {
            if (job.Tokens != null) return job;
            throw new DataException("ResourcePlanNoTokens", DataErrorKind.InvalidArgument,
                $"The {data.Count} measured input(s) hold no counted tokens, so the tokens per epoch are unknown.",
                "Give {option:Tokens}, or measure the data with {option:TextColumn} naming its text column.");
        }
        var bytes = data.Sum(d => d.DiskBytes ?? d.ParquetBytes ?? d.MemoryBytes ?? 0);
        return job with
        {
            Tokens = job.Tokens ?? tokens,
            BytesPerToken = job.BytesPerToken ?? (bytes > 0 ? bytes / (double)tokens : null),
            BytesPerTokenSource = job.BytesPerToken != null || bytes <= 0 ? job.BytesPerTokenSource
                : string.Create(System.Globalization.CultureInfo.InvariantCulture, $"Measured: {bytes:N0} bytes / {tokens:N0} tokens in {data.Count} input(s)"),
        };
    }

    /// <summary>Refuses what would give plausible wrong figures: a non-positive number, half the GPU figures, both throughputs.</summary>
    public static void Validate(TrainingJob job)
    {
        Positive(job.Parameters, "{option:Parameters}", "the model's parameter count, e.g. 7e9");
        if (job.Tokens == null)
            throw new DataException("ResourcePlanNoTokens", DataErrorKind.InvalidArgument, "The training job has no token count.",
                "Give {option:Tokens} (tokens per epoch), or pipe Measure-DataResource results of the corpus with counted tokens.");
        Positive(job.Tokens.Value, "{option:Tokens}", "the training tokens per epoch, e.g. 2e12 (or pipe a measured corpus)");
        Positive(job.Epochs, "{option:Epochs}", "the passes over the data, e.g. 1");
        if (job.TokensPerSecond is { } tps) Positive(tps, "{option:TokensPerSecond}", "the measured training throughput in tokens per second");
        if (job.GpuCount is { } count) Positive(count, "{option:GpuCount}", "the number of GPUs, e.g. 8");
        if (job.GpuFlops is { } peak) Positive(peak, "{option:GpuFlops}", "one GPU's peak FLOP/s at the training precision, e.g. 989e12 for an H100 SXM at dense BF16");
        Positive(job.Utilization, "{option:Utilization}", "the model FLOPs utilization (MFU) as a fraction, e.g. 0.4");
        if (job.Utilization > 1)
            throw Invalid("{option:Utilization}", job.Utilization, "is a fraction of the GPUs' peak and cannot exceed 1", "Give the MFU as a fraction (0.4 for 40%).");
        if (job.BytesPerToken is { } bpt) Positive(bpt, "{option:BytesPerToken}", "the bytes read per training token, e.g. 4 for UTF-8 text or 2 for uint16 token ids");
        Positive(job.CheckpointCount, "{option:CheckpointCount}", "how many full checkpoints are kept, e.g. 3");
        if ((job.GpuCount == null) != (job.GpuFlops == null))
            throw new DataException("ResourcePlanIncomplete", DataErrorKind.InvalidArgument,
                job.GpuCount == null ? "{option:GpuFlops} was given without {option:GpuCount}." : "{option:GpuCount} was given without {option:GpuFlops}.",
                "Give both {option:GpuCount} and {option:GpuFlops} (peak FLOP/s of one GPU), or {option:TokensPerSecond} instead.");
        if (job.TokensPerSecond != null && job.GpuCount != null)
            throw new DataException("ResourcePlanConflict", DataErrorKind.InvalidArgument,
                "Both {option:TokensPerSecond} and GPU figures ({option:GpuCount}, {option:GpuFlops}) were given; they would give two wall times.",
                "Give {option:TokensPerSecond} when the throughput is measured, or the GPU figures to derive it, not both.");
    }

    private static void Positive(double value, string parameter, string what)
    {
        if (!(value > 0) || double.IsInfinity(value))
            throw Invalid(parameter, value, "must be a positive, finite number", $"Give {what}.");
    }

    private static DataException Invalid(string parameter, double value, string rule, string action) =>
        new("ResourcePlanInvalidNumber", DataErrorKind.InvalidArgument,
            $"{parameter} {rule}; it was {value.ToString(System.Globalization.CultureInfo.InvariantCulture)}.", action);
}

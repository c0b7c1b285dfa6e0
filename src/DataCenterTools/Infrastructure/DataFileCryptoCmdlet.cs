using System.Management.Automation;
using DataCenterTools.Core.Data;
using DataCenterTools.Core.Security;

namespace DataCenterTools.Infrastructure;

/// <summary>
/// What Protect-DataFile and Unprotect-DataFile share: input files by path, literal path or pipeline,
/// the destination (a file, a folder, or the default next to the input), -Force/-WhatIf, progress by
/// bytes, Ctrl+C, and an audit record for every file done.
/// </summary>
public abstract class DataFileCryptoCmdlet : DataCmdlet
{
    protected const string PathSet = "Path";
    protected const string LiteralSet = "LiteralPath";

    [Parameter(Mandatory = true, Position = 0, ParameterSetName = PathSet, ValueFromPipeline = true)]
    [ValidateNotNullOrEmpty]
    public string[] Path { get; set; } = [];

    [Parameter(Mandatory = true, ParameterSetName = LiteralSet, ValueFromPipelineByPropertyName = true)]
    [Alias("PSPath", "LP")]
    [ValidateNotNullOrEmpty]
    public string[] LiteralPath { get; set; } = [];

    [Parameter(Position = 1)]
    [ValidateNotNullOrEmpty]
    public string? Destination { get; set; }

    [Parameter]
    public SwitchParameter Force { get; set; }

    /// <summary>How many files are encrypted (decrypted) at once; results and audit records keep the input order of the files done.</summary>
    [Parameter]
    [ValidateRange(1, 64)]
    public int ThrottleLimit { get; set; } = 1;

    private string? _singleDestinationUsedBy;
    private readonly Dictionary<string, string> _destinations = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _sourceOfDestination = new(StringComparer.Ordinal);
    private readonly List<string> _pending = [];

    /// <summary>The audit operation name, e.g. Protect-DataFile.</summary>
    protected abstract string Operation { get; }

    /// <summary>Where the output goes when -Destination is not given (or is a folder): null when it cannot be told.</summary>
    protected abstract string? DefaultDestinationName(string source);

    /// <summary>What ShouldProcess shows for one file.</summary>
    protected abstract string Describe(string source);

    protected abstract OpenPgpFileResult Run(string source, string destination, ByteProgress progress, CancellationToken cancel);

    /// <summary>The encrypted file of a result: the one the audit record names.</summary>
    protected abstract string EncryptedPath(OpenPgpFileResult result);

    protected override void ProcessRecord()
    {
        var literal = ParameterSetName == LiteralSet;
        var confirmed = new List<string>();
        // Destinations and -WhatIf/-Confirm are settled here, on the pipeline thread, before any file is read.
        foreach (var source in ResolveInputPaths(literal ? LiteralPath : Path, literal))
        {
            var destination = ChooseDestination(source);
            if (destination is null || !ConfirmOutputFile(destination, Force, Describe(source))) continue;
            _destinations[source] = destination;
            _sourceOfDestination[destination] = source;
            confirmed.Add(source);
        }
        // Files arriving one per pipeline object are gathered, so that -ThrottleLimit has several to work on at once.
        if (ThrottleLimit > 1) _pending.AddRange(confirmed);
        else RunFiles(confirmed);
    }

    protected override void EndProcessing()
    {
        if (_pending.Count > 0) RunFiles(_pending);
    }

    private void RunFiles(IReadOnlyList<string> sources) => ForEachFile(sources, ThrottleLimit, Operation, (file, cancel) =>
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var destination = _destinations[file.File];
        var progress = new ProgressRecord((int)ProgressActivity.DataFileCrypto, Operation, $"'{file.File}' -> '{destination}'");
        // Only the pipeline thread may write progress: files done in parallel count in ForEachFile's bar.
        ByteProgress? report = !file.OnPipelineThread ? null : (done, total) =>
        {
            progress.PercentComplete = total <= 0 ? 100 : (int)Math.Min(100, done * 100 / total);
            progress.StatusDescription = $"{FormatBytes(done)} of {FormatBytes(total)}";
            WriteProgress(progress);
        };
        var result = Run(file.File, destination, report ?? ((_, _) => { }), cancel);
        if (report != null)
        {
            progress.RecordType = ProgressRecordType.Completed;
            WriteProgress(progress);
        }
        // Audited as soon as the file is done, on whichever thread did it (the log takes one appender at a time), so a
        // Ctrl+C while earlier files are still running never leaves a finished file unaudited.
        new DataAuditLog().Append(new DataAuditEntry(Operation, EncryptedPath(result), result.PlaintextSha256, [], result.KeyId));
        return (Result: result, Seconds: clock.Elapsed.TotalSeconds);
    }, (_, done) =>
    {
        var result = done.Result;
        WriteVerbose($"{Operation}: '{result.Source}' -> '{result.Destination}', {FormatBytes(result.PlaintextBytes)} in {done.Seconds:0.000} s (key {result.KeyId}); audited.");
        WriteObject(result);
    });

    /// <summary>Stops the command (DataCenterTools.KeyChoiceRequired) unless exactly one of the two ways to give the key was used.</summary>
    protected void RequireExactlyOneKey(object? first, object? second, string names, string recommendation)
    {
        if ((first is null) == (second is null))
            ThrowDataError(new DataException("KeyChoiceRequired", DataErrorKind.InvalidArgument,
                $"Give exactly one of {names}.", recommendation));
    }

    private string? ChooseDestination(string source)
    {
        string? destination;
        if (Destination is not null)
        {
            var given = ResolveOutputPath(Destination);
            if (Directory.Exists(given))
            {
                var name = DefaultDestinationName(source);
                destination = name is null ? null : System.IO.Path.Combine(given, System.IO.Path.GetFileName(name));
            }
            else
            {
                // One output file cannot take several inputs: the second would replace the first.
                if (_singleDestinationUsedBy is not null && _singleDestinationUsedBy != source)
                {
                    WriteDataError(new DataException("DestinationAmbiguous", DataErrorKind.InvalidArgument,
                        $"-Destination '{given}' is one file, but more than one input file was given ('{source}' after '{_singleDestinationUsedBy}').",
                        "Give a folder as -Destination, or leave it out to write next to each input."), source);
                    return null;
                }
                _singleDestinationUsedBy = source;
                destination = given;
            }
        }
        else destination = DefaultDestinationName(source);
        if (destination is not null && _sourceOfDestination.TryGetValue(destination, out var earlier) && earlier != source)
        {
            // Two inputs of the same name into one folder: the second would replace the first (or race it with -ThrottleLimit).
            WriteDataError(new DataException("DestinationAmbiguous", DataErrorKind.InvalidArgument,
                $"'{source}' and '{earlier}' would both be written to '{destination}'.", "Give them different -Destination folders."), source);
            return null;
        }
        if (destination is null)
            WriteDataError(new DataException("DestinationRequired", DataErrorKind.InvalidArgument,
                $"The output name for '{source}' cannot be told from its name (it does not end in .gpg, .pgp or .asc).",
                "Give -Destination."), source);
        else if (string.Equals(System.IO.Path.GetFullPath(destination), source, StringComparison.Ordinal))
        {
            WriteDataError(new DataException("DestinationIsSource", DataErrorKind.InvalidArgument,
                $"The output '{destination}' is the input file itself.", "Give another -Destination."), source);
            return null;
        }
        return destination;
    }
}

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

    private string? _singleDestinationUsedBy;

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
        foreach (var source in ResolveInputPaths(literal ? LiteralPath : Path, literal))
        {
            var destination = ChooseDestination(source);
            if (destination is null || !ConfirmOutputFile(destination, Force, Describe(source))) continue;
            var started = Elapsed;
            var progress = new ProgressRecord((int)ProgressActivity.DataFileCrypto, Operation, $"'{source}' -> '{destination}'");
            TryRun(() =>
            {
                var result = Run(source, destination, (done, total) =>
                {
                    progress.PercentComplete = total <= 0 ? 100 : (int)Math.Min(100, done * 100 / total);
                    progress.StatusDescription = $"{FormatBytes(done)} of {FormatBytes(total)}";
                    WriteProgress(progress);
                }, StopToken);
                progress.RecordType = ProgressRecordType.Completed;
                WriteProgress(progress);
                new DataAuditLog().Append(new DataAuditEntry(Operation, EncryptedPath(result), result.PlaintextSha256, [], result.KeyId));
                var seconds = (Elapsed - started).TotalSeconds;
                WriteVerbose($"{Operation}: '{result.Source}' -> '{result.Destination}', {FormatBytes(result.PlaintextBytes)} in {seconds:0.000} s (key {result.KeyId}); audited.");
                WriteObject(result);
            }, source);
        }
    }


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

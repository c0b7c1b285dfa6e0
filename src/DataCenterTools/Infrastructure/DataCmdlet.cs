using System.Collections.ObjectModel;
using System.Diagnostics;
using System.Management.Automation;
using DataCenterTools.Core.Data;
using DataCenterTools.Core.Operations;

namespace DataCenterTools.Infrastructure;

/// <summary>Shared plumbing for the cmdlets: errors as ErrorRecords, path resolution, progress, timing.</summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "A CancellationTokenSource with no timer, no linked tokens and no WaitHandle holds nothing Dispose would free.")]
public abstract class DataCmdlet : PSCmdlet
{
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly CancellationTokenSource _stopping = new();

    /// <summary>
    /// Cancelled by Ctrl+C (StopProcessing, which PowerShell calls on another thread): every long core call takes it,
    /// so a stop ends the work within a second, and the core's temp-file and store cleanup runs as the call unwinds.
    /// </summary>
    protected CancellationToken StopToken => _stopping.Token;

    protected override void StopProcessing() => _stopping.Cancel();

    protected TimeSpan Elapsed => _clock.Elapsed;

    /// <summary>
    /// The core option names (the options objects' properties) that this cmdlet's parameters spell differently,
    /// core name to parameter name; every other option is the parameter of the same name.
    /// </summary>
    protected virtual IReadOnlyDictionary<string, string> ParameterNames { get; } = new Dictionary<string, string>();

    /// <summary>The parameter that takes the core option <paramref name="option"/>, as a user types it: -KeyPath.</summary>
    internal string ParameterName(string option) => "-" + (ParameterNames.TryGetValue(option, out var parameter) ? parameter : option);

    /// <summary>Core text (a message, a warning) with its option mentions named as this cmdlet's parameters.</summary>
    internal string Render(string text) => OptionNames.Render(text, ParameterName);

    /// <summary>A core warning, its options named as this cmdlet's parameters (also where it is passed as a core callback).</summary>
    protected new void WriteWarning(string text) => base.WriteWarning(Render(text));

    /// <summary>A core verbose message, its options named as this cmdlet's parameters.</summary>
    protected new void WriteVerbose(string text) => base.WriteVerbose(Render(text));

    /// <summary>
    /// The ErrorRecord for a user-facing failure: stable ErrorId, category, target, what to do; the options the
    /// core's message names are this cmdlet's parameters, in the exception's message too (catch, Should -Throw).
    /// </summary>
    internal ErrorRecord ToErrorRecord(DataException failure, object? target = null)
    {
        var e = failure.Render(ParameterName);
        var record = new ErrorRecord(e, e.ErrorId, MapCategory(e.Kind), target ?? e.File);
        var where = e.File == null ? "" : $" [{e.File}{(e.Line is { } l ? $", line {l}" : "")}{(e.ColumnName is { } c ? $", column '{c}'" : "")}]";
        record.ErrorDetails = new ErrorDetails(e.Message + (e.Message.Contains(e.File ?? "\0") ? "" : where))
        {
            RecommendedAction = e.Recommendation ?? "",
        };
        return record;
    }

    internal static ErrorCategory MapCategory(DataErrorKind kind) => kind switch
    {
        DataErrorKind.InvalidData => ErrorCategory.InvalidData,
        DataErrorKind.InvalidArgument => ErrorCategory.InvalidArgument,
        DataErrorKind.ObjectNotFound => ErrorCategory.ObjectNotFound,
        DataErrorKind.ReadError => ErrorCategory.ReadError,
        DataErrorKind.WriteError => ErrorCategory.WriteError,
        DataErrorKind.ResourceExists => ErrorCategory.ResourceExists,
        DataErrorKind.PermissionDenied => ErrorCategory.PermissionDenied,
        DataErrorKind.NotSupported => ErrorCategory.NotImplemented,
        DataErrorKind.ConnectionError => ErrorCategory.ConnectionError,
        DataErrorKind.OperationTimeout => ErrorCategory.OperationTimeout,
        _ => ErrorCategory.NotSpecified,
    };

    protected void WriteDataError(DataException e, object? target = null) => WriteError(ToErrorRecord(e, target));

    /// <summary>
    /// Says that a search found nothing, so an empty result is never silent: in -Verbose, and as one line on the
    /// console (an information record tagged PSHOST, as Write-Host writes it; -InformationAction Ignore silences it,
    /// -InformationVariable captures it, tag DataCenterTools.NothingFound).
    /// </summary>
    protected void WriteNothingFound(string message)
    {
        WriteVerbose(message);
        WriteInformation(new HostInformationMessage { Message = message }, ["PSHOST", "DataCenterTools.NothingFound"]);
    }

    protected void ThrowDataError(DataException e, object? target = null) => ThrowTerminatingError(ToErrorRecord(e, target));

    /// <summary>Runs work that may fail with a DataException or an IO error and reports it as a non-terminating error.</summary>
    protected bool TryRun(Action work, object? target)
    {
        try
        {
            work();
            return true;
        }
        catch (DataException e) { WriteDataError(e, target); }
        catch (IOException e) when (IoFailure.IsDiskFull(e) || IoFailure.IsReadOnlyFileSystem(e))
        {
            WriteDataError(IoFailure.ForWrite(e, target as string ?? ""), target);
        }
        catch (IOException e)
        {
            WriteDataError(new DataException("IOError", DataErrorKind.ReadError, e.Message, "Check the path and that the disk is available.", target as string, inner: e), target);
        }
        catch (UnauthorizedAccessException e)
        {
            WriteDataError(new DataException("AccessDenied", DataErrorKind.PermissionDenied, e.Message, "Check the file's permissions.", target as string, inner: e), target);
        }
        catch (OperationCanceledException) { throw new PipelineStoppedException(); }
        return false;
    }

    /// <summary>
    /// One file of a <see cref="ForEachFile{T}"/>: its path, and how its work may talk to the user. On the pipeline
    /// thread (-ThrottleLimit 1) warnings are written at once and the work may show its own progress; on a worker
    /// thread warnings are kept and written, in input order, just before the file's result.
    /// </summary>
    protected sealed class FileWork(string file, bool onPipelineThread, Action<string> writeWarning)
    {
        private readonly List<string> _warnings = [];

        public string File { get; } = file;
        public bool OnPipelineThread { get; } = onPipelineThread;
        public Action<string> Warning => OnPipelineThread ? writeWarning : _warnings.Add;
        internal IReadOnlyList<string> KeptWarnings => _warnings;
    }

    /// <summary>
    /// -ThrottleLimit: runs <paramref name="work"/> for each file on up to <paramref name="throttleLimit"/> threads
    /// (<see cref="OrderedParallel"/>) and, on this thread and in input order, hands each result to
    /// <paramref name="write"/> or reports its failure as a non-terminating error with the file as target, so one bad
    /// file never stops the rest. One progress bar counts files and bytes done; at 1 the work runs on this thread.
    /// </summary>
    protected void ForEachFile<T>(IReadOnlyList<string> files, int throttleLimit, string activity, Func<FileWork, CancellationToken, T> work, Action<FileWork, T> write)
    {
        var inline = throttleLimit == 1 || files.Count <= 1;
        var items = files.Select(f => new FileWork(f, inline, WriteWarning)).ToArray();
        var sizes = files.Select(SizeOnDisk).ToArray();
        long totalBytes = sizes.Sum(), bytesDone = 0;
        var progress = files.Count > 1 ? new ProgressRecord((int)ProgressActivity.ManyFiles, activity, $"{files.Count:N0} files, {throttleLimit} at a time") : null;
        try
        {
            foreach (var outcome in OrderedParallel.Map(items, throttleLimit, work, StopToken))
            {
                foreach (var warning in outcome.Item.KeptWarnings) WriteWarning(warning);
                if (outcome.Error is { } error) WriteFileError(error, outcome.Item.File);
                else write(outcome.Item, outcome.Value!);
                if (progress == null) continue;
                bytesDone += sizes[outcome.Index];
                progress.PercentComplete = totalBytes > 0 ? (int)(100 * bytesDone / totalBytes) : (int)(100L * (outcome.Index + 1) / files.Count);
                progress.StatusDescription = $"{outcome.Index + 1:N0} of {files.Count:N0} files, {FormatBytes(bytesDone)} of {FormatBytes(totalBytes)} done";
                WriteProgress(progress);
            }
        }
        catch (OperationCanceledException) { throw new PipelineStoppedException(); }
        if (progress == null) return;
        progress.RecordType = ProgressRecordType.Completed;
        WriteProgress(progress);
    }

    /// <summary>A file's failure as a non-terminating error: the errors TryRun knows by their id, anything else as DataCenterTools.FileFailed.</summary>
    protected void WriteFileError(Exception error, string file)
    {
        if (error is OperationCanceledException) throw new PipelineStoppedException();
        try { TryRun(() => System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(error), file); }
        catch (Exception other) when (other is not PipelineStoppedException)
        {
            WriteDataError(new DataException("FileFailed", DataErrorKind.ReadError, $"'{file}' could not be processed: {other.Message}",
                "Check that the file is complete and in the format its name says; the other files were processed.", file, inner: other), file);
        }
    }

    private static long SizeOnDisk(string path)
    {
        try
        {
            if (File.Exists(path)) return new FileInfo(path).Length;
            return Directory.Exists(path) ? new DirectoryInfo(path).EnumerateFiles("*", SearchOption.AllDirectories).Sum(f => f.Length) : 0;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { return 0; } // the file's own work reports why
    }

    /// <summary>Resolves -Path (wildcards) or -LiteralPath through the provider to file-system paths.</summary>
    protected IEnumerable<string> ResolveInputPaths(string[]? paths, bool literal)
    {
        foreach (var p in paths ?? [])
        {
            if (literal)
            {
                yield return GetUnresolvedProviderPathFromPSPath(p);
                continue;
            }
            Collection<string>? resolved = null;
            ErrorRecord? failure = null;
            try
            {
                resolved = GetResolvedProviderPathFromPSPath(p, out var provider);
                if (provider.Name != "FileSystem")
                {
                    failure = ToErrorRecord(new DataException("NotAFileSystemPath", DataErrorKind.InvalidArgument,
                        $"'{p}' is a {provider.Name} path; data files must be on the file system.", "Give a file path."), p);
                    resolved = null;
                }
            }
            catch (ItemNotFoundException)
            {
                failure = ToErrorRecord(new DataException("FileNotFound", DataErrorKind.ObjectNotFound,
                    $"No file matches '{p}'.", "Check the path and the wildcard.", p), p);
            }
            if (failure != null) { WriteError(failure); continue; }
            if (resolved!.Count == 0)
            {
                WriteDataError(new DataException("FileNotFound", DataErrorKind.ObjectNotFound, $"No file matches '{p}'.", "Check the path and the wildcard.", p), p);
                continue;
            }
            foreach (var r in resolved) yield return r;
        }
    }

    /// <summary>A file-system path for an output, relative to the current location; no wildcards.</summary>
    protected string ResolveOutputPath(string path) => GetUnresolvedProviderPathFromPSPath(path);

    /// <summary>
    /// Whether to write the output file <paramref name="target"/>: false (with a FileExists or PathIsDirectory
    /// error) when it cannot be written without -Force, else what ShouldProcess says (-WhatIf, -Confirm).
    /// </summary>
    protected bool ConfirmOutputFile(string target, bool force, string what)
    {
        if (!TryRun(() => AtomicFile.EnsureWritable(target, force), target)) return false;
        return ShouldProcess(target, $"{(File.Exists(target) ? "Replace with" : "Write")} {what}");
    }

    /// <summary>
    /// Read options for streaming a file: warnings and Ctrl+C wired in, and <paramref name="progress"/> showing the
    /// share of bytes read and the rows so far ("N rows <paramref name="rowsDone"/>"); <paramref name="observe"/> sees each report too.
    /// </summary>
    protected ReadOptions StreamingReadOptions(ProgressRecord progress, string rowsDone, Action<ReadProgress>? observe = null) => new()
    {
        Warning = WriteWarning,
        Cancellation = StopToken,
        Progress = p =>
        {
            observe?.Invoke(p);
            progress.StatusDescription = $"{p.Rows:N0} rows {rowsDone}";
            progress.PercentComplete = p.TotalBytes > 0 ? (int)Math.Min(100, 100 * p.BytesRead / p.TotalBytes) : -1;
            WriteProgress(progress);
        },
    };

    /// <summary>A -Tokenizer value: a built-in name as is, a SentencePiece model file resolved against the current location.</summary>
    protected string ResolveTokenizer(string name) =>
        DataCenterTools.Core.Text.Tokens.TextTokenizer.BuiltIn.Contains(name, StringComparer.OrdinalIgnoreCase) || name is "o200k" or "cl100k" or "r50k" ? name : ResolveOutputPath(name);

    protected static string FormatBytes(long bytes) => DataCenterTools.Core.Distribution.DisplayFormat.Bytes(bytes);
}

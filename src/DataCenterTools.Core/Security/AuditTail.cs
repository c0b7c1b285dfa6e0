using DataCenterTools.Core.Data;

namespace DataCenterTools.Core.Security;

/// <summary>
/// Where an append continues the chain: after the last record the head anchored, plus any complete, correctly
/// sealed records an interrupted append wrote after it (its head update was cut off); an incomplete record at
/// the very end (a write cut off) is counted in <see cref="TornBytes"/> for the append to remove and record.
/// </summary>
internal readonly record struct AuditTail(long Records, string LastMac, long CleanLength, long TornBytes)
{
    /// <summary>Checks the end of the log against <paramref name="head"/>; <paramref name="damaged"/> builds the error when they disagree.</summary>
    public static AuditTail Read(FileStream stream, AuditHead head, byte[] chainKey, int maxUnanchoredBytes, Func<string, DataException> damaged)
    {
        var length = stream.Length;
        if (length < head.Length)
            throw damaged(length == 0
                ? $"was emptied: its head records {head.Records:N0} record(s)"
                : $"is shorter than its head records ({length:N0} of {head.Length:N0} bytes): records were removed from its end");
        if (head.Records > 0) CheckAnchoredRecord(stream, head, chainKey, damaged);
        if (length - head.Length > maxUnanchoredBytes)
            throw damaged($"has {length - head.Length:N0} bytes after the last record its head anchored: more than an interrupted append writes");

        var extra = new byte[length - head.Length];
        stream.Seek(head.Length, SeekOrigin.Begin);
        stream.ReadExactly(extra);
        var (records, mac, clean) = (head.Records, head.Mac, head.Length);
        var start = 0;
        while (true)
        {
            var end = Array.IndexOf(extra, (byte)'\n', start);
            if (end < 0) break;
            var check = AuditRecordFormat.Check(extra.AsSpan(start, end - start), chainKey);
            if (!check.MacValid || check.Sequence != records + 1 || check.Previous != mac)
                throw damaged($"has a record after record {records:N0} that does not carry a valid seal: it was altered or forged");
            (records, mac, clean) = (records + 1, check.Mac!, head.Length + end + 1);
            start = end + 1;
        }
        return new AuditTail(records, mac, clean, extra.Length - start);
    }

    // The record that ends where the head says the log ends must be the one whose MAC the head holds.
    private static void CheckAnchoredRecord(FileStream stream, AuditHead head, byte[] chainKey, Func<string, DataException> damaged)
    {
        var probe = (int)Math.Min(head.Length, 64 * 1024);
        while (true)
        {
            var buffer = new byte[probe];
            stream.Seek(head.Length - probe, SeekOrigin.Begin);
            stream.ReadExactly(buffer);
            var lineStart = buffer.Length >= 2 ? Array.LastIndexOf(buffer, (byte)'\n', buffer.Length - 2) + 1 : 0;
            if (lineStart == 0 && probe < head.Length) { probe = (int)Math.Min(head.Length, (long)probe * 4); continue; }
            var check = buffer[^1] == (byte)'\n'
                ? AuditRecordFormat.Check(buffer.AsSpan(lineStart, buffer.Length - 1 - lineStart), chainKey)
                : default;
            if (!check.MacValid || check.Sequence != head.Records || check.Mac != head.Mac)
                throw damaged($"does not end, where its head says, with record {head.Records:N0} as it was written: records were altered, replaced or removed");
            return;
        }
    }
}

/// <summary>Test-DataAuditLog's full check: every record in order, then the log against its head.</summary>
internal static class AuditVerifier
{
    public static DataAuditVerification Verify(string path, Stream stream, AuditHead? head, byte[] chainKey)
    {
        var expectedPrevious = DataAuditLog.GenesisHash;
        long count = 0, anchorEnd = -1, tornBytes = 0;
        string? anchorMac = null;
        DataAuditVerification Invalid(long line, string reason) => new(path, false, line - 1, line, reason, head?.Records ?? 0);
        foreach (var (line, endOffset, complete) in AuditLines.Read(stream))
        {
            var n = count + 1;
            if (!complete)
            {
                // Bytes after every anchored record are an append cut off; anywhere else the log was cut.
                if (head != null && endOffset - line.Length >= head.Length && count >= head.Records) { tornBytes = line.Length; break; }
                return Invalid(n, $"record {n} is incomplete (no line end): the log was truncated");
            }
            var check = AuditRecordFormat.Check(line, chainKey);
            if (!check.WellFormed) return Invalid(n, $"record {n} is not a well-formed audit record: it was altered");
            if (check.Unkeyed)
                return Invalid(n, $"record {n} has no MAC: it was inserted, or the log was written by an earlier version without a keyed chain");
            if (check.Sequence != n)
                return Invalid(n, $"record {n} has sequence number {check.Sequence} where {n} was expected: a record before it was removed or reordered");
            if (check.Previous != expectedPrevious)
                return Invalid(n, n == 1
                    ? "the first record does not start the chain: records before it were removed"
                    : $"record {n} does not link to record {n - 1}: record {n - 1} was altered or a record between them was removed");
            if (!check.MacValid)
                return Invalid(n, $"record {n} was altered or forged: its MAC does not match (only the holder of the audit key can seal records)");
            expectedPrevious = check.Mac!;
            count = n;
            if (head != null && n == head.Records) (anchorEnd, anchorMac) = (endOffset, check.Mac);
        }

        if (head == null)
            return count == 0
                ? new(path, true, 0, null, null)
                : new(path, false, count, null, $"its head anchor '{AuditHead.PathFor(path)}' is missing, so records removed from the end would not show: it was deleted, or an earlier version wrote the log");
        if (count < head.Records)
            return new(path, false, count, count + 1, count == 0
                ? $"the log was emptied: its head records {head.Records:N0} record(s)"
                : count + 1 == head.Records
                    ? $"record {head.Records:N0} was removed: the log ends after record {count:N0} but its head records {head.Records:N0}"
                    : $"records {count + 1:N0} to {head.Records:N0} were removed: the log ends after record {count:N0} but its head records {head.Records:N0}",
                head.Records);
        if (head.Records > 0 && (anchorMac != head.Mac || anchorEnd != head.Length))
            return new(path, false, count, head.Records, $"record {head.Records:N0} is not the record its head anchored: the log was rewritten", head.Records);

        string? note = null;
        if (count > head.Records)
            note = $"{count - head.Records} record(s) after the head anchor: an append was cut off before it updated the head; the next append updates it.";
        if (tornBytes > 0)
            note = (note is null ? "" : note + " ") + $"An incomplete record of {tornBytes} bytes follows record {count:N0} (a write cut off); the next append removes it and records that it did.";
        return new(path, true, count, null, null, head.Records, expectedPrevious, note);
    }
}

/// <summary>The lines of a log as bytes, read in blocks, with the offset just after each line and whether it ended with a line end.</summary>
internal static class AuditLines
{
    public static IEnumerable<(byte[] Line, long EndOffset, bool Complete)> Read(Stream stream)
    {
        var block = new byte[1 << 16];
        var pending = new List<byte>();
        long offset = 0;
        int read;
        while ((read = stream.Read(block, 0, block.Length)) > 0)
        {
            var start = 0;
            while (start < read)
            {
                var end = Array.IndexOf(block, (byte)'\n', start, read - start);
                if (end < 0)
                {
                    pending.AddRange(block.AsSpan(start, read - start));
                    break;
                }
                pending.AddRange(block.AsSpan(start, end - start));
                offset += pending.Count + 1;
                yield return (pending.ToArray(), offset, true);
                pending.Clear();
                start = end + 1;
            }
        }
        if (pending.Count > 0) yield return (pending.ToArray(), offset + pending.Count, false);
    }
}

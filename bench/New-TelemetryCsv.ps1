<#
.SYNOPSIS
    Generates the deterministic host-telemetry CSV the benchmarks read.
.DESCRIPTION
    Writes -Rows rows (default 1,000,000, about 130 MB) of synthetic data-center host telemetry to -Path
    (default bench/work/telemetry.csv). The generator is a small C# class compiled with Add-Type and a fixed-seed
    SplitMix64 generator, so the output is the same bytes on every run, machine and .NET version; it prints the row
    count and the SHA-256 of the file.

    Columns: timestamp (ISO 8601 UTC; one timestamp per row group of -Hosts rows, stepping 60 s from
    2026-01-01T00:00:00Z), host, region, rack, nine numeric metrics (cpu_pct, mem_pct, gpu_pct, power_w, temp_c,
    disk_read_mbps, disk_write_mbps, net_rx_mbps, net_tx_mbps) of which about 2% of the cells are empty,
    status (ok/warn/crit/maint), owner_email and client_ip.
.OUTPUTS
    A PSCustomObject: Path, Rows, Bytes, Sha256, Seconds.
.EXAMPLE
    ./bench/New-TelemetryCsv.ps1 -Rows 100000 -Path ./bench/work/small.csv
#>
[CmdletBinding()]
param(
    [ValidateRange(1, [int]::MaxValue)]
    [int] $Rows = 1000000,

    [string] $Path = (Join-Path $PSScriptRoot 'work/telemetry.csv'),

    # Hosts per timestamp (one row group).
    [ValidateRange(1, 100000)]
    [int] $Hosts = 1000,

    [long] $Seed = 20260101
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version 3.0

if (-not ('DataCenterTools.Bench.TelemetryCsv' -as [type])) {
    Add-Type -TypeDefinition @'
using System;
using System.Globalization;
using System.IO;
using System.Text;

namespace DataCenterTools.Bench
{
    public static class TelemetryCsv
    {
        // SplitMix64: tiny, fast and fully specified, so the bytes never depend on System.Random's implementation.
        private sealed class Rng
        {
            private ulong _s;
            public Rng(long seed) { _s = unchecked((ulong)seed); }
            public ulong Next()
            {
                ulong z = unchecked(_s += 0x9E3779B97F4A7C15UL);
                z = unchecked((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL);
                z = unchecked((z ^ (z >> 27)) * 0x94D049BB133111EBUL);
                return z ^ (z >> 31);
            }
            public double NextDouble() { return (Next() >> 11) * (1.0 / 9007199254740992.0); }
            public int NextInt(int n) { return (int)(Next() % (ulong)n); }
        }

        private static readonly string[] Regions = { "us-east-1", "us-west-2", "eu-central-1", "ap-southeast-1" };
        private static readonly string[] RegionCodes = { "use1", "usw2", "euc1", "apse1" };
        private static readonly string[] First = { "alice", "bob", "carol", "dmitri", "eva", "farid", "grace", "hiro",
            "ines", "jun", "kofi", "lena", "mateo", "nadia", "oskar", "priya", "quinn", "rosa", "sven", "tariq",
            "uma", "viktor", "wen", "xavier", "yara", "zoe" };
        private static readonly string[] Last = { "nguyen", "smith", "garcia", "mueller", "tanaka", "okafor",
            "kowalski", "haddad", "rossi", "chen", "silva", "johansson", "patel", "dubois", "kim", "novak" };

        private const string Header = "timestamp,host,region,rack,cpu_pct,mem_pct,gpu_pct,power_w,temp_c," +
            "disk_read_mbps,disk_write_mbps,net_rx_mbps,net_tx_mbps,status,owner_email,client_ip";

        public static long Write(string path, int rows, int hosts, long seed)
        {
            var rng = new Rng(seed);
            var inv = CultureInfo.InvariantCulture;

            // Fixed per-host attributes.
            var hostName = new string[hosts];
            var hostRegion = new string[hosts];
            var hostRack = new string[hosts];
            var hostOwner = new string[hosts];
            var hostLoad = new double[hosts];
            var hostGpu = new bool[hosts];
            for (int h = 0; h < hosts; h++)
            {
                int r = rng.NextInt(Regions.Length);
                int rack = 1 + rng.NextInt(40);
                hostRegion[h] = Regions[r];
                hostRack[h] = "r" + rack.ToString("D2", inv);
                hostName[h] = RegionCodes[r] + "-" + hostRack[h] + "-n" + (h % 100).ToString("D2", inv);
                hostOwner[h] = First[rng.NextInt(First.Length)] + "." + Last[rng.NextInt(Last.Length)].Substring(0, 1) + "@example.com";
                hostLoad[h] = 0.2 + 0.7 * rng.NextDouble();
                hostGpu[h] = rng.NextDouble() < 0.6;
            }

            var start = new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);
            var sb = new StringBuilder(1 << 20);
            var metrics = new double[9];
                        string stamp = null;
            using (var stream = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 20))
            using (var writer = new StreamWriter(stream, new UTF8Encoding(false), 1 << 20))
            {
                writer.NewLine = "\n";
                writer.Write(Header);
                writer.Write('\n');
                for (int i = 0; i < rows; i++)
                {
                    int h = i % hosts;
                    if (h == 0) stamp = start.AddSeconds(60.0 * (i / hosts)).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", inv);
                    double load = Math.Min(1.0, Math.Max(0.0, hostLoad[h] + 0.25 * (rng.NextDouble() - 0.5)));
                    metrics[0] = 100.0 * load;                                            // cpu_pct
                    metrics[1] = 30.0 + 65.0 * rng.NextDouble();                          // mem_pct
                    metrics[2] = hostGpu[h] ? 100.0 * Math.Min(1.0, load * (0.8 + 0.4 * rng.NextDouble())) : 0.0; // gpu_pct
                    metrics[3] = 180.0 + 420.0 * load + (hostGpu[h] ? 700.0 * metrics[2] / 100.0 : 0.0);          // power_w
                    metrics[4] = 28.0 + 45.0 * load + 6.0 * rng.NextDouble();             // temp_c
                    metrics[5] = 2000.0 * Math.Pow(rng.NextDouble(), 3);                  // disk_read_mbps
                    metrics[6] = 1200.0 * Math.Pow(rng.NextDouble(), 3);                  // disk_write_mbps
                    metrics[7] = 25000.0 * Math.Pow(rng.NextDouble(), 2) * load;          // net_rx_mbps
                    metrics[8] = 25000.0 * Math.Pow(rng.NextDouble(), 2) * load;          // net_tx_mbps

                    sb.Append(stamp).Append(',').Append(hostName[h]).Append(',').Append(hostRegion[h]).Append(',').Append(hostRack[h]);
                    for (int m = 0; m < metrics.Length; m++)
                    {
                        sb.Append(',');
                        if (rng.NextInt(50) != 0)   // about 2% of the metric cells are empty
                            sb.Append(metrics[m].ToString("F1", inv));
                    }
                    double u = rng.NextDouble();
                    string status = load > 0.97 && u < 0.5 ? "crit" : u < 0.90 ? "ok" : u < 0.97 ? "warn" : u < 0.99 ? "crit" : "maint";
                    sb.Append(',').Append(status).Append(',').Append(hostOwner[h]).Append(",10.")
                      .Append(rng.NextInt(256)).Append('.').Append(rng.NextInt(256)).Append('.').Append(1 + rng.NextInt(254)).Append('\n');
                    if (sb.Length > (1 << 20) - 512)
                    {
                        writer.Write(sb);
                        sb.Clear();
                    }
                }
                writer.Write(sb);
            }
            return new FileInfo(path).Length;
        }
    }
}
'@
}

$full = [System.IO.Path]::GetFullPath($Path, (Get-Location).ProviderPath)
$dir = Split-Path -Parent $full
if (-not (Test-Path $dir)) { New-Item -ItemType Directory -Path $dir | Out-Null }
$sw = [System.Diagnostics.Stopwatch]::StartNew()
$bytes = [DataCenterTools.Bench.TelemetryCsv]::Write($full, $Rows, $Hosts, $Seed)
$sw.Stop()
$sha = (Get-FileHash -Algorithm SHA256 -LiteralPath $full).Hash.ToLowerInvariant()
Write-Host ("Generated {0:N0} rows, {1:N0} bytes in {2:0.00} s: {3}" -f $Rows, $bytes, $sw.Elapsed.TotalSeconds, $full)
Write-Host "SHA-256 $sha"
[pscustomobject]@{ Path = $full; Rows = $Rows; Bytes = $bytes; Sha256 = $sha; Seconds = [math]::Round($sw.Elapsed.TotalSeconds, 3) }

namespace DataCenterTools.Core.Text.Dedup;

/// <summary>The MinHash signing loops, narrowest first: each falls back to the one below where the CPU lacks it.</summary>
internal enum SignPath { Scalar, Avx2, Avx512 }

// The polars peer of bench/Measure-Peers.ps1: runs one named step on a file with nodejs-polars and prints
// one line 'BENCH-RESULT {json}' (seconds of the step alone, the correctness digest, step checks).
//
//   node bench/peers/polars_step.mjs <step> <input> <output|->
//
// Steps (the same names in every peer; bench/peers/README.md says what each does):
//   csv-read       pl.readCSV(input, {tryParseDates: true})            (timed: the read)
//   parquet-read   pl.readParquet(input)                               (timed: the read)
//   jsonl-read     pl.scanJson(input).collectSync()  (readJSON(..., {format: 'lines'}) is broken in 0.25.2)
//   parquet-write  read input untimed, then df.writeParquet(output, {compression: 'zstd'})   (timed: the write)
//   jsonl-write    read input untimed, then df.writeJSON(output, {format: 'lines'})
//   profile        read input untimed, then describe() + nUnique() of every column + valueCounts() of the text ones
//   groupby        read input untimed, then group by region x hour of day: mean, std, median, p90 of cpu_pct and power_w
//   pipeline       read the CSV, IQR-clip + median-fill the numeric columns, z-score them, writeCSV (all timed)
// Install with bench/peers/Install-Peers.ps1 (npm, exact pins, into bench/peers/node_modules).
import { createHash } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import pl from 'nodejs-polars';

const [step, input, output] = process.argv.slice(2);
const TIMESTAMP_COLUMNS = ['timestamp'];

function read(path) {
  if (path.endsWith('.parquet')) return pl.readParquet(path);
  if (path.endsWith('.jsonl')) return pl.scanJson(path).collectSync();
  return pl.readCSV(path, { tryParseDates: true });
}

function isNumeric(dtype) {
  return ['Int8', 'Int16', 'Int32', 'Int64', 'UInt8', 'UInt16', 'UInt32', 'UInt64', 'Float32', 'Float64'].includes(String(dtype.variant ?? dtype));
}

function kindOf(dtype) {
  const name = String(dtype.variant ?? dtype);
  if (isNumeric(dtype)) return 'number';
  if (name === 'Bool') return 'bool';
  if (name === 'Datetime' || name === 'Date') return 'timestamp';
  return 'string';
}

// Epoch seconds of each value (UTC instants; wall-clock values are read as UTC), null for missing.
function epochSeconds(series) {
  const name = String(series.dtype.variant ?? series.dtype);
  if (name === 'Date') return series.cast(pl.Float64).toArray().map((d) => (d == null ? null : d * 86400));
  if (name === 'Datetime') {
    const unit = series.dtype.timeUnit ?? 'us';
    const factor = unit === 'ns' ? 1e9 : unit === 'ms' ? 1e3 : 1e6;
    return series.cast(pl.Int64).toArray().map((v) => (v == null ? null : Number(v) / factor));
  }
  return series.toArray().map((s) => (s == null ? null : Date.parse(s.endsWith('Z') || /[+-]\d\d:\d\d$/.test(s) ? s : s + 'Z') / 1000));
}

// The digest every peer computes the same way (bench/peers/README.md): rows; per column its nulls and the sum
// (numbers; true count for booleans; epoch seconds for timestamps) or a SHA-256 of the values joined by '\n'
// (missing as '\0') for text.
function digest(df) {
  const columns = {};
  for (const name of df.columns) {
    const series = df.getColumn(name);
    const key = name.toLowerCase();
    let kind = kindOf(series.dtype);
    if (TIMESTAMP_COLUMNS.includes(key)) kind = 'timestamp';
    const entry = { kind, nulls: series.nullCount() };
    if (kind === 'number' || kind === 'bool') entry.sum = Number(series.cast(pl.Float64).sum() ?? 0);
    else if (kind === 'timestamp') entry.sum = epochSeconds(series).reduce((a, v) => a + (v ?? 0), 0);
    else {
      // Hashed value by value, so the digest adds no whole-column string to the peak memory.
      const hash = createHash('sha256');
      series.cast(pl.Utf8).toArray().forEach((v, i) => { if (i > 0) hash.update('\n'); hash.update(v == null ? '\0' : v); });
      entry.hash = hash.digest('hex').slice(0, 16);
    }
    columns[key] = entry;
  }
  return { rows: df.height, columns };
}

function timed(work) {
  const started = performance.now();
  const value = work();
  return [value, (performance.now() - started) / 1000];
}

const NUMERIC = ['cpu_pct', 'mem_pct', 'gpu_pct', 'power_w', 'temp_c', 'disk_read_mbps', 'disk_write_mbps', 'net_rx_mbps', 'net_tx_mbps'];
const TEXT = ['host', 'region', 'rack', 'status'];

const result = { tool: 'polars', version: pl.version ?? '0.25.2', step };
let frame;
switch (step) {
  case 'csv-read':
  case 'parquet-read':
  case 'jsonl-read': {
    [frame, result.seconds] = timed(() => read(input));
    break;
  }
  case 'parquet-write': {
    frame = read(input);
    [, result.seconds] = timed(() => frame.writeParquet(output, { compression: 'zstd' }));
    break;
  }
  case 'jsonl-write': {
    frame = read(input);
    [, result.seconds] = timed(() => frame.writeJSON(output, { format: 'lines' }));
    break;
  }
  case 'profile': {
    frame = read(input);
    let described;
    [described, result.seconds] = timed(() => {
      const d = frame.select(NUMERIC).describe();
      const distinct = Object.fromEntries(frame.columns.map((c) => [c, frame.getColumn(c).nUnique()]));
      const top = Object.fromEntries(TEXT.map((c) => [c, frame.getColumn(c).valueCounts(true)]));
      return { d, distinct, top };
    });
    const cpu = frame.select(pl.col('cpu_pct').mean().alias('mean'), pl.col('cpu_pct').std().alias('std'));
    const top = described.top.status;
    result.check = { column: 'cpu_pct', mean: cpu.getColumn('mean').get(0), std: cpu.getColumn('std').get(0), distinctHost: described.distinct.host, topStatus: top.getColumn('status').get(0), topStatusCount: Number(top.getColumn(top.columns[1]).get(0)) };
    break;
  }
  case 'groupby': {
    frame = read(input);
    let groups;
    [groups, result.seconds] = timed(() => frame
      .withColumns(pl.col('timestamp').dt.hour().alias('hour'))
      .groupBy(['region', 'hour'])
      .agg(...['cpu_pct', 'power_w'].flatMap((c) => [
        pl.col(c).mean().alias(`${c}_mean`), pl.col(c).std().alias(`${c}_std`),
        pl.col(c).quantile(0.5, 'linear').alias(`${c}_p50`), pl.col(c).quantile(0.9, 'linear').alias(`${c}_p90`)])));
    result.check = { groups: groups.height, ...Object.fromEntries(['cpu_pct_mean', 'cpu_pct_std', 'cpu_pct_p50', 'cpu_pct_p90', 'power_w_mean'].map((c) => [c, groups.getColumn(c).sum()])) };
    break;
  }
  case 'pipeline': {
    const checks = {};
    [, result.seconds] = timed(() => {
      let df = pl.readCSV(input, { tryParseDates: true });
      const numeric = df.columns.filter((c) => isNumeric(df.getColumn(c).dtype));
      // IQR clip with linear quartiles, then fill with the median of the clipped column (Invoke-DataCleaning's order).
      const bounds = df.select(numeric.flatMap((c) => [pl.col(c).quantile(0.25, 'linear').alias(`${c}_q1`), pl.col(c).quantile(0.75, 'linear').alias(`${c}_q3`)]));
      df = df.withColumns(numeric.map((c) => {
        const q1 = bounds.getColumn(`${c}_q1`).get(0); const q3 = bounds.getColumn(`${c}_q3`).get(0); const iqr = q3 - q1;
        return pl.col(c).clip(q1 - 1.5 * iqr, q3 + 1.5 * iqr).alias(c);
      }));
      df = df.withColumns(numeric.map((c) => pl.col(c).fillNull(pl.col(c).median()).alias(c)));
      const stats = df.select(numeric.flatMap((c) => [pl.col(c).mean().alias(`${c}_m`), pl.col(c).std().alias(`${c}_s`), pl.col(c).count().alias(`${c}_n`)]));
      // Expr.std() takes no ddof in nodejs-polars 0.25.2 (sample std): scaled to the population std the z-score uses.
      for (const c of numeric) {
        const n = Number(stats.getColumn(`${c}_n`).get(0));
        checks[c] = { cleanMean: stats.getColumn(`${c}_m`).get(0), cleanStd: stats.getColumn(`${c}_s`).get(0) * Math.sqrt((n - 1) / n) };
      }
      df = df.withColumns(numeric.map((c) => pl.col(c).sub(checks[c].cleanMean).div(checks[c].cleanStd).alias(c)));
      df.writeCSV(output);
      frame = df;
    });
    result.checks = checks;
    break;
  }
  default:
    console.error(`Unknown step '${step}'.`);
    process.exit(2);
}
result.digest = digest(frame);
console.log('BENCH-RESULT ' + JSON.stringify(result));

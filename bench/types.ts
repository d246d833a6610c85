/**
 * One benchmark: a measurement of our code against a baseline that does the same work the plain way, both
 * measured in the same run (interleaved repeats, median; see `compareInterleaved` in ./measure.ts).
 * `measured` and `baseline` are milliseconds; the runner prints `ratio = measured / baseline`.
 */
export type Benchmark = {
  name: string;
  /** What the ratio should be, as written in DESIGN §12, e.g. `'≤ 1.5×'`. */
  target: string;
  /** The ratio the target allows; the table marks a run above it. Without it the target is informative only. */
  maxRatio?: number;
  /** Unit of `measured` and `baseline`; `ms` unless said otherwise. */
  unit?: string;
  run(): Promise<BenchmarkMeasurement> | BenchmarkMeasurement;
};

export type BenchmarkMeasurement = {
  measured: number;
  baseline: number;
  /** One line for the reader: workload size, what the baseline is. */
  detail?: string;
};

/** One row of the runner's table and JSON. `error` is set (and the numbers are NaN) when the benchmark threw. */
export type BenchmarkRow = {
  name: string;
  file: string;
  measured: number;
  baseline: number;
  ratio: number;
  target: string;
  maxRatio: number | null;
  unit: string;
  detail: string;
  /** true/false against `maxRatio`; null when there is no `maxRatio` or the benchmark failed. */
  withinTarget: boolean | null;
  error: string | null;
};

/** One measured figure; `baseline` is the reference measured in the same run, so the ratio means something on any machine. */
export interface BenchRow {
  name: string;
  value: number;
  unit: string;
  baseline?: { name: string; value: number };
  /** What the issue asks of this figure, e.g. "≤ 1.3× baseline"; shown next to the ratio. */
  target?: string;
  /** Show the ratio as how many times faster than the baseline this is (for targets phrased that way). */
  asSpeedup?: boolean;
  /**
   * The ratio when it is not value ÷ baseline: the median of per-round ratios of interleaved measurements, which a
   * machine whose speed changes from one second to the next (a shared VM) skews far less than a ratio of medians.
   */
  pairedRatio?: number;
}

export interface Benchmark {
  name: string;
  run(): Promise<BenchRow[]>;
}

export function median(values: readonly number[]): number {
  if (values.length === 0) throw new Error('median of no values');
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) throw new Error('percentile of no values');
  const sorted = [...values].sort((a, b) => a - b);
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index]!;
}

export function ratio(row: BenchRow): number | undefined {
  if (row.pairedRatio !== undefined) return row.pairedRatio;
  return row.baseline && row.baseline.value > 0 ? row.value / row.baseline.value : undefined;
}

import { performance } from 'node:perf_hooks';

export type CompareOptions = {
  /** Timed rounds per side; the median is reported. */
  repeats?: number;
  /** Untimed rounds per side first, so the JIT has seen both. */
  warmup?: number;
  now?: () => number;
};

/**
 * Times `measured` and `baseline` in alternating rounds (the side that goes first swaps every round, so neither
 * profits from a warm cache or pays for a GC the other caused) and returns each side's median in ms.
 */
export async function compareInterleaved(
  measured: () => unknown,
  baseline: () => unknown,
  { repeats = 5, warmup = 1, now = () => performance.now() }: CompareOptions = {},
): Promise<{ measured: number; baseline: number }> {
  for (let i = 0; i < warmup; i++) {
    await measured();
    await baseline();
  }
  const times = { measured: [] as number[], baseline: [] as number[] };
  for (let i = 0; i < repeats; i++) {
    const order: Array<'measured' | 'baseline'> = i % 2 === 0 ? ['measured', 'baseline'] : ['baseline', 'measured'];
    for (const side of order) {
      const start = now();
      await (side === 'measured' ? measured() : baseline());
      times[side].push(now() - start);
    }
  }
  return { measured: median(times.measured), baseline: median(times.baseline) };
}

/** The middle value (mean of the two middle ones for an even count); NaN for no values. */
export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

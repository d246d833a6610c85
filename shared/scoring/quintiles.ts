/**
 * Quintile cut points of a population: the largest value of quintiles 1–4 (`[]` for an empty population).
 * With distinct values every quintile holds ⌊n/5⌋ or ⌈n/5⌉ members.
 */
export function quintileCuts(values: readonly number[]): number[] {
  if (values.length === 0) return [];
  const sorted = Float64Array.from(values).sort();
  const n = sorted.length;
  return [1, 2, 3, 4].map((k) => sorted[Math.ceil((n * k) / 5) - 1] as number);
}

/** The quintile 1–5 of `value` against `cuts` (5 is the top fifth). */
export function quintileOf(value: number, cuts: readonly number[]): number {
  let q = 1;
  for (const cut of cuts) if (value > cut) q++;
  return q;
}

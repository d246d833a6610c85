import type { Benchmark, BenchmarkMeasurement, BenchmarkRow } from './types';

/** The row for one finished benchmark, or for one that threw (`outcome` is then the error). */
export function benchmarkRow(
  benchmark: Benchmark,
  file: string,
  outcome: { ok: true; value: BenchmarkMeasurement } | { ok: false; error: unknown },
): BenchmarkRow {
  const maxRatio = benchmark.maxRatio ?? null;
  const base = {
    name: benchmark.name,
    file,
    target: benchmark.target,
    maxRatio,
    unit: benchmark.unit ?? 'ms',
  };
  if (!outcome.ok) {
    const message = outcome.error instanceof Error ? outcome.error.message : String(outcome.error);
    return {
      ...base,
      measured: Number.NaN,
      baseline: Number.NaN,
      ratio: Number.NaN,
      detail: '',
      withinTarget: null,
      error: message,
    };
  }
  const { measured, baseline, detail = '' } = outcome.value;
  const ratio = measured / baseline;
  return {
    ...base,
    measured,
    baseline,
    ratio,
    detail,
    withinTarget: maxRatio === null || !Number.isFinite(ratio) ? null : ratio <= maxRatio,
    error: null,
  };
}

const HEADERS = ['benchmark', 'measured', 'baseline', 'ratio', 'target', 'ok', 'detail'] as const;

/** The runner's table: one line per benchmark, columns padded; failures say why in the detail column. */
export function formatTable(rows: readonly BenchmarkRow[]): string {
  const cells = rows.map((row) => [
    row.name,
    formatAmount(row.measured, row.unit),
    formatAmount(row.baseline, row.unit),
    Number.isFinite(row.ratio) ? `${row.ratio.toFixed(2)}×` : '—',
    row.target,
    row.error ? 'ERROR' : row.withinTarget === null ? '—' : row.withinTarget ? 'yes' : 'NO',
    row.error ? `error: ${row.error}` : row.detail,
  ]);
  const table = [[...HEADERS], ...cells];
  const widths = HEADERS.map((_, column) => Math.max(...table.map((line) => displayWidth(line[column] ?? ''))));
  const render = (line: string[]) =>
    line
      .map((cell, column) => (column === line.length - 1 ? cell : padEnd(cell, widths[column] ?? 0)))
      .join('  ')
      .trimEnd();
  const rule = widths.map((width, column) => '-'.repeat(column === widths.length - 1 ? 6 : width)).join('  ');
  return [render(table[0] ?? []), rule, ...cells.map(render)].join('\n');
}

/** `--json FILE`: `[{ name, ratio, target, unit, detail }]` plus the measured figures behind the ratio. */
export function toJson(rows: readonly BenchmarkRow[]): string {
  return JSON.stringify(
    rows.map((row) => ({
      name: row.name,
      ratio: Number.isFinite(row.ratio) ? round(row.ratio, 3) : null,
      target: row.target,
      unit: row.unit,
      detail: row.error ? `error: ${row.error}` : row.detail,
      measured: Number.isFinite(row.measured) ? round(row.measured, 3) : null,
      baseline: Number.isFinite(row.baseline) ? round(row.baseline, 3) : null,
      withinTarget: row.withinTarget,
    })),
    null,
    2,
  );
}

function formatAmount(value: number, unit: string): string {
  if (!Number.isFinite(value)) return '—';
  const digits = value >= 100 ? 0 : value >= 10 ? 1 : 2;
  return `${value.toFixed(digits)} ${unit}`;
}

function round(value: number, digits: number): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}

// Targets carry `≤` and `×`; CJK in names would take two columns. Wide characters count double.
function displayWidth(text: string): number {
  let width = 0;
  for (const char of text)
    width += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\uff00-\uff60]/u.test(char) ? 2 : 1;
  return width;
}

function padEnd(text: string, width: number): string {
  return text + ' '.repeat(Math.max(0, width - displayWidth(text)));
}

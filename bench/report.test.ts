import { describe, expect, test } from 'vitest';
import { parseArgs } from './args';
import { compareInterleaved, median } from './measure';
import { benchmarkRow, formatTable, toJson } from './report';
import type { Benchmark } from './types';

const bench = (overrides: Partial<Benchmark> = {}): Benchmark => ({
  name: 'lookup by email',
  target: '≤ 1.5×',
  maxRatio: 1.5,
  run: () => ({ measured: 3, baseline: 2 }),
  ...overrides,
});

describe('benchmarkRow', () => {
  test.each([
    [30, 20, 1.5, true],
    [31, 20, 1.55, false],
    [10, 20, 0.5, true],
  ])('measured %d vs baseline %d → ratio %d, within ≤ 1.5×: %s', (measured, baseline, ratio, within) => {
    const row = benchmarkRow(bench(), 'x.bench.ts', { ok: true, value: { measured, baseline } });
    expect(row.ratio).toBeCloseTo(ratio, 10);
    expect(row.withinTarget).toBe(within);
    expect(row.unit).toBe('ms');
  });

  test('no maxRatio: the target is informative, withinTarget is null', () => {
    const { maxRatio: _, ...noMax } = bench();
    const row = benchmarkRow(noMax, 'x.bench.ts', { ok: true, value: { measured: 9, baseline: 1 } });
    expect(row.withinTarget).toBeNull();
  });

  test('a benchmark that threw keeps its name and the error message', () => {
    const row = benchmarkRow(bench(), 'x.bench.ts', { ok: false, error: new Error('IndexedDB missing') });
    expect(row.error).toBe('IndexedDB missing');
    expect(Number.isNaN(row.ratio)).toBe(true);
  });
});

describe('formatTable', () => {
  const rows = [
    benchmarkRow(bench(), 'a.bench.ts', { ok: true, value: { measured: 150, baseline: 100, detail: '100k cards' } }),
    benchmarkRow(bench({ name: '查重 by phone', target: '≤ 2×', maxRatio: 2 }), 'b.bench.ts', {
      ok: true,
      value: { measured: 5, baseline: 2 },
    }),
    benchmarkRow(bench({ name: 'broken' }), 'c.bench.ts', { ok: false, error: new Error('boom') }),
  ];
  const lines = formatTable(rows).split('\n');

  test('a header, a rule, one line per benchmark', () => {
    expect(lines).toHaveLength(5);
    expect(lines[0]).toMatch(/^benchmark\s+measured\s+baseline\s+ratio\s+target\s+ok\s+detail$/);
    expect(lines[1]).toMatch(/^-+( +-+)+$/);
  });

  test('rows show figures, ratio, target and the verdict', () => {
    expect(lines[2]).toMatch(/^lookup by email\s+150 ms\s+100 ms\s+1\.50×\s+≤ 1\.5×\s+yes\s+100k cards$/);
    expect(lines[3]).toMatch(/^查重 by phone\s+5\.00 ms\s+2\.00 ms\s+2\.50×\s+≤ 2×\s+NO$/);
    expect(lines[4]).toMatch(/^broken\s+—\s+—\s+—\s+≤ 1\.5×\s+ERROR\s+error: boom$/);
  });

  test('columns line up, counting CJK as two columns', () => {
    const ratioColumn = (line: string) => {
      const at = line.search(/\d\.\d\d×|ratio/);
      return [...line.slice(0, at)].reduce((width, c) => width + (/[\u4e00-\u9fff]/.test(c) ? 2 : 1), 0);
    };
    expect(ratioColumn(lines[2] ?? '')).toBe(ratioColumn(lines[0] ?? ''));
    expect(ratioColumn(lines[3] ?? '')).toBe(ratioColumn(lines[0] ?? ''));
  });
});

describe('toJson', () => {
  test('writes name, ratio, target, unit, detail for every row', () => {
    const rows = [
      benchmarkRow(bench(), 'a.bench.ts', { ok: true, value: { measured: 1, baseline: 3, detail: 'd' } }),
      benchmarkRow(bench({ name: 'broken' }), 'c.bench.ts', { ok: false, error: 'boom' }),
    ];
    const parsed = JSON.parse(toJson(rows)) as Array<Record<string, unknown>>;
    expect(parsed).toEqual([
      expect.objectContaining({ name: 'lookup by email', ratio: 0.333, target: '≤ 1.5×', unit: 'ms', detail: 'd' }),
      expect.objectContaining({ name: 'broken', ratio: null, target: '≤ 1.5×', unit: 'ms', detail: 'error: boom' }),
    ]);
  });
});

describe('parseArgs', () => {
  test.each<[string[], { json: string | null; filter: string | null }]>([
    [[], { json: null, filter: null }],
    [['--json', 'out.json'], { json: 'out.json', filter: null }],
    [['--filter', 'phone', '--json', 'b.json'], { json: 'b.json', filter: 'phone' }],
  ])('%j', (argv, expected) => {
    expect(parseArgs(argv)).toEqual(expected);
  });

  test.each([[['--json']], [['--filter', '--json', 'x']], [['--fast']]])('rejects %j', (argv) => {
    expect(() => parseArgs(argv)).toThrow(/--json|--filter|unknown argument/);
  });
});

describe('measure', () => {
  test.each([
    [[3, 1, 2], 2],
    [[4, 1, 3, 2], 2.5],
    [[7], 7],
  ])('median of %j is %d', (values, expected) => {
    expect(median(values)).toBe(expected);
  });

  test('compareInterleaved alternates which side runs first and takes medians', async () => {
    const calls: string[] = [];
    let clock = 0;
    const result = await compareInterleaved(
      () => {
        calls.push('m');
        clock += 10;
      },
      () => {
        calls.push('b');
        clock += 4;
      },
      { repeats: 3, warmup: 1, now: () => clock },
    );
    expect(calls.join('')).toBe('mb' + 'mb' + 'bm' + 'mb');
    expect(result).toEqual({ measured: 10, baseline: 4 });
  });
});

/**
 * Benchmark runner: `npm run bench [-- --filter TEXT] [-- --json FILE]`.
 *
 * Runs every `bench/*.bench.ts`. Each file exports `export const benchmarks: Benchmark[]` (./types.ts):
 *
 *   export const benchmarks: Benchmark[] = [{
 *     name: 'lookup by email, 100k cards',
 *     target: '≤ 1.5×', maxRatio: 1.5,
 *     async run() {
 *       const { measured, baseline } = await compareInterleaved(() => ours(), () => plain()); // ./measure.ts
 *       return { measured, baseline, detail: '100k cards; baseline: raw IndexedDB index get' };
 *     },
 *   }];
 *
 * `measured` and `baseline` are milliseconds measured in the same run (interleaved repeats, median), so the
 * ratio does not depend on the machine. The runner prints one table (name, measured, baseline, ratio, target,
 * whether within target); `--json FILE` also writes `[{ name, ratio, target, unit, detail, … }]`.
 * `--filter TEXT` runs only benchmarks whose name or file contains TEXT (case-insensitive).
 * Exit code 1 when a benchmark threw; a ratio over target is reported, not fatal (timings vary by machine).
 */
import { readdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { type Options, parseArgs } from './args';
import { benchmarkRow, formatTable, toJson } from './report';
import type { Benchmark, BenchmarkRow } from './types';

async function main(): Promise<number> {
  let options: Options;
  try {
    options = parseArgs(process.argv.slice(2));
  } catch (error) {
    console.error((error as Error).message);
    return 2;
  }
  const dir = dirname(fileURLToPath(import.meta.url));
  const files = readdirSync(dir)
    .filter((name) => name.endsWith('.bench.ts'))
    .sort();
  const filter = options.filter?.toLowerCase() ?? null;
  const rows: BenchmarkRow[] = [];
  for (const file of files) {
    const module = (await import(pathToFileURL(join(dir, file)).href)) as { benchmarks?: Benchmark[] };
    if (!Array.isArray(module.benchmarks)) {
      console.error(`${file}: exports no \`benchmarks\` array; skipped`);
      continue;
    }
    for (const benchmark of module.benchmarks) {
      if (filter && !benchmark.name.toLowerCase().includes(filter) && !file.toLowerCase().includes(filter)) continue;
      process.stderr.write(`running ${benchmark.name} (${file}) …\n`);
      try {
        rows.push(benchmarkRow(benchmark, file, { ok: true, value: await benchmark.run() }));
      } catch (error) {
        rows.push(benchmarkRow(benchmark, file, { ok: false, error }));
      }
    }
  }
  if (rows.length === 0) {
    console.error(filter ? `no benchmark matches --filter ${options.filter}` : 'no benchmarks found in bench/');
    return 1;
  }
  console.log(formatTable(rows));
  if (options.json) writeFileSync(options.json, `${toJson(rows)}\n`);
  return rows.some((row) => row.error) ? 1 : 0;
}

process.exitCode = await main();

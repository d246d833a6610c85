import { mkdtempSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { chromium, type Page } from 'playwright-core';
import { CHROMIUM } from '../test/support/browser';
import type { Benchmark, BenchmarkMeasurement } from './types';

/** DESIGN §12: lookup of a card by email/domain/phone within 1.5× of a raw IndexedDB index get, at 100k cards. */
const CARDS = Number(process.env.LEADCARD_BENCH_CARDS ?? 100_000);
const LOOKUPS = 500;
const REPEATS = 9;
const PULL_RECORDS = Number(process.env.LEADCARD_BENCH_PULL ?? 100_000);

type BenchApi = {
  popupOpen(repeats: number): Promise<{ measured: number; baseline: number }>;
  seed(count: number): Promise<number>;
  compare(kind: string, lookups: number, repeats: number): Promise<{ measured: number; baseline: number }>;
  firstPull(
    count: number,
  ): Promise<{ measured: number; baseline: number; longestTask: number; recordsPerSecond: number }>;
};

let bundleServer: Promise<string> | null = null;
const profileDir = mkdtempSync(join(tmpdir(), 'leadcard-bench-'));

/** The page's bundle, served from one 127.0.0.1 port for the whole run (IndexedDB is per origin, port included). */
function benchOrigin(): Promise<string> {
  bundleServer ??= (async () => {
    const bundle = await build({
      entryPoints: [new URL('./lookup-page.tsx', import.meta.url).pathname],
      bundle: true,
      format: 'iife',
      platform: 'browser',
      target: 'es2022',
      write: false,
      minify: true,
      jsx: 'automatic',
      jsxImportSource: 'preact',
    });
    const script = bundle.outputFiles[0]?.text ?? '';
    const server = createServer((req, res) => {
      if (req.url === '/bench.js') {
        res.writeHead(200, { 'content-type': 'text/javascript' });
        res.end(script);
        return;
      }
      res.writeHead(200, { 'content-type': 'text/html' });
      res.end('<!doctype html><meta charset="utf-8"><script src="/bench.js"></script>');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    server.unref(); // the run ends when the benchmarks do
    return `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  })();
  return bundleServer;
}

/**
 * Runs `fn` in a Chromium page of this run's profile (a real origin for IndexedDB), the store seeded with CARDS
 * cards the first time (kept on disk for the next benchmark), and closes the browser whatever happens.
 */
async function inChromium<T>(fn: (page: Page, seedMs: number) => Promise<T>): Promise<T> {
  const origin = await benchOrigin();
  const context = await chromium.launchPersistentContext(profileDir, {
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1'],
  });
  try {
    const page = await context.newPage();
    await page.goto(origin);
    const seedMs = await page.evaluate(
      (n) => (globalThis as unknown as { leadcardBench: BenchApi }).leadcardBench.seed(n),
      CARDS,
    );
    return await fn(page, seedMs);
  } finally {
    await context.close();
  }
}

async function lookup(kind: 'email' | 'phone' | 'domain', baselineText: string): Promise<BenchmarkMeasurement> {
  return inChromium(async (page, seedMs) => {
    const result = await page.evaluate(
      ([k, lookups, repeats]) =>
        (globalThis as unknown as { leadcardBench: BenchApi }).leadcardBench.compare(
          k as string,
          lookups as number,
          repeats as number,
        ),
      [kind, LOOKUPS, REPEATS] as const,
    );
    return {
      ...result,
      detail: `${CARDS} cards + ${CARDS} contacts in Chromium IndexedDB (seeded in ${(seedMs / 1000).toFixed(1)} s); ms per lookup of typed text; baseline ${baselineText}`,
    };
  });
}

export const benchmarks: Benchmark[] = [
  {
    name: 'popup lookup by email (Chromium, store vs raw IndexedDB)',
    target: '≤ 1.5×',
    maxRatio: 1.5,
    run: () => lookup('email', 'contacts.emails index get + account get, normalised key'),
  },
  {
    name: 'popup lookup by phone (Chromium, store vs raw IndexedDB)',
    target: '≤ 1.5×',
    maxRatio: 1.5,
    run: () => lookup('phone', 'contacts.phones index get + account get, E.164 key'),
  },
  {
    name: 'popup lookup by domain (Chromium, store vs raw IndexedDB)',
    target: '≤ 1.5×',
    maxRatio: 1.5,
    run: () => lookup('domain', 'accounts.domains index get, registrable domain'),
  },
  {
    name: 'popup opens on the tab customer’s card (Chromium)',
    target: '< 100 ms',
    run: () =>
      inChromium(async (page) => {
        const r = await page.evaluate(
          (n) => (globalThis as unknown as { leadcardBench: BenchApi }).leadcardBench.popupOpen(n),
          REPEATS,
        );
        return {
          ...r,
          detail: `${CARDS} cards: cold store connection + Popup render until the caller-ID card is shown (target < 100 ms); baseline a cold raw IndexedDB open + domains index get of the same card`,
        };
      }),
  },
  {
    name: 'first pull applied into the store (Chromium, vs raw IndexedDB puts)',
    target: 'informative',
    run: () =>
      inChromium(async (page) => {
        const r = await page.evaluate(
          (n) => (globalThis as unknown as { leadcardBench: BenchApi }).leadcardBench.firstPull(n),
          PULL_RECORDS,
        );
        return {
          measured: r.measured,
          baseline: r.baseline,
          detail: `${PULL_RECORDS} records (pages of 1000, applied 250 at a time): ${r.recordsPerSecond} records/s, longest main-thread task ${Math.round(r.longestTask)} ms; baseline raw puts of the same rows`,
        };
      }),
  },
];

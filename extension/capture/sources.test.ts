import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { sources } from './sources';

const here = import.meta.dirname;
const fixtures = readdirSync(join(here, '../../test/fixtures/pages'));
// A source file is one whose default shape is `export function extractX(doc: Document, ctx: SourceContext)`.
const sourceFiles = readdirSync(here)
  .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'))
  .filter((f) =>
    /export function extract\w+\(doc: Document, ctx: SourceContext\)/.test(readFileSync(join(here, f), 'utf8')),
  )
  .map((f) => f.replace(/\.ts$/, ''));

test('every source file is registered in sources.ts under its file name', () => {
  expect(sourceFiles.length).toBeGreaterThanOrEqual(9);
  expect(Object.keys(sources).sort()).toEqual([...sourceFiles].sort());
});

test.each(Object.keys(sources))('source %s has at least one fixture page named after it', (name) => {
  expect(fixtures.some((f) => f.startsWith(`${name}-`) && f.endsWith('.html'))).toBe(true);
});

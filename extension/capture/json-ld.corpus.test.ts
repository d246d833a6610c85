import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { afterAll, describe, expect, test } from 'vitest';
import { htmlDocument } from './html-document';
import { parseJsonLd } from './json-ld';
import { microdataItem } from './microdata';

// extruct's samples, read in place beside the repository (never copied into it).
const root = join(import.meta.dirname, '../../../shared/corpora/extruct');
const present = existsSync(join(root, 'EXPECTED.json'));
type Case = {
  id: string;
  syntax: string;
  input: string;
  expected: string;
  options?: {
    base_url?: string;
    strict?: boolean;
    nested?: boolean;
    add_text_content?: boolean;
    return_html_node?: boolean;
  };
};
const cases: Case[] = present ? JSON.parse(readFileSync(join(root, 'EXPECTED.json'), 'utf8')).cases : [];
const results: Record<string, boolean[]> = { 'json-ld': [], microdata: [] };

/** extruct's microdata shape: `{ type, properties }`, single values unwrapped, whitespace collapsed. */
function extructShape(node: Record<string, unknown>, strict: boolean): unknown {
  const types = node['@type'] as string[];
  const properties: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(node)) {
    if (k.startsWith('@')) continue;
    const list = (v as unknown[]).map((x) =>
      typeof x === 'object' && x
        ? extructShape(x as Record<string, unknown>, strict)
        : sameUrl(String(x).replace(/\s+/g, ' ').trim()),
    );
    // extruct's strict mode (the W3C algorithm) keeps every value a list; otherwise a single value is unwrapped.
    properties[k] = list.length === 1 && !strict ? list[0] : list;
  }
  const out: Record<string, unknown> = { properties };
  if (types.length > 0) out.type = types.length === 1 && !strict ? types[0] : types;
  if (node['@id']) out.id = node['@id'];
  return out;
}
/** `http://a.com` and `http://a.com/` are the same URL. */
const sameUrl = (text: string) => (/^https?:\/\/[^/\s]+$/.test(text) ? `${text}/` : text);
const collapse = (v: unknown): unknown =>
  typeof v === 'string'
    ? sameUrl(v.replace(/\s+/g, ' ').trim())
    : Array.isArray(v)
      ? v.map(collapse)
      : v && typeof v === 'object'
        ? Object.fromEntries(Object.entries(v).map(([k, x]) => [k, collapse(x)]))
        : v;

describe.skipIf(!present)(`extruct JSON-LD and microdata (corpus at ${root}; skipped when absent)`, () => {
  test.each(cases.filter((c) => c.syntax === 'json-ld').map((c) => [c.id, c] as const))('%s', (_, c) => {
    const doc = htmlDocument(readFileSync(join(root, c.input), 'utf8'));
    const blocks = Array.from(doc.querySelectorAll('script'))
      .filter((s) => (s.getAttribute('type') ?? '').toLowerCase().startsWith('application/ld+json'))
      .map((s) => parseJsonLd(s.textContent ?? ''))
      .filter((x) => x !== undefined)
      // extruct lists a block holding an array as its elements.
      .flatMap((x) => (Array.isArray(x) ? x : [x]));
    const expected = JSON.parse(readFileSync(join(root, c.expected), 'utf8'));
    const ok = isDeepStrictEqual(blocks, expected);
    results['json-ld']!.push(ok);
    expect(blocks).toEqual(expected);
  });

  // Plain nested microdata only: extruct's flat/with-text/html-node variants are output options, not parsing.
  const plain = cases.filter(
    (c) =>
      c.syntax === 'microdata' &&
      c.options?.nested !== false &&
      !c.options?.add_text_content &&
      !c.options?.return_html_node,
  );
  test.each(plain.map((c) => [c.id, c] as const))('%s', (_, c) => {
    const doc = htmlDocument(readFileSync(join(root, c.input), 'utf8'));
    const base = c.options?.base_url ?? 'http://example.com/';
    const items = Array.from(doc.querySelectorAll('[itemscope]'))
      .filter((el) => !el.hasAttribute('itemprop'))
      .map((el) =>
        extructShape(microdataItem(el, doc, base, new Set()) as Record<string, unknown>, !!c.options?.strict),
      );
    const ok = isDeepStrictEqual(items, collapse(JSON.parse(readFileSync(join(root, c.expected), 'utf8'))));
    results.microdata!.push(ok);
    if (!ok && process.env.LEADCARD_CORPUS_DIFF)
      console.log(
        c.id,
        JSON.stringify(items).slice(0, 600),
        '\n  vs',
        JSON.stringify(collapse(JSON.parse(readFileSync(join(root, c.expected), 'utf8')))).slice(0, 600),
      );
  });

  afterAll(() => {
    for (const [k, list] of Object.entries(results))
      console.log(`extruct ${k}: ${list.filter(Boolean).length}/${list.length} cases match exactly`);
    // Measured 13/22: the rest differ in extruct's output options (unresolved relative URLs without a base, the
    // `value` of items with an itemid, item order across itemref), not in what a lead needs. Guard the floor.
    expect(results.microdata!.filter(Boolean).length).toBeGreaterThanOrEqual(13);
  });
});

test.runIf(!present)(`extruct corpus NOT RUN: ${root} is absent`, () => {
  expect(present).toBe(false);
});

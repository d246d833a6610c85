import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { htmlDocument } from './html-document';
import { type Mf2Item, type Mf2Value, parseMicroformats } from './microformats';

// Third-party corpora are read in place beside the repository, never copied into it.
const corpora = join(import.meta.dirname, '../../../shared/corpora');
const suites = [
  {
    root: join(corpora, 'microformats-tests/tests'),
    dirs: [
      'microformats-v1/hcard',
      'microformats-v1/adr',
      'microformats-v1/includes',
      'microformats-v1/hresume',
      'microformats-v2/h-card',
      'microformats-v2/h-adr',
      'microformats-v2/h-resume',
      'microformats-mixed/h-card',
    ],
  },
  { root: join(corpora, 'microformats-parser/test/suites'), dirs: ['local', 'experimental'] },
];
const present = existsSync(corpora);

/** The lead fields of DESIGN §9 as the corpus spells them (mf2 property names). */
const FIELDS = ['name', 'org', 'job-title', 'role', 'email', 'tel', 'adr', 'url'];

/** `https://example.com` and `https://example.com/` are the same URL: compare them as one. */
function sameUrl(text: string): string {
  return /^https?:\/\/[^/\s]+$/.test(text) ? `${text}/` : text;
}

/** Every h-card anywhere in the items (top level, property values, children), as field → text values. */
function leadView(items: Mf2Item[]): Array<Record<string, string[]>> {
  const out: Array<Record<string, string[]>> = [];
  const text = (v: Mf2Value): string => {
    if (typeof v === 'string') return sameUrl(v.replace(/\s+/g, ' ').trim());
    if ('type' in v && Array.isArray(v.type)) {
      const parts = ['street-address', 'extended-address', 'locality', 'region', 'postal-code', 'country-name']
        .map((k) => v.properties[k]?.[0])
        .filter((x): x is Mf2Value => x !== undefined)
        .map(text);
      return (v.value ?? '').replace(/\s+/g, ' ').trim() || parts.join(', ');
    }
    return String(v.value ?? '')
      .replace(/\s+/g, ' ')
      .trim();
  };
  const visit = (item: Mf2Item) => {
    if (item.type.includes('h-card')) {
      const view: Record<string, string[]> = {};
      for (const f of FIELDS) if (item.properties[f]) view[f] = item.properties[f]!.map(text);
      out.push(view);
    }
    for (const list of Object.values(item.properties))
      for (const v of list) if (typeof v === 'object' && 'type' in v && Array.isArray(v.type)) visit(v as Mf2Item);
    for (const c of item.children ?? []) visit(c);
  };
  for (const i of items) visit(i);
  return out;
}

const cases = present
  ? suites.flatMap(({ root, dirs }) =>
      dirs
        .filter((d) => existsSync(join(root, d)))
        .flatMap((d) =>
          readdirSync(join(root, d))
            .filter((f) => f.endsWith('.html') && existsSync(join(root, d, f.replace(/\.html$/, '.json'))))
            .map((f) => ({
              id: `${d}/${f}`,
              html: join(root, d, f),
              json: join(root, d, f.replace(/\.html$/, '.json')),
            })),
        ),
    )
  : [];

// Cases we chose not to support, with the reason (reported, not hidden).
const unsupported: Record<string, string> = {
  'microformats-v1/hcard/email.html':
    'mf2 resolves a u-email written as plain text against the base URL (http://example.com/john@example.com); a lead needs the address itself',
  'experimental/metaformats-og-profile-linkedin.html':
    'metaformats (an h-card built from OpenGraph tags) are not part of the h-card reader; meta.ts reads og:site_name for the organisation',
};

const results: Array<{ id: string; ok: boolean; concernsCards: boolean }> = [];

describe.skipIf(!present)(`microformats h-card conformance (corpus at ${corpora}; skipped when absent)`, () => {
  test.each(cases.map((c) => [c.id, c] as const))('%s', (_, c) => {
    const expected = leadView(JSON.parse(readFileSync(c.json, 'utf8')).items ?? []);
    const actual = leadView(parseMicroformats(htmlDocument(readFileSync(c.html, 'utf8')), 'http://example.com'));
    const ok = JSON.stringify(actual) === JSON.stringify(expected);
    results.push({ id: c.id, ok, concernsCards: expected.some((v) => Object.keys(v).length > 0) });
    if (!(c.id in unsupported)) expect(actual).toEqual(expected);
  });

  afterAll(() => {
    const cards = results.filter((r) => r.concernsCards);
    const rate = (list: typeof results) => `${list.filter((r) => r.ok).length}/${list.length}`;
    console.log(`h-card corpus: ${rate(results)} cases pass; on cases with contact fields ${rate(cards)}`);
    // Measured 24/26 with the two documented exceptions; a regression below that fails here.
    expect(cards.filter((r) => r.ok).length / cards.length).toBeGreaterThanOrEqual(0.9);
  });
});

test.runIf(!present)(`microformats corpora NOT RUN: ${corpora} is absent`, () => {
  expect(present).toBe(false);
});

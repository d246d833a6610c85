import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import { normaliseEmail } from './email';

// Third-party corpus, read in place beside the repository (../shared/corpora/README.md), never copied in.
const CORPUS = fileURLToPath(new URL('../../../shared/corpora/postal-mime/EXPECTED.json', import.meta.url));
const exists = existsSync(CORPUS);

type Check = { path: string; equals?: unknown };
type AddressCase = { id: string; input: string; checks: Check[] };

/**
 * postal-mime's addressParser cases whose header value gives exactly one result: `normaliseEmail` must find the
 * address (or none where postal-mime finds none).
 * Left out, because they are another module's job or not an address a card should hold:
 */
const OUT_OF_SCOPE: Readonly<Record<string, string>> = {
  'addressParser - address with multiple @ symbols': 'user@host@example.com is not an address; rejecting it is right',
  'addressParser - address with IP domain': 'a domain literal names no company',
  'addressParser - email extraction from text without angle brackets': 'finding addresses in prose is capture',
  'addressParser - RFC 2047 encoded full address with angle brackets should work (base64)':
    'encoded words are decoded by the mail parser before normalising',
};

function singleAddressCases(): Array<[string, string, string | null]> {
  const corpus = JSON.parse(readFileSync(CORPUS, 'utf8')) as { address_cases: AddressCase[] };
  return corpus.address_cases.flatMap((item) => {
    const count = item.checks.find((check) => check.path === 'result.length')?.equals;
    const address = item.checks.find((check) => check.path === 'result[0].address')?.equals;
    if (count !== 1 || typeof address !== 'string' || item.id in OUT_OF_SCOPE) return [];
    // An empty address is postal-mime's way of saying the value holds none: null here.
    return [[item.id, item.input, address === '' ? null : address.toLowerCase()]];
  });
}

describe.skipIf(!exists)('normaliseEmail on the postal-mime address corpus (../shared/corpora/postal-mime)', () => {
  const cases = exists ? singleAddressCases() : [];

  test('the corpus still has the single-address cases this suite reads', () => {
    expect(cases.length).toBeGreaterThanOrEqual(25);
  });

  test.each(cases)('%s: %j → %s', (_id, input, expected) => {
    expect(normaliseEmail(input)).toBe(expected);
  });
});

test.skipIf(exists)(`corpus missing: ${CORPUS} not found, the postal-mime address suite did not run`, () => {
  expect(exists).toBe(false);
});

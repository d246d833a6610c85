import { describe, expect, test } from 'vitest';
import { corpus, type FragmentCase, fragmentCaseFailure, fragmentCaseInput, passRate } from './corpus';

/**
 * github/email_reply_parser: reply / quote / signature fragments, and two ReDoS guards (pathological.txt, the
 * 767 KB long quote) that must complete: every pattern in the splitter runs on one bounded line, so they do.
 */
const erp = corpus('email_reply_parser');

const knownDifferences: Record<string, string> = {};

describe.skipIf(!erp.exists)(erp.title, () => {
  const cases = erp.exists ? erp.expected<{ cases: (FragmentCase & { max_seconds?: number })[] }>().cases : [];
  const rate = passRate('email_reply_parser');

  test.each(cases.map((c) => [c.id, c] as const))('%s', (id, c) => {
    const input = fragmentCaseInput(c, erp.text);
    const started = performance.now();
    const failure = fragmentCaseFailure(c, input);
    // ReDoS guards: reported, not asserted (tests never assert timings); completing at all is the test.
    if (c.max_seconds)
      console.log(`${id}: ${input.length} chars split in ${(performance.now() - started).toFixed(1)} ms`);
    const ok = rate.check(id, failure === null);
    if (id in knownDifferences) expect(ok, knownDifferences[id]).toBe(false);
    else expect(failure).toBeNull();
  });
});

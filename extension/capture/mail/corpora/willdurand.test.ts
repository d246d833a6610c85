import { describe, expect, test } from 'vitest';
import { corpus, type FragmentCase, fragmentCaseFailure, fragmentCaseInput, passRate } from './corpus';

/**
 * willdurand/EmailReplyParser: quote headers in twelve languages (Outlook zh-CN 发件人/发送时间/收件人/主题,
 * Apple Mail 在 … 写道：), From:/De:/Van:/Da: variants and signature delimiters.
 */
const wd = corpus('willdurand-EmailReplyParser');

const knownDifferences: Record<string, string> = {};

describe.skipIf(!wd.exists)(wd.title, () => {
  const cases = wd.exists ? wd.expected<{ cases: (FragmentCase & { max_seconds?: number })[] }>().cases : [];
  const rate = passRate('willdurand-EmailReplyParser');

  test.each(cases.map((c) => [c.id, c] as const))('%s', (id, c) => {
    const input = fragmentCaseInput(c, wd.text);
    const failure = fragmentCaseFailure(c, input);
    const ok = rate.check(id, failure === null);
    if (id in knownDifferences) expect(ok, knownDifferences[id]).toBe(false);
    else expect(failure).toBeNull();
  });
});

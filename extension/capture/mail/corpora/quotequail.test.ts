import { describe, expect, test } from 'vitest';
import { textFromHtml } from '../html-text';
import type { EmbeddedHeader } from '../reply-text';
import { replyText } from '../reply-text';
import { corpus, passRate, withoutWhitespace } from './corpus';

/**
 * closeio/quotequail: the header fields of a forwarded or quoted message as written (from, to, cc, subject, date,
 * reply-to), and the sender's own text above it (text_top / html_top), in plain text and HTML. `quote` cases give
 * the split as new / not-new parts; the portable reading is that the new parts, without the intro line, are the
 * sender's text.
 */
const qq = corpus('quotequail');

type Fields = Partial<Record<'from' | 'to' | 'cc' | 'subject' | 'date' | 'reply-to', string>>;
interface Case {
  id: string;
  label?: string | null;
  kind: 'unwrap_text' | 'unwrap_html' | 'quote_text' | 'quote_html';
  input?: string;
  input_inline?: string;
  expected?:
    | (Fields & { type?: string; text_top?: string; text_bottom?: string; html_top?: string; html_bottom?: string })
    | { new: boolean; text: string }[]
    | null;
  expected_subset?: Fields & { type?: string };
  expected_quote_intro_line?: { new: boolean; text: string }[];
  expected_html_top_file?: string;
}

const fieldKeys = {
  from: 'from',
  to: 'to',
  cc: 'cc',
  subject: 'subject',
  date: 'date',
  'reply-to': 'replyTo',
} as const;

const knownDifferences: Record<string, string> = {
  'test_unwrap@test_unwrap.py:283': 'a Subject: wrapped onto a second line is read up to the line end',
};

function failure(c: Case, read: (path: string) => string): string | null {
  const html = c.kind.endsWith('html');
  const raw = c.input !== undefined ? read(c.input) : (c.input_inline ?? '');
  const split = replyText(html ? textFromHtml(raw) : raw);
  const same = (a: string, b: string) => (html ? withoutWhitespace(a) === withoutWhitespace(b) : a.trim() === b.trim());

  if (c.kind.startsWith('quote')) {
    const parts = c.expected_quote_intro_line ?? [];
    const own = parts
      .filter((p) => p.new)
      .map((p) => (html ? textFromHtml(p.text) : p.text))
      .join('\n');
    return same(split.text, own) ? null : `own text ${JSON.stringify(split.text)}, expected ${JSON.stringify(own)}`;
  }
  const expected = (c.expected_subset ?? c.expected) as
    | (Fields & { type?: string; text_top?: string; text_bottom?: string; html_top?: string; html_bottom?: string })
    | null;
  if (expected === null)
    return split.embedded === null ? null : `expected nothing to unwrap, found ${JSON.stringify(split.embedded)}`;
  const top = expected.text_top ?? (expected.html_top !== undefined ? textFromHtml(expected.html_top) : undefined);
  const topFile = c.expected_html_top_file ? textFromHtml(read(c.expected_html_top_file)) : undefined;
  // Text below the quote (text_bottom) is the sender's too: Leadcard's own text is top and bottom together.
  const bottom = expected.text_bottom ?? (expected.html_bottom !== undefined ? textFromHtml(expected.html_bottom) : '');
  const wantTop = [top ?? topFile ?? (c.expected_subset ? undefined : ''), bottom]
    .filter((s) => s !== undefined)
    .join('\n\n');
  if (
    (top ?? topFile ?? !c.expected_subset) &&
    !same(split.text, wantTop) &&
    withoutWhitespace(split.text) !== withoutWhitespace(wantTop)
  ) {
    return `own text ${JSON.stringify(split.text)}, expected ${JSON.stringify(wantTop)}`;
  }
  if (expected.type === 'forward') {
    for (const [key, mine] of Object.entries(fieldKeys) as [keyof Fields, keyof EmbeddedHeader][]) {
      const want = expected[key];
      if (want !== undefined && split.embedded?.[mine]?.trim() !== want.trim()) {
        return `${key}: expected ${JSON.stringify(want)}, got ${JSON.stringify(split.embedded?.[mine])}`;
      }
    }
  }
  return null;
}

describe.skipIf(!qq.exists)(qq.title, () => {
  const cases = qq.exists ? qq.expected<{ cases: Case[] }>().cases : [];
  const rate = passRate('quotequail');

  test.each(cases.map((c) => [`${c.id}${c.label ? ` (${c.label})` : ''}`, c] as const))('%s', (_title, c) => {
    const why = failure(c, qq.text);
    const ok = rate.check(c.id, why === null);
    if (c.id in knownDifferences) expect(ok, knownDifferences[c.id]).toBe(false);
    else expect(why).toBeNull();
  });
});

import PostalMime from 'postal-mime';
import { describe, expect, test } from 'vitest';
import { textFromHtml } from '../html-text';
import { replyText } from '../reply-text';
import { signatureBlock } from '../signature-block';
import { corpus, passRate, withoutWhitespace } from './corpus';

/**
 * mailgun/talon: quoted-reply removal from real clients' plain and HTML replies, and the signature block.
 * talon keeps "Sent from my iPhone" and `-- ` signatures in the reply (its signature step is separate), so the
 * reply is compared with `replyText` (quotes removed, signature kept); signatures with `signatureBlock`.
 */
const talon = corpus('talon');

interface Case {
  id: string;
  kind: 'plain_reply' | 'html_reply' | 'signature' | 'plain_reply_inline';
  input?: string;
  input_inline?: string;
  input_part?: string;
  sender_file?: string;
  expected?: string | { non_empty: boolean; not_contains: string[] };
  expected_reply_stripped?: string;
  expected_reply_text_ignoring_whitespace?: string;
  expected_html_ignoring_whitespace?: string;
  expected_signature_file?: string;
}

/** Cases where talon's answer is particular to talon, with the reason. They must keep failing (test.fails). */
const knownDifferences: Record<string, string> = {
  test_too_many_lines:
    "talon's MAX_LINES_COUNT was patched to 1 in the reference test; a real splitter reads the whole message",
  'test_standard_replies:thunderbird.eml':
    'format=flowed: postal-mime joins the quoted line "> Hi " with the unquoted "Hello" below it (RFC 3676 §4.5 ends a paragraph where the quote depth changes); talon reads the raw part',
  test_reply_separated_by_hr:
    'talon drops the whole <div> that holds the <hr>, so "Bob" above the rule goes too; the text splitter keeps it',
  test_pattern_on_date_polymail:
    'Polymail wraps the attribution over five lines with a blank line and a "> wrote:" line; past the three-line window',
  test_quotation_marker_false_positive:
    'a ">>> >>> link <<<" banner line reads as a quote; talon special-cases lines that are only arrows around a link',
  test_from_block_starts_with_date:
    "a Date:/To: pair without From: is not taken as a quoted header block (it is as likely a form in the sender's own text)",
  test_dont_parse_quotations_for_forwarded_messages:
    "talon keeps a forwarded message when the mail is only a forward; Leadcard's body never contains a forwarded block (DESIGN §9)",
};

describe.skipIf(!talon.exists)(talon.title, () => {
  const { cases = [], inline_cases = [] } = talon.exists
    ? talon.expected<{ cases: Case[]; inline_cases: Case[] }>()
    : { cases: [], inline_cases: [] };
  const rate = passRate('talon');

  const run = async (c: Case): Promise<boolean> => {
    switch (c.kind) {
      case 'plain_reply': {
        if (typeof c.expected === 'object') {
          const text = replyText(talon.text(c.input!)).text;
          return text.trim().length > 0 && c.expected.not_contains.every((s) => !text.includes(s));
        }
        const mail = await PostalMime.parse(talon.bytes(c.input!));
        return replyText(mail.text ?? '').text.trim() === c.expected_reply_stripped!.trim();
      }
      case 'html_reply': {
        const mine = withoutWhitespace(replyText(textFromHtml(talon.text(c.input!))).text);
        const want = c.expected_reply_text_ignoring_whitespace ?? textFromHtml(c.expected_html_ignoring_whitespace!);
        return mine === withoutWhitespace(want);
      }
      case 'signature': {
        const sender = talon.text(c.sender_file!).trim();
        const { signature } = signatureBlock(talon.text(c.input!).trim(), { senderName: sender });
        return (signature ?? '').trim() === talon.text(c.expected_signature_file!).trim();
      }
      case 'plain_reply_inline':
        return replyText(c.input_inline!).text === c.expected;
    }
  };

  test.each([...cases, ...inline_cases].map((c) => [c.id, c] as const))('%s', async (id, c) => {
    const ok = rate.check(id, await run(c));
    if (id in knownDifferences) expect(ok, knownDifferences[id]).toBe(false);
    else expect(ok).toBe(true);
  });
});

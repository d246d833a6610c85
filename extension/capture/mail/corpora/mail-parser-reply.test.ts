import { describe, expect, test } from 'vitest';
import { replyText } from '../reply-text';
import { signatureBlock } from '../signature-block';
import { isDeviceTagline } from '../signature-lines';
import { corpus, passRate } from './corpus';

/**
 * alfonsrv/mail-parser-reply: a thread split into replies, each with headers, body and signatures (sign-offs such as
 * "Pozdrawiam,\nJan", "Med venlig hilsen\nAnders Andersen", "/John", "Sent from my …"). Leadcard keeps only the newest
 * reply, so the portable reading is: reply 0's body and signatures are Leadcard's body and signature (plus the
 * device tagline it drops); anything asserted of an older reply must not be in Leadcard's body.
 */
const mpr = corpus('mail-parser-reply');

interface Assertion {
  reply: number;
  field: 'content' | 'headers' | 'body' | 'signatures';
  equals?: string;
  contains?: string;
  not_contains?: string;
  startswith?: string;
}
interface Case {
  id: string;
  input: string;
  replies?: Assertion[];
  options?: Record<string, unknown>;
}

const knownDifferences: Record<string, string> = {
  test_keep_hyphen_lists:
    'needs the keep_hyphen_lists option of the reference parser (a "-Name" line read as a list item); Leadcard reads it as a sign-off',
  test_gmail_header:
    'the reference body keeps the "------------------------------" rule above the quoted header; Leadcard drops the rule with the header',
  test_dutch_gmail_header: 'the same rule line above the quoted header, kept by the reference parser',
  test_pl_simple_body:
    "the mail opens with an Od:/Wysłano:/Temat: header block: Leadcard reads that as a forward without comment (empty body, the text below is not the sender's)",
  test_pl_simple_signature: 'the same Od:/Wysłano:/Temat: block at the very top',
  test_header_begins_w_signature:
    'the fixture is raw quoted-printable ("w=\\nrote:", "=E2=80=AF"); undecoded, the attribution is not a line of its own (.eml parsing decodes QP before splitting)',
};

function failure(c: Case, text: string): string | null {
  const own = replyText(text);
  const { body, signature } = signatureBlock(own.text);
  const taglines = own.text.split('\n').filter(isDeviceTagline);
  const signatures = [signature, ...taglines].filter(Boolean).join('\n');
  for (const a of c.replies ?? []) {
    if (a.reply > 0) {
      const older = a.contains ?? a.equals;
      if (older && older.trim().length >= 8 && body.includes(older.trim())) {
        return `reply ${a.reply} text ${JSON.stringify(older)} is in the body`;
      }
      continue;
    }
    const value =
      a.field === 'signatures' ? signatures : a.field === 'body' ? body : a.field === 'content' ? own.text : null;
    if (value === null) continue;
    const v = value.trim();
    if (a.equals !== undefined && v !== a.equals.trim())
      return `${a.field} should be ${JSON.stringify(a.equals)}, got ${JSON.stringify(v)}`;
    if (a.contains !== undefined && !v.includes(a.contains))
      return `${a.field} should contain ${JSON.stringify(a.contains)}, got ${JSON.stringify(v)}`;
    if (a.not_contains !== undefined && v.includes(a.not_contains))
      return `${a.field} should not contain ${JSON.stringify(a.not_contains)}`;
    if (a.startswith !== undefined && !v.startsWith(a.startswith))
      return `${a.field} should start with ${JSON.stringify(a.startswith)}, got ${JSON.stringify(v)}`;
  }
  return null;
}

describe.skipIf(!mpr.exists)(mpr.title, () => {
  // Cases that assert only the reference parser's reply counts have nothing portable to check.
  const cases = mpr.exists ? mpr.expected<{ cases: Case[] }>().cases.filter((c) => c.replies?.length) : [];
  const rate = passRate('mail-parser-reply');

  test.each(cases.map((c) => [c.id, c] as const))('%s', (id, c) => {
    const why = failure(c, mpr.text(c.input));
    const ok = rate.check(id, why === null);
    if (id in knownDifferences) expect(ok, knownDifferences[id]).toBe(false);
    else expect(why).toBeNull();
  });
});

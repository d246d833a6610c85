import { readdirSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { describe, expect, test } from 'vitest';
import { MailError } from '../mail-error';
import { parseEmail, readMail } from '../parsed-email';
import { corpus, passRate } from './corpus';

/**
 * MIME decoding through Leadcard's reader (postal-mime with GB-family labels read as GB18030, windows-1252
 * punctuation repaired and undeclared 8-bit text re-detected): postal-mime's charset-label cases and messages,
 * mailparser's inline and fixture messages (the gb2312-labelled GBK name 游采樺), enmime's malformed real-world mail
 * (every file must come out as a result or a MailError, never a crash) and its two charset-detection parts.
 */
const postal = corpus('postal-mime');
const mailparser = corpus('mailparser');
const enmime = corpus('enmime');

const utf8 = (s: string) => new TextEncoder().encode(s);
const hex = (h: string) => new Uint8Array(h.match(/../g)!.map((b) => Number.parseInt(b, 16)));
const trimmed = (s: string | null | undefined) => (s ?? '').trim();

describe.skipIf(!postal.exists)(postal.title, () => {
  const rate = passRate('postal-mime');
  interface LabelCase {
    id: string;
    labels: string[];
    bytes_hex: string;
    expected: string;
  }
  interface MessageCase {
    id: string;
    input?: string;
    raw?: string;
    raw_base64?: string;
    options?: unknown;
    expected: Record<string, unknown>;
  }
  const data = postal.exists
    ? postal.expected<{ charset_label_cases: LabelCase[]; message_cases: MessageCase[] }>()
    : { charset_label_cases: [], message_cases: [] };

  const labelRows = data.charset_label_cases.flatMap((c) => c.labels.map((label) => [c.id, label, c] as const));
  test.each(labelRows)('%s: charset=%s', async (id, label, c) => {
    const head = utf8(`From: a@example.com\r\nContent-Type: text/plain; charset=${label}\r\n\r\n`);
    const { text } = await readMail(new Uint8Array([...head, ...hex(c.bytes_hex)]));
    rate.check(`${id} ${label}`, text.trim() === c.expected);
    expect(text.trim()).toBe(c.expected);
  });

  // Only the fields Leadcard reads (text, subject, to); attachment counts and HTML are postal-mime's own business.
  const messages = data.message_cases.filter(
    (c) => !c.options && Object.keys(c.expected).some((k) => /^(text|subject|to)\b/.test(k)),
  );
  test.each(messages.map((c) => [c.id, c] as const))('%s', async (id, c) => {
    const raw = c.input
      ? postal.bytes(c.input)
      : c.raw_base64
        ? Uint8Array.from(atob(c.raw_base64), (ch) => ch.charCodeAt(0))
        : utf8(c.raw ?? '');
    let failure: string | null = null;
    try {
      const { mail } = await readMail(raw);
      for (const [key, want] of Object.entries(c.expected)) {
        const field = key.replace(/ \(.*\)$/, '');
        if (field === 'text' || field === 'subject') {
          const got = field === 'text' ? mail.text : mail.subject;
          const same = key.includes('trimmed') ? trimmed(got) === trimmed(want as string) : got === want;
          if (!same) failure = `${key}: ${JSON.stringify(got)} ≠ ${JSON.stringify(want)}`;
        } else if (field === 'to') {
          if (JSON.stringify(mail.to) !== JSON.stringify(want)) failure = `to: ${JSON.stringify(mail.to)}`;
        }
      }
    } catch (error) {
      failure = `rejected: ${(error as Error).message}`;
    }
    rate.check(id, failure === null);
    expect(failure).toBeNull();
  });
});

describe.skipIf(!mailparser.exists)(mailparser.title, () => {
  const rate = passRate('mailparser');
  interface InlineCase {
    id: string;
    raw: string;
    expected: Record<string, unknown>;
  }
  const cases = mailparser.exists ? mailparser.expected<{ inline_cases: InlineCase[] }>().inline_cases : [];
  // Fields of the parse-email contract: text (before splitting), subject, from/to addresses, date.
  const portable = cases.filter((c) =>
    Object.keys(c.expected).some((k) => /^(text|html|subject|from\.value|to\.value|date)/.test(k)),
  );
  const knownDifferences: Record<string, string> = {
    'Punycode Address': 'addresses are kept as written (xn--…); mailparser converts punycode to Unicode',
  };

  test.each(portable.map((c) => [c.id, c] as const))('%s', async (id, c) => {
    let failure: string | null = null;
    try {
      const { mail, text } = await readMail(utf8(c.raw));
      const parsed = await parseEmail(utf8(c.raw));
      for (const [key, want] of Object.entries(c.expected)) {
        let got: unknown;
        if (key === 'text' || key === 'html') got = text.replace(/\r\n/g, '\n').replace(/\n+$/, '');
        else if (key === 'subject') got = parsed.subject;
        else if (key === 'from.value') got = parsed.from ? [parsed.from] : [];
        else if (key === 'to.value') got = parsed.to;
        else if (key === 'from.value[0].address') got = parsed.from?.address;
        else if (key === 'to.value[0].address') got = parsed.to[0]?.address;
        else if (key === 'date (ISO string)') got = parsed.date;
        else continue;
        const wanted = typeof want === 'string' && (key === 'text' || key === 'html') ? want.replace(/\n+$/, '') : want;
        if (!isDeepStrictEqual(got, wanted)) failure = `${key}: ${JSON.stringify(got)} ≠ ${JSON.stringify(wanted)}`;
      }
      void mail;
    } catch (error) {
      failure = `rejected: ${(error as Error).message}`;
    }
    const ok = rate.check(id, failure === null);
    if (id in knownDifferences) expect(ok, knownDifferences[id]).toBe(false);
    else expect(failure).toBeNull();
  });
});

describe.skipIf(!enmime.exists)(enmime.title, () => {
  const rate = passRate('enmime');
  const files = (dir: string): string[] =>
    readdirSync(dir).flatMap((name) => {
      const path = resolve(dir, name);
      return statSync(path).isDirectory() ? files(path) : name.endsWith('.raw') ? [path] : [];
    });
  const all = enmime.exists ? files(resolve(enmime.dir, 'testdata')).map((p) => p.slice(enmime.dir.length + 1)) : [];

  test.each(all)('%s gives a result or a MailError, never a crash', async (path) => {
    let outcome: 'parsed' | 'refused';
    try {
      await parseEmail(enmime.bytes(path));
      outcome = 'parsed';
    } catch (error) {
      if (!(error instanceof MailError)) throw error;
      outcome = 'refused';
    }
    rate.check(path, true);
    expect(['parsed', 'refused']).toContain(outcome);
  });

  test.each([
    ['testdata/parts/chardet-success-big-5.raw', /\p{Script=Han}{4}/u, 'Big5 text in a part labelled us-ascii'],
    ['testdata/parts/chardet-success-iso-8859-1.raw', /Drachenköpfe/, 'ISO-8859-1 text in a part labelled us-ascii'],
  ])('%s: %s', async (path, pattern) => {
    const { text } = await readMail(enmime.bytes(path));
    rate.check(`detect ${path}`, pattern.test(text));
    expect(text).toMatch(pattern);
  });
});

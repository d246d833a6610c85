import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { parseEmail } from './parsed-email';

/**
 * Round trip: Chinese text encoded in each charset Chinese mail uses, under each transfer encoding and under the
 * labels clients write, parses back to the same text, in the body and in an RFC 2047 subject.
 */

// Node has encoders for UTF-8 only: build the legacy ones by reading their decoders' two-byte tables.
function encoderFor(label: string): (text: string) => Uint8Array {
  const decoder = new TextDecoder(label);
  const table = new Map<string, [number, number]>();
  for (let lead = 0x81; lead <= 0xfe; lead++) {
    for (let trail = 0x40; trail <= 0xfe; trail++) {
      if (trail === 0x7f) continue;
      const c = decoder.decode(new Uint8Array([lead, trail]));
      if (c.length === 1 && c !== '\ufffd' && !table.has(c)) table.set(c, [lead, trail]);
    }
  }
  return (text) => {
    const out: number[] = [];
    for (const c of text) {
      const code = c.charCodeAt(0);
      if (code < 0x80) out.push(code);
      else out.push(...table.get(c)!);
    }
    return new Uint8Array(out);
  };
}

const charsets = {
  gbk: encoderFor('gbk'),
  big5: encoderFor('big5'),
  'utf-8': (text: string) => new TextEncoder().encode(text),
};
// Labels a client may write for each byte encoding (gb2312 with GBK bytes is common in the wild).
const labels: Record<keyof typeof charsets, string[]> = {
  gbk: ['gb2312', 'GBK', 'gb18030', 'x-gbk', 'cp936'],
  big5: ['big5', 'Big5', 'x-big5', 'cp950'],
  'utf-8': ['utf-8', 'UTF-8', 'utf8'],
};

// Characters every one of the three charsets can write (traditional and simplified common to GBK and Big5).
const han = [
  ...'的一是不在人有我他中大和地到以可也你生能而子那得下自之年作道行所然家事成方多去法如同天分好小部其主理心本日月明公司',
];
const text = fc
  .array(fc.oneof(fc.constantFrom(...han), fc.constantFrom('，', 'ABC', '123', ' ')), { minLength: 2, maxLength: 60 })
  .map((parts) => parts.join('').trim())
  .filter((s) => s.length > 0);

const ascii = (s: string) => new TextEncoder().encode(s);
const base64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64');
const quotedPrintable = (bytes: Uint8Array) =>
  [...bytes]
    .map((b) =>
      b >= 0x21 && b <= 0x7e && b !== 0x3d
        ? String.fromCharCode(b)
        : `=${b.toString(16).toUpperCase().padStart(2, '0')}`,
    )
    .join('')
    .replace(/(.{72})/g, '$1=\r\n');

describe('charset round trip', () => {
  test('body and subject come back as written, whatever the charset, label and transfer encoding', async () => {
    await fc.assert(
      fc.asyncProperty(
        text,
        text,
        fc.constantFrom(...(Object.keys(charsets) as (keyof typeof charsets)[])),
        fc.nat(),
        fc.constantFrom('base64', 'quoted-printable', '8bit'),
        async (body, subject, charset, pick, transfer) => {
          const label = labels[charset][pick % labels[charset].length]!;
          const bytes = charsets[charset](body);
          const encodedBody =
            transfer === 'base64'
              ? ascii(base64(bytes))
              : transfer === 'quoted-printable'
                ? ascii(quotedPrintable(bytes))
                : bytes;
          const head = ascii(
            [
              'From: sender@example.cn',
              `Subject: =?${label}?B?${base64(charsets[charset](subject))}?=`,
              `Content-Type: text/plain; charset="${label}"`,
              `Content-Transfer-Encoding: ${transfer}`,
              '',
              '',
            ].join('\r\n'),
          );
          const parsed = await parseEmail(new Uint8Array([...head, ...encodedBody]));
          expect(parsed.subject).toBe(subject);
          expect(parsed.body).toBe(body);
        },
      ),
      { numRuns: 150 },
    );
  });
});

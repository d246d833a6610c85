import fc from 'fast-check';
import PostalMime from 'postal-mime';
import { describe, expect, test } from 'vitest';
import { withDecodableLabels } from './charset-labels';

const ascii = (s: string) => new TextEncoder().encode(s);
const text = (b: Uint8Array) => new TextDecoder('latin1').decode(b);

describe('withDecodableLabels', () => {
  test.each([
    ['Content-Type: text/plain; charset=gb2312', 'Content-Type: text/plain; charset=gb18030'],
    ['Content-Type: text/plain; charset="GBK"', 'Content-Type: text/plain; charset="gb18030"'],
    ['Content-Type: text/html;\r\n\tcharset = cp936\r\n', 'Content-Type: text/html;\r\n\tcharset = gb18030\r\n'],
    ['Subject: =?gb2312?B?086yyZjl?=', 'Subject: =?gb18030?B?086yyZjl?='],
    ['Subject: =?x-gbk*zh?Q?=D6=D0?=', 'Subject: =?gb18030*zh?Q?=D6=D0?='],
    ['Content-Type: text/plain; charset=gb2312x', 'Content-Type: text/plain; charset=gb2312x'],
    ['Content-Type: text/plain; charset=big5', 'Content-Type: text/plain; charset=big5'],
    ['Content-Type: text/plain; charset=utf-8', 'Content-Type: text/plain; charset=utf-8'],
    ['Content-Type: text/html; charset=iso-UTF-8', 'Content-Type: text/html; charset=utf-8'],
    ['Content-Type: text/html; charset="utf8mb4"', 'Content-Type: text/html; charset="utf-8"'],
    ['Content-Type: text/html; charset=UTF8', 'Content-Type: text/html; charset=UTF8'],
  ])('%j → %j', (input, expected) => {
    expect(text(withDecodableLabels(ascii(input)))).toBe(expected);
  });

  test('keeps every non-label byte as it is', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => {
        const input = new Uint8Array([...ascii('charset=gbk\n'), ...bytes]);
        const out = withDecodableLabels(input);
        expect([...out.subarray(out.length - bytes.length)]).toEqual([...bytes]);
      }),
    );
  });

  test('a gb2312-labelled subject with GBK bytes decodes to 游采樺 (mailparser case)', async () => {
    const raw = ascii('From: a@example.com\r\nSubject: =?gb2312?B?086yyZjl?=\r\n\r\nx\r\n');
    const mail = await PostalMime.parse(withDecodableLabels(raw));
    expect(mail.subject).toBe('游采樺');
  });

  test('a GB18030-2005 code that GBK lacks (FE 9F) decodes to U+4DAE, not a private-use character', async () => {
    const raw = new Uint8Array([...ascii('Content-Type: text/plain; charset=gbk\r\n\r\n'), 0xfe, 0x9f]);
    const mail = await PostalMime.parse(withDecodableLabels(raw));
    expect(mail.text?.trim()).toBe('\u4dae');
  });
});

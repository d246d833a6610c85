import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { MailError } from './mail-error';
import { checkMailHeaders } from './mail-headers-check';

const bytes = (s: string) => new TextEncoder().encode(s);

describe('checkMailHeaders', () => {
  test.each([
    ['a plain mail', 'From: a@example.com\r\nSubject: hi\r\n\r\nbody'],
    ['folded header', 'Subject: a long\r\n  subject\r\nFrom: a@example.com\r\n\r\nbody'],
    ['mbox envelope line', 'From a@example.com Mon Jul  1 10:00:00 2024\nFrom: a@example.com\n\nbody'],
    ['headers only, no body', 'From: a@example.com\r\nSubject: x\r\n'],
    ['a MIME part', 'Content-Type: text/plain; charset=us-ascii\r\n\r\nhello'],
  ])('accepts %s', (_name, raw) => {
    expect(() => checkMailHeaders(bytes(raw))).not.toThrow();
  });

  test.each([
    ['an empty file', '', 'empty', 'the file is empty'],
    ['whitespace', '  \r\n\r\n', 'blank', 'the file is empty (whitespace only)'],
    [
      'text',
      'Meeting notes\n- call supplier',
      'not-a-mail',
      'not an email: header line 1 is not "Name: value" ("Meeting notes")',
    ],
    ['NUL bytes', 'From: a\u0000b\r\n\r\n', 'binary', 'binary data, not an email (NUL bytes in the header section)'],
    [
      'no mail headers',
      'X-Foo: bar\r\n\r\nbody',
      'no-mail-headers',
      'not an email: no From, To, Subject, Date or Message-ID header',
    ],
  ] as const)('refuses %s with a message naming the problem', (_name, raw, problem, message) => {
    expect(() => checkMailHeaders(bytes(raw))).toThrow(message);
    try {
      checkMailHeaders(bytes(raw));
    } catch (error) {
      expect(error).toMatchObject({ problem, message });
    }
  });

  test('random bytes are accepted or refused with a MailError, nothing else', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 500 }), (raw) => {
        try {
          checkMailHeaders(raw);
        } catch (error) {
          expect(error).toBeInstanceOf(MailError);
        }
      }),
    );
  });
});

import fc from 'fast-check';
import PostalMime from 'postal-mime';
import { describe, expect, test } from 'vitest';
import { withWindows1252Punctuation } from './windows-1252';

describe('withWindows1252Punctuation', () => {
  test.each([
    ['\u0093Hi\u0094', '“Hi”'],
    ['10\u0080 \u0096 20\u0080', '10€ – 20€'],
    ['it\u0092s\u0085', 'it’s…'],
    ['\u0081 undefined stays', '\u0081 undefined stays'],
    ['Müller café 中文', 'Müller café 中文'],
  ])('%j → %j', (input, expected) => {
    expect(withWindows1252Punctuation(input)).toBe(expected);
  });

  test('leaves text without C1 controls unchanged and is idempotent', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), (s) => {
        const once = withWindows1252Punctuation(s);
        expect(withWindows1252Punctuation(once)).toBe(once);
        if (!/[\u0080-\u009f]/.test(s)) expect(once).toBe(s);
      }),
    );
  });

  test('repairs a windows-1252 body decoded by postal-mime in Node', async () => {
    const head = new TextEncoder().encode('Content-Type: text/plain; charset=windows-1252\r\n\r\n');
    const mail = await PostalMime.parse(new Uint8Array([...head, 0x93, 0x48, 0x69, 0x94, 0x20, 0x80]));
    expect(withWindows1252Punctuation(mail.text ?? '').trim()).toBe('“Hi” €');
  });
});

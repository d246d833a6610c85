import { describe, expect, test } from 'vitest';
import { withUndeclaredCharset } from './undeclared-charset';

/** What Node's windows-1252 decoder (one character per byte) makes of `bytes`. */
const asLatin = (bytes: Uint8Array) => String.fromCharCode(...bytes);
const encode = (text: string, label: 'big5' | 'gb18030') => {
  // Node has no encoder for legacy charsets: build the bytes from a decoder's table by search.
  const decoder = new TextDecoder(label);
  const out: number[] = [];
  for (const c of text) {
    if (c.charCodeAt(0) < 0x80) {
      out.push(c.charCodeAt(0));
      continue;
    }
    let found = false;
    for (let lead = 0x81; lead <= 0xfe && !found; lead++) {
      for (let trail = 0x40; trail <= 0xfe && !found; trail++) {
        if (decoder.decode(new Uint8Array([lead, trail])) === c) {
          out.push(lead, trail);
          found = true;
        }
      }
    }
    if (!found) throw new Error(`no ${label} code for ${c}`);
  }
  return new Uint8Array(out);
};

describe('withUndeclaredCharset', () => {
  test.each([
    ['Big5', '您好，謝謝您的來信，我們的價格如下。', 'big5' as const],
    ['GB18030', '您好，谢谢您的来信，我们的价格如下。', 'gb18030' as const],
  ])('%s bytes in a us-ascii part read as Chinese', (_name, text, label) => {
    expect(withUndeclaredCharset(asLatin(encode(text, label)))).toBe(text);
  });

  test('UTF-8 bytes in a us-ascii part read as UTF-8', () => {
    expect(withUndeclaredCharset(asLatin(new TextEncoder().encode('Grüße, 张伟')))).toBe('Grüße, 张伟');
  });

  test.each([
    ['Latin-1 text stays Latin-1', 'Drachenköpfe unserer Boote, dreißig Kilometer'],
    ['ASCII stays as it is', 'plain ascii'],
    ['text that no byte decoding produced stays', '已经是中文'],
  ])('%s', (_name, text) => {
    expect(withUndeclaredCharset(text)).toBe(text);
  });
});

import { ConverterFactory } from 'opencc-js/core';
import TSCharacters from 'opencc-js/dict/TSCharacters';
import TSPhrases from 'opencc-js/dict/TSPhrases';

// OpenCC's own t2s chain (phrases first, then characters): 37 KB of tables, against ~1 MB for the full
// package, which matters because shared/ ships inside the extension.
const convert = ConverterFactory([TSPhrases, TSCharacters]);

/** `toSimplified('臺灣積體電路製造股份有限公司')` → `'台湾积体电路制造股份有限公司'`. Other text passes unchanged. */
export function toSimplified(text: string): string {
  // Pure ASCII is the common case for half the users and needs no trie walk.
  if (/^[\u0000-\u007f]*$/.test(text)) return text;
  // OpenCC's tables chain in a few places (薴 → 苧 → 苎): convert until nothing changes, so that a key made from
  // converted text equals the key made from the original.
  let current = convert(text);
  for (let round = 0; round < 4; round++) {
    const next = convert(current);
    if (next === current) break;
    current = next;
  }
  return current;
}

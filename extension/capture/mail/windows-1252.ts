/**
 * windows-1252 characters for the bytes 0x80–0x9F. Node's TextDecoder (for the labels windows-1252, iso-8859-1,
 * latin1, us-ascii) returns these bytes as C1 control characters U+0080–U+009F; browsers decode them as below.
 * C1 controls do not occur in real mail text, so any that survive decoding are mapped back. 0x81, 0x8D, 0x8F, 0x90
 * and 0x9D are undefined in windows-1252 and stay as they are.
 */
const c1ToWindows1252: Record<number, string> = {
  128: '€',
  130: '‚',
  131: 'ƒ',
  132: '„',
  133: '…',
  134: '†',
  135: '‡',
  136: 'ˆ',
  137: '‰',
  138: 'Š',
  139: '‹',
  140: 'Œ',
  142: 'Ž',
  145: '‘',
  146: '’',
  147: '“',
  148: '”',
  149: '•',
  150: '–',
  151: '—',
  152: '˜',
  153: '™',
  154: 'š',
  155: '›',
  156: 'œ',
  158: 'ž',
  159: 'Ÿ',
};

/** `"\u0093Hi\u0094 \u0096 \u0080 5"` → `"“Hi” – € 5"`. */
export function withWindows1252Punctuation(text: string): string {
  return text.replace(/[\u0080-\u009f]/g, (c) => c1ToWindows1252[c.charCodeAt(0)] ?? c);
}

/**
 * Text in a part that declares us-ascii (or no charset) but carries 8-bit bytes: postal-mime decodes it as
 * windows-1252, which turns Chinese into Latin mojibake. The bytes are recovered from that decoding (it is one
 * character per byte) and decoded again as UTF-8 when they are valid UTF-8, otherwise as GB18030 or Big5 when one
 * of them reads as Chinese; Latin text (ISO-8859-1 in a us-ascii part) stays as it was.
 */

// Very frequent characters written the same in simplified and traditional Chinese: real Chinese text is full of
// them, while Big5 bytes read as GB18030 (or the reverse) give rare characters.
const common = new Set(
  '的一是不了在人有我他中上大和地到以可也你生能而子那得下自之年作道行所然家事成方多去法如同天分好小部其主理心本日月明公司您請请问谢謝今品客戶户合作價价格'.split(
    '',
  ),
);

const windows1252Bytes: Record<string, number> = {
  '€': 0x80,
  '‚': 0x82,
  ƒ: 0x83,
  '„': 0x84,
  '…': 0x85,
  '†': 0x86,
  '‡': 0x87,
  ˆ: 0x88,
  '‰': 0x89,
  Š: 0x8a,
  '‹': 0x8b,
  Œ: 0x8c,
  Ž: 0x8e,
  '‘': 0x91,
  '’': 0x92,
  '“': 0x93,
  '”': 0x94,
  '•': 0x95,
  '–': 0x96,
  '—': 0x97,
  '˜': 0x98,
  '™': 0x99,
  š: 0x9a,
  '›': 0x9b,
  œ: 0x9c,
  ž: 0x9e,
  Ÿ: 0x9f,
};

/** The bytes behind a windows-1252 (or Node latin1) decoding, or null when a character cannot have come from one. */
function bytesOf(text: string): Uint8Array | null {
  const out = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    const code = c.charCodeAt(0);
    const byte = code <= 0xff ? code : windows1252Bytes[c];
    if (byte === undefined) return null;
    out[i] = byte;
  }
  return out;
}

function chineseScore(text: string): number {
  let han = 0;
  let hits = 0;
  for (const c of text) {
    if (/\p{Script=Han}/u.test(c)) {
      han++;
      if (common.has(c)) hits++;
    }
  }
  return han >= 4 ? hits / han : 0;
}

function decodeStrict(label: string, bytes: Uint8Array): string | null {
  try {
    return new TextDecoder(label, { fatal: true }).decode(bytes);
  } catch {
    return null;
  }
}

/** `text` decoded again from its bytes when they are UTF-8 or Chinese, else `text` unchanged. */
export function withUndeclaredCharset(text: string): string {
  if (!/[\u0080-\u00ff]/.test(text)) return text;
  const bytes = bytesOf(text);
  if (!bytes) return text;
  const utf8 = decodeStrict('utf-8', bytes);
  if (utf8 !== null) return utf8;
  const best = ['gb18030', 'big5']
    .map((label) => decodeStrict(label, bytes))
    .filter((s): s is string => s !== null)
    .map((s) => ({ s, score: chineseScore(s) }))
    .sort((a, b) => b.score - a.score)[0];
  return best && best.score >= 0.15 ? best.s : text;
}

import { toSimplified } from './simplified';

const HAN = '\\p{Script=Han}';
const SPACE_BETWEEN_HAN = new RegExp(`(?<=${HAN})\\s+(?=${HAN})`, 'gu');
// Middle dots used between the parts of transliterated and minority names (阿卜杜拉·买买提, 让·雷诺):
// U+00B7, U+2022, U+2027, U+30FB, U+FF65, U+318D all become the one the national standard uses (U+00B7).
const MIDDLE_DOTS = /\s*[\u00b7\u2022\u2027\u30fb\uff65\u318d\u16eb]\s*/gu;

/**
 * A person's name for storing and showing (DESIGN §3: Chinese names stay whole, no first/last split):
 * width folded, spaces collapsed, spaces inside a Chinese name removed (`张 三` → `张三`), middle dots unified.
 * Case and script are kept as written; compare with `personNameKey`.
 */
export function normalisePersonName(name: string): string {
  return name.normalize('NFKC').replace(/\s+/g, ' ').trim().replace(SPACE_BETWEEN_HAN, '').replace(MIDDLE_DOTS, '·');
}

/** The comparison key of a name: `normalisePersonName`, lower-cased, traditional as simplified (張三 = 张三). */
export function personNameKey(name: string): string {
  return toSimplified(normalisePersonName(name)).toLowerCase();
}

import { pinyin } from 'pinyin-pro';
import { toSimplified } from './simplified';

const HAN_RUN = /\p{Script=Han}+/gu;
const HAN = /\p{Script=Han}/u;
const WORD = /[\p{L}\p{N}]+/gu;
const DIACRITICS = /\p{M}+/gu;
const MAX_SUFFIX_RUN = 12;
// Names, companies, emails and phones fit; longer text (a pasted page) is cut rather than indexed whole.
const MAX_TEXT = 500;

/**
 * What a card can be found by (DESIGN §3 "Search"): lower-cased words, the whole text, its digits (phones in any
 * format), and for Chinese the characters plus their pinyin without tones, whole, per syllable, from each syllable
 * on, and as initials — so `zs`, `zhangsan`, `zhang san` and `san` all find 张三.
 * Feed it names, company names, emails, phones and domains; store the keys with the card.
 */
export function searchKeys(text: string): string[] {
  const folded = toSimplified(text.slice(0, MAX_TEXT).normalize('NFKC')).toLowerCase().trim();
  if (folded === '') return [];
  const keys = new Set<string>();
  if (folded.length <= 200) keys.add(folded.replace(/\s+/g, ' '));
  for (const [word] of folded.matchAll(WORD)) {
    keys.add(word);
    const plain = word.normalize('NFD').replace(DIACRITICS, '');
    if (plain !== word) keys.add(plain);
  }
  const digits = folded.replace(/\D/g, '');
  if (digits.length >= 5) keys.add(digits);
  for (const [run] of folded.matchAll(HAN_RUN)) {
    for (const syllables of readings(run)) {
      keys.add(syllables.join(''));
      keys.add(syllables.map((syllable) => syllable[0] ?? '').join(''));
      // From each syllable on (`sanfeng` for 张三丰) only within a name-sized run: a long run would give
      // quadratically many keys.
      if (syllables.length <= MAX_SUFFIX_RUN) {
        for (let i = 1; i < syllables.length; i++) keys.add(syllables.slice(i).join(''));
      }
      for (const syllable of syllables) keys.add(syllable);
    }
  }
  keys.delete('');
  return [...keys];
}

/**
 * The pinyin of a run of characters, once as ordinary words and once with the first character read as a surname
 * (单 shàn, 曾 zēng, 乐 yuè): a search box does not know which of the two the text is.
 */
function readings(run: string): string[][] {
  const known = readingsCache.get(run);
  if (known) return known;
  const plain = pinyin(run, { toneType: 'none', type: 'array', v: true });
  const asName = pinyin(run, { toneType: 'none', type: 'array', v: true, surname: 'head' });
  const found = plain.join(' ') === asName.join(' ') ? [plain] : [plain, asName];
  // Pinyin is most of the cost of a card's keys (a server push of 10k cards spent ~15% of its time here), and the
  // same names recur (张伟, 有限公司 runs): remembered, in a bounded map emptied when full.
  if (readingsCache.size >= READINGS_CACHED) readingsCache.clear();
  readingsCache.set(run, found);
  return found;
}
const READINGS_CACHED = 10_000;
const readingsCache = new Map<string, string[][]>();

/**
 * `matchesSearch('zs', searchKeys('张三'))` → true. Every word of the query must begin some key (Chinese characters
 * may sit anywhere in one, so 三 finds 张三); a query of phone characters matches any key containing its digits (leading zeros aside).
 * An empty query matches everything.
 */
export function matchesSearch(query: string, keys: readonly string[]): boolean {
  const folded = toSimplified(query.normalize('NFKC')).toLowerCase().trim().replace(/\s+/g, ' ');
  if (folded === '') return true;
  if (keys.some((key) => key.startsWith(folded))) return true;
  if (/^[+\d\s\-().]+$/.test(folded)) {
    // Without leading zeros too: a national trunk prefix (0755…) or an international one (0086…) is not in E.164.
    const digits = folded.replace(/\D/g, '').replace(/^0+/, '');
    if (digits.length >= 3 && keys.some((key) => /^\d+$/.test(key) && key.includes(digits))) return true;
  }
  const words = folded.split(' ');
  return words.every((word) =>
    HAN.test(word) ? keys.some((key) => key.includes(word)) : keys.some((key) => key.startsWith(word)),
  );
}

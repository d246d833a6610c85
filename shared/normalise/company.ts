import { toSimplified } from './simplified';

/**
 * Chinese legal-form and group suffixes (公司法: 有限责任公司, 股份有限公司), longest first so that
 * 股份有限公司 goes as one piece rather than leaving 股份.
 */
const CHINESE_SUFFIXES = [
  '股份有限公司',
  '有限责任公司',
  '集团有限公司',
  '集团股份公司',
  '有限公司',
  '股份公司',
  '集团公司',
  '控股集团',
  '总公司',
  '集团',
  '公司',
].sort((a, b) => b.length - a.length);

/**
 * Latin legal forms, written as their letters: each may be spelt with dots and spaces (`S.A.`, `s. a. s.`,
 * `L.L.C.`). Word-like ones (`limited`, `corporation`) are matched as words.
 */
const LATIN_ABBREVIATIONS = [
  'llc',
  'llp',
  'plc',
  'gmbh',
  'ag',
  'kg',
  'se',
  'sa',
  'sas',
  'sarl',
  'bv',
  'nv',
  'spa',
  'srl',
];
const LATIN_WORDS = [
  'inc',
  'incorporated',
  'ltd',
  'limited',
  'co',
  'company',
  'corp',
  'corporation',
  'group',
  'holding',
  'holdings',
  'pty',
  'pte',
  'kk',
  'ab',
  'asa',
  'oy',
  'lp',
];
const dotted = (letters: string) => [...letters].join('\\.?\\s*');
const LATIN_SUFFIX = new RegExp(
  `(?:^|[^\\p{L}\\p{N}])(?:${[...LATIN_ABBREVIATIONS.map(dotted), ...LATIN_WORDS].join('|')})\\.?$`,
  'u',
);
// Bracketed group markers: 阿里巴巴(集团), Foo (Holdings).
const BRACKETED_GROUP = /[([](?:集团|控股|group|holdings?)[)\]]/gu;
const SPACE_OR_PUNCTUATION = /[\s\p{P}\p{S}]/u;
const LEADING_THE = /^the\s+/;
const HAN = '\\p{Script=Han}';
const SPACE_BETWEEN_HAN = new RegExp(`(?<=${HAN})\\s+(?=${HAN})`, 'gu');

/**
 * The comparison key of a company name (DESIGN §3): legal suffixes dropped, width, case and punctuation folded,
 * traditional Chinese as simplified. Two spellings of one company give one key:
 * `normaliseCompanyName('華為技術有限公司')` = `normaliseCompanyName('华为技术 有限公司')` = `'华为技术'`,
 * `normaliseCompanyName('Acme Co., Ltd.')` = `normaliseCompanyName('ACME Corporation')` = `'acme'`.
 * A name that is nothing but a suffix (`Group`) keeps it rather than become empty.
 */
export function normaliseCompanyName(name: string): string {
  // A key is letters and digits only, so a second pass can only strip a suffix the joins of the first made
  // (`华为 (深圳公司)` → `华为深圳`); passes shorten the key until it is stable, which makes the function idempotent.
  let key = companyKeyOnce(name);
  for (;;) {
    const next = companyKeyOnce(key);
    if (next === key) return key;
    key = next;
  }
}

function companyKeyOnce(name: string): string {
  let text = toSimplified(name.normalize('NFKC')).toLowerCase().trim();
  text = text.replace(SPACE_BETWEEN_HAN, '').replace(BRACKETED_GROUP, ' ').replace(LEADING_THE, '');
  // A trailing bracketed region (`Lenovo Group Ltd (HK)`, `华为技术有限公司（深圳）`) stays part of the key, since it
  // names a different legal entity, but the suffixes before it still go, and a bracketed suffix (`(公司)`) goes.
  const region = TRAILING_BRACKET.exec(text);
  const core = region ? text.slice(0, region.index) : text;
  return compact(stripSuffixes(core, false)) + compact(stripSuffixes(region?.[1] ?? '', true));
}

const TRAILING_BRACKET = /[([]([^()[\]]*)[)\]]\s*$/u;

/** Strips legal suffixes until none is left; `allowEmpty` false keeps a name that is nothing but one (`Group`). */
function stripSuffixes(name: string, allowEmpty: boolean): string {
  let text = name;
  for (;;) {
    const stripped = stripOneSuffix(trimEndPunctuation(text));
    if (stripped === null) return text;
    if (!allowEmpty && compact(stripped) === '') return text;
    text = stripped;
  }
}

// A loop, not `/[\s\p{P}]+$/`: that pattern retries at every position of a long run of spaces (quadratic).
function trimEndPunctuation(text: string): string {
  let end = text.length;
  while (end > 0 && SPACE_OR_PUNCTUATION.test(text[end - 1] ?? '')) end--;
  return text.slice(0, end);
}

function stripOneSuffix(text: string): string | null {
  for (const suffix of CHINESE_SUFFIXES) if (text.endsWith(suffix)) return text.slice(0, -suffix.length);
  const latin = LATIN_SUFFIX.exec(text);
  return latin ? text.slice(0, latin.index) : null;
}

/** Letters and digits only: `a.b.c. trading` and `ABC-Trading` compare equal. */
function compact(text: string): string {
  return text.replace(/[^\p{L}\p{N}]/gu, '');
}

/** A company name tidied for showing: width folded, spaces collapsed; suffixes and script kept as written. */
export function displayCompanyName(name: string): string {
  return name.normalize('NFKC').replace(/\s+/g, ' ').trim();
}

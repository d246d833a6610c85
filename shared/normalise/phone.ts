import { type CountryCode, type NumberType, type PhoneNumber, parsePhoneNumberFromString } from 'libphonenumber-js/max';

export type { CountryCode } from 'libphonenumber-js/max';

/**
 * A phone number in E.164 (DESIGN §3: phones are E.164, CN by default for numbers without a country code).
 * `kind` comes from the numbering plan: `toll-free` covers 800 numbers and the 400 hotlines (shared cost) that
 * Chinese companies publish as their switchboard (企业热线), since both say "this is the company, not a person".
 */
export type NormalisedPhone = {
  e164: string;
  extension: string | null;
  kind: 'mobile' | 'fixed' | 'toll-free' | 'other';
};

export type PhoneOptions = {
  /** Region assumed for numbers written without a country code. Default `CN`. */
  defaultRegion?: CountryCode;
};

// Labels that precede a number in a page or signature; stripped so `电话：0755-8888 6666` parses.
const LEADING_LABEL =
  /^(?:telephone|tel|phone|mobile|mob|cell|fax|direct|office|hotline|手机号码|手机号|手机|电话号码|联系电话|联系方式|电话|座机|固话|传真|服务热线|客服热线|咨询热线|热线|总机|直线|t|m|p|f)\s*[:.]{0,2}\s*/i;
// Extension markers: 转 801, 分机 8, 分机号 8, ext. 12, x12, #12, RFC 3966 `;ext=12`.
const EXTENSION = /\s*(?:;\s*ext=|转|轉|分机号?|分機號?|内线|ext\.?|extension|x|#)\s*[:.]?\s*(\d{1,7})\s*$/i;
// What may remain of a phone number once labels and extensions are gone.
const PHONE_CHARACTERS = /^[+\d\s\-()./]+$/;
// 2024-01-15, 2024/1/15, 2024.01.15, 15/01/2024: dates laid out like grouped digits.
const DATE_LIKE = /^(?:\d{4}[-/.]\d{1,2}[-/.]\d{1,2}|\d{1,2}[-/.]\d{1,2}[-/.]\d{4})$/;

const KIND_OF_TYPE: Partial<Record<NumberType & string, NormalisedPhone['kind']>> = {
  MOBILE: 'mobile',
  FIXED_LINE: 'fixed',
  TOLL_FREE: 'toll-free',
  SHARED_COST: 'toll-free',
};

/**
 * `normalisePhone('0755-8888 6666 转 801')` → `{ e164: '+8675588886666', extension: '801', kind: 'fixed' }`.
 * Returns null for anything that is not a valid number of its region (dates, years, postcodes, ICP and order
 * numbers, prices), judged by libphonenumber's full metadata rather than by digit counts.
 */
export function normalisePhone(input: string, options: PhoneOptions = {}): NormalisedPhone | null {
  // A label, 17 digits, their separators and an extension fit in 100; captured text is untrusted, refuse the rest.
  if (input.length > 100) return null;
  // NFKC folds full-width digits, ＋ and （） (Chinese IMEs type them).
  let text = input.normalize('NFKC').trim();
  if (/^tel:/i.test(text)) text = text.slice(4);
  text = text.replace(LEADING_LABEL, '');
  let extension: string | null = null;
  const ext = EXTENSION.exec(text);
  if (ext) {
    extension = ext[1] ?? null;
    text = text.slice(0, ext.index);
  }
  text = text.trim();
  if (!PHONE_CHARACTERS.test(text) || DATE_LIKE.test(text)) return null;
  const digits = text.replace(/\D/g, '');
  if (digits.length < 7 || digits.length > 17) return null;
  // `(86) 138…`, `(+44) 20…`, `(852) 2345 6789`: a country code in brackets, which libphonenumber would read as an
  // area code. Bare codes only for Greater China, where this spelling is common; `(415)` stays a US area code.
  text = text.replace(/^\(\s*(?:\+\s*(\d{1,3})|(86|852|853|886))\s*\)/, (_, plus, bare) => `+${plus ?? bare} `);
  const defaultCountry = options.defaultRegion ?? 'CN';
  const parsed = parsePhoneNumberFromString(text, { defaultCountry });
  if (parsed?.isValid()) return phoneOf(parsed, extension ?? parsed.ext ?? null);
  // `0755-8888 6666-801`: Chinese pages often join the extension with one more hyphen. Only a complete landline
  // (area code and a 7–8 digit local number) before it counts, so a mistyped number is not split at random.
  const hyphenated = extension === null ? /^(.*\d)\s*-\s*(\d{1,5})$/.exec(text) : null;
  if (hyphenated) {
    const line = parsePhoneNumberFromString(hyphenated[1] ?? '', { defaultCountry });
    if (line?.isValid() && line.getType() === 'FIXED_LINE' && line.nationalNumber.length >= 10) {
      return phoneOf(line, hyphenated[2] ?? null);
    }
  }
  return null;
}

function phoneOf(parsed: PhoneNumber, extension: string | null): NormalisedPhone {
  const type = parsed.getType();
  return { e164: parsed.number, extension, kind: (type && KIND_OF_TYPE[type]) ?? 'other' };
}

/** `+8675588886666`, or with an extension `+8675588886666;ext=801` (the RFC 3966 spelling, which parses back). */
export function phoneToString(phone: NormalisedPhone): string {
  return phone.extension ? `${phone.e164};ext=${phone.extension}` : phone.e164;
}

/** True when the text, as a whole, is a phone number (labels and extensions allowed). */
export function looksLikePhone(text: string, options: PhoneOptions = {}): boolean {
  return normalisePhone(text, options) !== null;
}

/** The string form (`phoneToString`) of a phone, or null: the shape stored on cards and Candidates. */
export function normalisePhoneString(input: string, options: PhoneOptions = {}): string | null {
  const phone = normalisePhone(input, options);
  return phone ? phoneToString(phone) : null;
}

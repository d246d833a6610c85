import { isRoleAddress, normaliseEmail } from '../../shared/normalise/email';
import { type CountryCode, normalisePhoneString } from '../../shared/normalise/phone';

/**
 * Field normalisation for captured text, on top of `shared/normalise`: the page-specific judgement of which
 * digit runs are phone numbers at all (DESIGN §7, issue 6: dates, order/tracking numbers, ICP 备案号,
 * postcodes and prices never become phones).
 */

// Words right before a number that make it something other than a phone. Checked on a short window only.
const NOT_A_PHONE_BEFORE =
  /(?:icp|备案|许可证|公网安备|营业执照|信用代码|税号|订单|单号|运单|快递|物流|order|tracking|invoice|发票|邮编|邮政编码|postcode|post code|zip|价格|售价|price|¥|￥|\$|€|£|rmb|usd|cny|日期|date|时间|年份|copyright|©|版权|账号|帐号|account|iban|sku|型号|model|编号|#)\s*[:：]?\s*$/i;
// Units right after a number that make it a quantity or a price.
const NOT_A_PHONE_AFTER = /^\s*(?:元|块|万|亿|yuan|rmb|usd|cny|号|年|月|日|%|件|个|pcs|kg|km|m²|平方)/i;
// Dates written with separators, and money with cents.
const DATE_OR_PRICE =
  /^\s*(?:\d{4}\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}|\d{1,2}[-/.]\d{1,2}[-/.]\d{4}|\d+[.,]\d{2})\s*$/;

/** Whether `raw`, seen with the text `before` and `after` it, is a number that must not be read as a phone. */
export function isNotAPhone(raw: string, before = '', after = ''): boolean {
  return (
    DATE_OR_PRICE.test(raw) || NOT_A_PHONE_BEFORE.test(before.slice(-24)) || NOT_A_PHONE_AFTER.test(after.slice(0, 8))
  );
}

/** E.164 string (with `;ext=`) of `raw`, or null when it is not a valid phone number or is a decoy. */
export function phoneFrom(raw: string, defaultRegion: string, before = '', after = ''): string | null {
  if (raw.length > 60 || isNotAPhone(raw, before, after)) return null;
  return normalisePhoneString(raw, { defaultRegion: defaultRegion as CountryCode });
}

// A phone-shaped run: optional +/(, digits with spaces, dashes, dots and brackets, an optional extension.
const PHONE_RUN = /[+(]?\d[\d\s\-().]{5,24}\d(?:\s{0,2}(?:转|分机|ext\.?|x)\s{0,2}\d{1,6})?/gi;

/** Every phone in a value that may list several (`0755-1234 5678 / 138 0013 8000`, `、`, `;`, `or`). */
export function phonesFrom(value: string, defaultRegion: string): string[] {
  if (isNotAPhone(value)) return [];
  const whole = phoneFrom(value, defaultRegion);
  if (whole) return [whole];
  const out: string[] = [];
  for (const piece of value.split(/\s*(?:[/、;；,，|]|\bor\b|或)\s*/i)) {
    const phone = piece.trim() ? phoneFrom(piece, defaultRegion) : null;
    if (phone && !out.includes(phone)) out.push(phone);
  }
  if (out.length > 0) return out;
  // Numbers followed by other words (`021-6235 1000 客服`): try each phone-shaped run on its own.
  for (const m of value.normalize('NFKC').matchAll(PHONE_RUN)) {
    const phone = phoneFrom(m[0], defaultRegion, value.slice(0, m.index), value.slice(m.index + m[0].length));
    if (phone && !out.includes(phone)) out.push(phone);
  }
  return out;
}

/** The normalised address, or null. */
export function emailFrom(raw: string): string | null {
  return raw.length > 320 ? null : normaliseEmail(raw);
}

export { isRoleAddress };

// An address in running text. Bounded quantifiers and no nested repetition: linear time on any input.
const EMAIL_IN_TEXT = /[A-Za-z0-9._%+-]{1,64}@[A-Za-z0-9-]{1,63}(?:\.[A-Za-z0-9-]{1,63}){1,8}/g;

/** Every valid address written plainly in `text`, normalised, in order, without repeats. */
export function emailsInText(text: string): string[] {
  const out: string[] = [];
  for (const match of text.normalize('NFKC').matchAll(EMAIL_IN_TEXT)) {
    const email = emailFrom(match[0].replace(/^[._%+-]+/, ''));
    if (email && !out.includes(email)) out.push(email);
  }
  return out;
}

/** A website URL from text such as `www.acme.cn` or `https://acme.cn/about`; null when it is not one. */
export function websiteFrom(raw: string): string | null {
  const text = raw.normalize('NFKC').trim();
  // An email address is not a website (its domain would otherwise match).
  if (text.includes('@') && !/^https?:\/\//i.test(text)) return null;
  const match = /(?:https?:\/\/)?(?:[\p{L}\p{N}-]{1,63}\.){1,8}[a-z]{2,63}(?::\d{1,5})?(?:\/[^\s<>"]{0,500})?/iu.exec(
    text,
  );
  if (!match || match[0].includes('@')) return null;
  const candidate = /^https?:\/\//i.test(match[0]) ? match[0] : `http://${match[0]}`;
  try {
    const url = new URL(candidate);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
  } catch {
    return null;
  }
}

/** Collapses whitespace and trims; null for empty or over-long values. */
export function cleanText(raw: string | null | undefined, max = 300): string | null {
  if (raw == null) return null;
  const text = raw.replace(/[\s\u00a0\u3000]+/g, ' ').trim();
  return text && text.length <= max ? text : null;
}

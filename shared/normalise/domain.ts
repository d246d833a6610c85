import { parse } from 'tldts';

/**
 * `registrableDomain('https://www.shop.acme.com.cn/about')` → `'acme.com.cn'`; also takes an email
 * (`li@mail.acme.co.uk` → `acme.co.uk`) or a bare host. Null for IP addresses, bare public suffixes (`co.uk`)
 * and text that is not a host. Private suffixes (github.io, blogspot.com) count as public, so two sites on one
 * hosting platform are not taken for one company.
 */
export function registrableDomain(input: string): string | null {
  let text = input.normalize('NFKC').trim().toLowerCase();
  if (text === '') return null;
  if (/^mailto:/.test(text)) text = text.slice('mailto:'.length);
  // An email: the host is after the last @ (a URL with user info has `//` before it and is left to tldts).
  if (!text.includes('//') && text.includes('@')) text = text.slice(text.lastIndexOf('@') + 1);
  const result = parse(text, { allowPrivateDomains: true, validateHostname: true, extractHostname: true });
  if (result.isIp || !result.domain) return null;
  // Neither an ICANN nor a private suffix: an unknown top-level label (`foo.notatld`), not a real host.
  if (!result.isIcann && !result.isPrivate) return null;
  return result.domain;
}

/** Free mailbox providers: an address there says nothing about the sender's company. */
const FREE_MAIL_DOMAINS: ReadonlySet<string> = new Set([
  // China
  'qq.com',
  'foxmail.com',
  '163.com',
  '126.com',
  'yeah.net',
  '188.com',
  '163.net',
  'netease.com',
  'sina.com',
  'sina.cn',
  'sina.com.cn',
  'sohu.com',
  'tom.com',
  '21cn.com',
  '139.com',
  '189.cn',
  'wo.cn',
  'aliyun.com',
  // international
  'gmail.com',
  'googlemail.com',
  'outlook.com',
  'hotmail.com',
  'live.com',
  'msn.com',
  'yahoo.com',
  'ymail.com',
  'rocketmail.com',
  'icloud.com',
  'me.com',
  'mac.com',
  'aol.com',
  'proton.me',
  'protonmail.com',
  'pm.me',
  'gmx.com',
  'gmx.net',
  'gmx.de',
  'web.de',
  'mail.com',
  'mail.ru',
  'yandex.ru',
  'yandex.com',
  'zoho.com',
  'naver.com',
  'daum.net',
  'hanmail.net',
  'fastmail.com',
  'tutanota.com',
  'hey.com',
]);
// Providers with a domain per country (hotmail.co.uk, yahoo.co.jp, outlook.jp, live.cn).
const FREE_MAIL_BRANDS = /^(?:hotmail|outlook|live|yahoo|gmx)\.[a-z.]+$/;

/** `isFreeMailDomain('vip.qq.com')` → true; accepts a host, an email or a URL like `registrableDomain`. */
export function isFreeMailDomain(domain: string): boolean {
  const registrable = registrableDomain(domain);
  if (!registrable) return false;
  return FREE_MAIL_DOMAINS.has(registrable) || FREE_MAIL_BRANDS.test(registrable);
}

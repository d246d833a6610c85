/**
 * The region a page's unprefixed phone numbers most likely belong to: the country-code top-level domain
 * (`.de` → DE, `.com.tw` → TW), else the region subtag of `<html lang>` (`en-US`, `zh-TW`), else CN — the
 * project's default (DESIGN §3). A caller that knows better passes `defaultRegion` explicitly.
 */
export function pageRegion(doc: Document, url: string, fallback = 'CN'): string {
  let host = '';
  try {
    host = new URL(url).hostname.toLowerCase();
  } catch {
    host = '';
  }
  const tld = host.split('.').pop() ?? '';
  if (/^[a-z]{2}$/.test(tld) && !GENERIC_TLDS.has(tld)) return TLD_REGION[tld] ?? tld.toUpperCase();
  const lang = doc.documentElement?.getAttribute('lang') ?? '';
  const region = /^[a-z]{2,3}[-_](?:[a-z]{4}[-_])?([a-z]{2})\b/i.exec(lang)?.[1];
  return region ? region.toUpperCase() : fallback;
}

// ccTLDs whose region code differs from the TLD.
const TLD_REGION: Record<string, string> = { uk: 'GB', ac: 'GB' };
// Two-letter TLDs used as generic names (.io, .co, .ai …) or not a country (.eu): they say nothing of the region.
const GENERIC_TLDS = new Set(['io', 'co', 'ai', 'me', 'tv', 'cc', 'fm', 'ly', 'gg', 'sh', 'to', 'eu', 'su', 'ws']);

import type { Found } from './found';
import { absoluteUrl, type SourceContext } from './source-context';

/**
 * Contacts behind vCard links ("Download vCard", `.vcf`, `data:text/vcard`). The engine itself stays synchronous
 * and offline: `readVcardLinks` fetches the cards beforehand through an injected `fetchText` and parses them with
 * the vCard library, loaded only when a page has such a link (it is the heaviest part of the extractor); this
 * source then places those cards on the page.
 */
export function extractVcardLinks(doc: Document, ctx: SourceContext): Found[] {
  const out: Found[] = [];
  for (const { el, href } of vcardLinks(doc, ctx.url)) {
    for (const card of ctx.linked.get(href) ?? []) {
      out.push({ ...card, position: ctx.position(el), inFooter: ctx.inFooter(el) });
    }
  }
  return out;
}

/** Links to vCards: `.vcf` paths, `type="text/vcard"`, `data:text/vcard` URLs. At most 20 per page. */
export function vcardLinks(doc: Document, base: string): Array<{ el: Element; href: string }> {
  const out: Array<{ el: Element; href: string }> = [];
  for (const el of Array.from(doc.querySelectorAll('a[href], link[href]'))) {
    const raw = (el.getAttribute('href') ?? '').trim();
    const type = (el.getAttribute('type') ?? '').toLowerCase();
    const isVcard =
      /^data:text\/(?:x-)?vcard/i.test(raw) || /\.vcf(?:$|[?#])/i.test(raw) || /text\/(?:x-)?vcard/.test(type);
    if (!isVcard) continue;
    const href = raw.startsWith('data:') ? raw : absoluteUrl(raw, base);
    if (href && !out.some((o) => o.href === href)) out.push({ el, href });
    if (out.length >= 20) break;
  }
  return out;
}

/**
 * The page's vCards, parsed, for `extractPage(…, { linked })`: `data:` links are read in place, http(s) links
 * through `fetchText` when one is given (256 KB each; an unreachable card is simply not evidence).
 */
export async function readVcardLinks(
  doc: Document,
  base: string,
  region: string,
  fetchText?: (url: string) => Promise<string>,
): Promise<Map<string, Found[]>> {
  const texts = new Map<string, string>();
  for (const { href } of vcardLinks(doc, base)) {
    if (href.startsWith('data:')) {
      const text = dataUrlText(href);
      if (text) texts.set(href, text);
    } else if (fetchText && /^https?:/i.test(href)) {
      try {
        texts.set(href, (await fetchText(href)).slice(0, 256 * 1024));
      } catch {
        // unreachable: the page's other sources still count
      }
    }
  }
  const cards = new Map<string, Found[]>();
  if (texts.size === 0) return cards;
  // Loaded on demand: most pages have no vCard link, and the parser is the extractor's heaviest dependency.
  const { candidatesFromVcard } = await import('./vcard-text');
  for (const [href, text] of texts) cards.set(href, candidatesFromVcard(text, region));
  return cards;
}

function dataUrlText(href: string): string | null {
  const comma = href.indexOf(',');
  if (comma < 0 || href.length > 256 * 1024) return null;
  const meta = href.slice(0, comma);
  const body = href.slice(comma + 1);
  try {
    if (/;base64$/i.test(meta)) {
      const bytes = Uint8Array.from(atob(body), (c) => c.charCodeAt(0));
      return new TextDecoder().decode(bytes);
    }
    return decodeURIComponent(body);
  } catch {
    return null;
  }
}

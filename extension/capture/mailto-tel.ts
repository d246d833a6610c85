import { emailFrom, phonesFrom } from './fields';
import { addEvidence, emptyFound, type Found } from './found';
import { looksLikeName } from './labelled-text';
import type { SourceContext } from './source-context';

/**
 * `mailto:` and `tel:` links (RFC 6068, RFC 3966): several addresses in one link, `?subject=`/`?cc=` query
 * strings, percent-encoding, `;ext=` extensions. A link whose text reads as a person's name gives the name.
 */
export function extractMailtoTel(doc: Document, ctx: SourceContext): Found[] {
  const out: Found[] = [];
  // Thousands of links are possible on hostile pages; contact links are few, so stop at a generous cap.
  const links = Array.from(doc.querySelectorAll('a[href], area[href]')).slice(0, 20_000);
  let kept = 0;
  for (const a of links) {
    if (kept >= 500) break;
    const href = (a.getAttribute('href') ?? '').trim();
    const scheme = /^(mailto|tel|callto):/i.exec(href)?.[1]?.toLowerCase();
    if (!scheme) continue;
    const found = emptyFound('person', ctx.position(a), ctx.inFooter(a));
    if (scheme === 'mailto') {
      for (const email of mailtoAddresses(href)) {
        found.emails.push(email);
        addEvidence(found, 'emails', 'mailto');
      }
    } else {
      for (const phone of phonesFrom(decode(href.slice(href.indexOf(':') + 1)), ctx.defaultRegion)) {
        if (!found.phones.includes(phone)) found.phones.push(phone);
        addEvidence(found, 'phones', 'tel');
      }
    }
    if (found.emails.length === 0 && found.phones.length === 0) continue;
    const text = (a.textContent ?? '').replace(/\s+/g, ' ').trim();
    if (looksLikeName(text)) {
      found.name = text;
      addEvidence(found, 'name', scheme === 'mailto' ? 'mailto' : 'tel');
    }
    out.push(found);
    kept++;
  }
  return out;
}

/** The `to` addresses of a mailto URL, normalised: `mailto:a@x.cn,b@y.cn?cc=c@z.cn` → the first two. */
export function mailtoAddresses(href: string): string[] {
  const rest = href.replace(/^mailto:/i, '');
  const query = rest.indexOf('?');
  const to = decode(query >= 0 ? rest.slice(0, query) : rest);
  const out: string[] = [];
  for (const part of to.split(/[,;]/)) {
    const email = emailFrom(part);
    if (email && !out.includes(email)) out.push(email);
  }
  return out;
}

function decode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

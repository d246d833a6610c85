import type { Found } from './found';

/** What every source receives besides the Document. */
export interface SourceContext {
  /** The page URL (base for relative links, and the organisation's domain). */
  url: string;
  /** ISO 3166 region for numbers without a country code (DESIGN §3: CN by default). */
  defaultRegion: string;
  /** Cards read beforehand from the page's linked resources (`.vcf` links, see vcard-links.ts), by URL. */
  linked: ReadonlyMap<string, readonly Found[]>;
  /** Document order of an element (0 = first); elements outside the document get -1. */
  position: (el: Element) => number;
  /** True when the element sits in the page footer. */
  inFooter: (el: Element) => boolean;
  /** The outermost footer elements of the page, in document order. */
  footers: () => Element[];
}

/** Elements that mark the page footer: HTML5 `<footer>`, ARIA `contentinfo`, and the common id/class names. */
const FOOTER_SELECTOR = 'footer, [role="contentinfo"], #footer, .footer, [id*="footer" i], [class*="footer" i]';

/** Builds the context for one page: element order is computed once, lazily. */
export function sourceContext(
  doc: Document,
  url: string,
  options: { defaultRegion?: string; linked?: ReadonlyMap<string, readonly Found[]> } = {},
): SourceContext {
  let order: Map<Element, number> | null = null;
  let footers: Element[] | null = null;
  return {
    url,
    defaultRegion: options.defaultRegion ?? 'CN',
    linked: options.linked ?? new Map(),
    position(el) {
      if (!order) {
        order = new Map();
        let i = 0;
        for (const e of Array.from(doc.querySelectorAll('*'))) order.set(e, i++);
      }
      return order.get(el) ?? -1;
    },
    inFooter(el) {
      return footerOf(el) !== null;
    },
    footers() {
      footers ??= Array.from(doc.querySelectorAll(FOOTER_SELECTOR)).filter(
        (el) =>
          el.tagName !== 'BODY' && el.tagName !== 'HTML' && (!el.parentElement || footerOf(el.parentElement) === null),
      );
      return footers;
    },
  };
}

/**
 * The closest footer-like ancestor (or the element itself); `<body class="with-footer">` does not count.
 * A hand-written walk rather than `closest(FOOTER_SELECTOR)`: substring attribute selectors are slow in
 * linkedom and this runs for every candidate element.
 */
function footerOf(el: Element): Element | null {
  for (let e: Element | null = el; e && e.tagName !== 'BODY' && e.tagName !== 'HTML'; e = e.parentElement) {
    if (e.tagName === 'FOOTER' || e.getAttribute('role') === 'contentinfo') return e;
    const id = e.getAttribute('id');
    const cls = e.getAttribute('class');
    if ((id && /footer/i.test(id)) || (cls && /footer/i.test(cls))) return e;
  }
  return null;
}

/** Resolves `href` against the page URL; null when it is not a valid URL. */
export function absoluteUrl(href: string, base: string): string | null {
  try {
    return new URL(href.trim(), base).href;
  } catch {
    return null;
  }
}

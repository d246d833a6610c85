import { pageText } from './page-text';
import type { SourceContext } from './source-context';

/** A stretch of page text: the main content, or one footer. */
export interface PageRegion {
  text: string;
  inFooter: boolean;
  /** Document order of the region's root element. */
  position: number;
}

/** The page's text split into the main content (footers left out) and each footer, in that order. */
export function pageRegions(doc: Document, ctx: SourceContext): PageRegion[] {
  // Several sources read the same text: lay the page out once per context.
  let regions = cache.get(ctx);
  if (!regions) {
    regions = layOut(doc, ctx);
    cache.set(ctx, regions);
  }
  return regions;
}

const cache = new WeakMap<SourceContext, PageRegion[]>();

function layOut(doc: Document, ctx: SourceContext): PageRegion[] {
  const body = doc.body ?? doc.documentElement;
  if (!body) return [];
  const footers = ctx.footers();
  const skip = new Set(footers);
  const regions: PageRegion[] = [
    { text: pageText(body, { skip: (el) => skip.has(el) }), inFooter: false, position: ctx.position(body) },
  ];
  for (const footer of footers)
    regions.push({ text: pageText(footer), inFooter: true, position: ctx.position(footer) });
  return regions;
}

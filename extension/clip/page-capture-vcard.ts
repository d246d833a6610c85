import { pageRegion } from '../capture/page-region';
import { readVcardLinks } from '../capture/vcard-links';
import { capturePage, type PageCapture } from './page-capture';

/**
 * `capturePage` with the page's vCard links fetched (from the page's own origin, as the page would) and parsed.
 * Its own bundle (`extractor-vcard.js`), injected only when the first pass counted vCard links: the vCard parser
 * is the extractor's heaviest part and most pages have no such link.
 */
export async function capturePageWithVcards(
  doc: Document,
  url: string,
  selectionText: string,
  fetchText: (url: string) => Promise<string>,
): Promise<PageCapture> {
  const linked = await readVcardLinks(doc, url, pageRegion(doc, url), fetchText);
  return capturePage(doc, url, selectionText, { linked });
}

import { type ExtractOptions, extractPage, type PageExtraction } from './extract-page';
import { pageRegion } from './page-region';
import { readVcardLinks } from './vcard-links';

/**
 * `extractPage` plus the cards the page links to (`.vcf`, `data:text/vcard`), fetched through `fetchText` — in
 * the content script `(url) => fetch(url).then((r) => r.text())`, in tests a fake; without it only `data:` cards
 * are read (the CLI: a saved page, no network). Kept apart so the engine itself stays synchronous and never
 * touches the network unless the caller hands it a way to.
 */
export async function extractLinkedPage(
  doc: Document,
  url: string,
  options: Omit<ExtractOptions, 'linked'> & { fetchText?: (url: string) => Promise<string> } = {},
): Promise<PageExtraction> {
  const region = options.defaultRegion ?? pageRegion(doc, url);
  const linked = await readVcardLinks(doc, url, region, options.fetchText);
  return extractPage(doc, url, { ...options, defaultRegion: region, linked });
}

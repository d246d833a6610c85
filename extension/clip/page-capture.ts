import type { Candidate } from '../../shared/schema/candidate';
import { type ExtractOptions, extractPage, type PageExtraction } from '../capture/extract-page';
import { candidatesFromText } from '../capture/labelled-text';
import { pageRegion } from '../capture/page-region';
import { vcardLinks } from '../capture/vcard-links';

/** What the injected extractor brings back from the rep's tab (plain data: it crosses `executeScript`). */
export interface PageCapture {
  url: string;
  title: string;
  /** Every lead on the page and the page's own organisation (DESIGN §9 `extract`). */
  extraction: PageExtraction;
  /** The rep's selected text read with the labelled-text rules, or null when nothing is selected. */
  selection: { text: string; contacts: Candidate[] } | null;
  /** How many vCard links the page has: when any, the caller runs the vCard-reading extractor too. */
  vcardLinks: number;
}

/** Selections beyond this are not a contact block the rep meant to clip. */
const SELECTION_LIMIT = 20_000;

/**
 * Reads the page in front of the rep (runs inside the tab, injected on the rep's action only: DESIGN §7).
 * `capturePage(document, location.href, getSelection()?.toString() ?? '')`.
 */
export function capturePage(
  doc: Document,
  url: string,
  selectionText: string,
  options: Pick<ExtractOptions, 'linked'> = {},
): PageCapture {
  const region = pageRegion(doc, url);
  const extraction = extractPage(doc, url, { defaultRegion: region, linked: options.linked });
  const text = selectionText.trim().slice(0, SELECTION_LIMIT);
  return {
    url,
    title: (doc.title ?? '').trim().slice(0, 300),
    extraction,
    selection: text ? { text, contacts: candidatesFromText(text, { defaultRegion: region }) } : null,
    vcardLinks: vcardLinks(doc, url).length,
  };
}

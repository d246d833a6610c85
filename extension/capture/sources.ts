import type { Found } from './found';
import { extractHCard } from './h-card';
import { extractJsonLd } from './json-ld';
import { extractLabelledText } from './labelled-text';
import { extractMailtoTel } from './mailto-tel';
import { extractMeta } from './meta';
import { extractMicrodata } from './microdata';
import { extractObfuscatedEmails } from './obfuscated-email';
import type { SourceContext } from './source-context';
import { extractTeamBlocks } from './team-blocks';
import { extractVcardLinks } from './vcard-links';

/** A capture source: reads one kind of markup or text from the page. */
export type Source = (doc: Document, ctx: SourceContext) => Found[];

/**
 * Every capture source, by file name (one source per file). Order matters only for ties: structured data first,
 * so when two sources give the same field the stronger one is listed first in the evidence.
 */
export const sources: Readonly<Record<string, Source>> = {
  'json-ld': extractJsonLd,
  microdata: extractMicrodata,
  'h-card': extractHCard,
  'vcard-links': extractVcardLinks,
  'team-blocks': extractTeamBlocks,
  'mailto-tel': extractMailtoTel,
  'labelled-text': extractLabelledText,
  'obfuscated-email': extractObfuscatedEmails,
  meta: extractMeta,
};

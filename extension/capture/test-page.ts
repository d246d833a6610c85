import type { Found } from './found';
import { htmlDocument } from './html-document';
import { type SourceContext, sourceContext } from './source-context';

/** Runs one source on an HTML snippet, as a test fixture factory: `runSource(extractMailtoTel, '<a …>')`. */
export function runSource(
  source: (doc: Document, ctx: SourceContext) => Found[],
  html: string,
  options: { url?: string; defaultRegion?: string; linked?: ReadonlyMap<string, readonly Found[]> } = {},
): Found[] {
  const doc = htmlDocument(html);
  return source(doc, sourceContext(doc, options.url ?? 'https://www.example.cn/', options));
}

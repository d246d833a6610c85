import { capturePage } from '../clip/page-capture';

/** The injected extractor (`/extractor.js`): run by `executeScript` on the rep's clip, it returns a PageCapture. */
export default defineUnlistedScript(() =>
  capturePage(document, location.href, globalThis.getSelection?.()?.toString() ?? ''),
);

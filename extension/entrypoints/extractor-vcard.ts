import { capturePageWithVcards } from '../clip/page-capture-vcard';

/** The extractor with vCard links read (`/extractor-vcard.js`): injected only on pages that link vCards. */
export default defineUnlistedScript(() =>
  capturePageWithVcards(document, location.href, globalThis.getSelection?.()?.toString() ?? '', async (url) => {
    const response = await fetch(url, { credentials: 'same-origin' });
    if (!response.ok) throw new Error(`${response.status}`);
    return response.text();
  }),
);

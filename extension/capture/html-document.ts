import { parseHTML } from 'linkedom';

/**
 * A DOM Document from HTML text, for node (the CLI, tests, benchmarks); the content script uses the live page.
 * linkedom, because it is fast and small and keeps `<template>` content inert; it does no layout, which the
 * engine never asks for (page-text.ts lays text out itself). A fragment is wrapped in a document first:
 * linkedom would otherwise make its first element the document element.
 */
export function htmlDocument(html: string): Document {
  const whole = /<html[\s>]/i.test(html) ? html : `<!doctype html><html><head></head><body>${html}</body></html>`;
  return parseHTML(whole).document as unknown as Document;
}

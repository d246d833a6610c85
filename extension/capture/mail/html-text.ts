import { convert, type HtmlToTextOptions } from 'html-to-text';

/**
 * html-to-text parses with htmlparser2 (no DOM, nothing is executed or fetched): scripts, styles, images and forms
 * are skipped, links keep their text only, and `<blockquote>` becomes `> ` lines so that the plain-text reply
 * splitter removes quoted replies from HTML-only mail the same way it does from text mail.
 */
const options: HtmlToTextOptions = {
  wordwrap: false,
  preserveNewlines: false,
  selectors: [
    { selector: 'a', options: { ignoreHref: true } },
    { selector: 'img', format: 'skip' },
    { selector: 'script', format: 'skip' },
    { selector: 'style', format: 'skip' },
    { selector: 'head', format: 'skip' },
    { selector: 'title', format: 'skip' },
    { selector: 'form', format: 'skip' },
    { selector: 'button', format: 'skip' },
    { selector: 'blockquote', options: { trimEmptyLines: true } },
    { selector: 'h1', options: { uppercase: false } },
    { selector: 'h2', options: { uppercase: false } },
    { selector: 'h3', options: { uppercase: false } },
    { selector: 'h4', options: { uppercase: false } },
    { selector: 'h5', options: { uppercase: false } },
    { selector: 'h6', options: { uppercase: false } },
    { selector: 'table', format: 'dataTable', options: { uppercaseHeaderCells: false } },
    // A rule ends a block (Outlook draws one above the quoted header); as text it is only a break.
    { selector: 'hr', format: 'blockString', options: { string: '' } },
    // Outlook for Mac marks where the quoted message starts; Outlook on the web, where the reply header starts.
    { selector: '#OLK_SRC_BODY_SECTION', format: 'blockString', options: { string: '-----Original Message-----' } },
    { selector: '#divRplyFwdMsg', format: 'block' },
  ],
  // Hostile input: a cap on size and on nesting keeps the recursive walk bounded.
  limits: { maxInputLength: 4_000_000, maxDepth: 256 },
};

/** The readable text of an HTML mail body: `<p>Hi &amp; bye</p><blockquote>old</blockquote>` → `Hi & bye\n\n> old`. */
export function textFromHtml(html: string): string {
  return convert(html, options)
    .replace(/\u00a0/g, ' ')
    .replace(/[ \t]+$/gm, '')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

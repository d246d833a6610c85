import { expect, test } from 'vitest';
import { htmlDocument } from './html-document';
import { pageRegion } from './page-region';

test.each([
  ['https://www.example.de/kontakt', '', 'DE'],
  ['https://www.example.co.uk/', '', 'GB'],
  ['https://www.example.com.tw/', '', 'TW'],
  ['https://www.example.cn/', 'en-US', 'CN'],
  ['https://www.example.com/', 'en-US', 'US'],
  ['https://www.example.com/', 'zh-Hant-TW', 'TW'],
  ['https://www.example.com/', 'en', 'CN'],
  ['https://brightline.io/', 'en-US', 'US'],
  ['https://brightline.io/', '', 'CN'],
  ['file:///tmp/page.html', '', 'CN'],
])('%s lang=%s → %s', (url, lang, expected) => {
  expect(pageRegion(htmlDocument(`<html lang="${lang}"><body></body></html>`), url)).toBe(expected);
});

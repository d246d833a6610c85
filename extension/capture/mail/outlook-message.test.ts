import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { htmlDocument } from '../html-document';
import { outlookMessage } from './outlook-message';
import { parsedOpenMessage } from './parsed-open-message';

const page = (name: string) =>
  htmlDocument(readFileSync(new URL(`../../../test/fixtures/mail/${name}`, import.meta.url), 'utf8'));

describe('outlookMessage', () => {
  test('reads the newest message of a saved Outlook on the web reading pane', () => {
    expect(outlookMessage(page('outlook-reading-pane.html'))).toMatchObject({
      from: { name: 'Priya Natarajan', address: 'priya@brightline.example' },
      to: [
        { name: 'Tom Becker', address: 'tom.becker@saas.example' },
        { name: 'Sales', address: 'sales@saas.example' },
      ],
      cc: [{ name: '', address: 'legal@brightline.example' }],
      subject: 'RE: NDA before the demo',
      date: new Date(2024, 3, 5, 9, 12).toISOString(),
      pageMessageId: 'outlook:AAMkADAwATM0MDAAMS1iNWE4LTk2AGRkADQ',
    });
  });

  test('no reading pane message, no result', () => {
    expect(outlookMessage(htmlDocument('<div aria-label="Reading Pane"></div>'))).toBeNull();
  });

  test('the clip preview: the reply header block is gone, the signature read', () => {
    const parsed = parsedOpenMessage(outlookMessage(page('outlook-reading-pane.html'))!);
    expect(parsed.body).toBe('Hello Tom,\n\nAttached is the signed NDA. Looking forward to the demo on Monday.');
    expect(parsed.quoted).toBe(true);
    expect(parsed.signature).toMatchObject({ name: 'Priya Natarajan', phones: ['+6561234567'] });
  });
});

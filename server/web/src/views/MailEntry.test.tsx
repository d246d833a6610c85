import { parseHTML } from 'linkedom';
import { render } from 'preact';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { WordsContext, wordsFor } from '../i18n';
import { MailEntry } from './MailEntry';

const HOSTILE = '<img src=x onerror="alert(1)">';
const g = globalThis as unknown as { document?: Document };
let saved: Document | undefined;
let root: Element;
beforeEach(() => {
  saved = g.document;
  g.document = parseHTML('<!doctype html><html><body><div id="app"></div></body></html>').document;
  root = g.document.getElementById('app') as unknown as Element;
});
afterEach(() => {
  g.document = saved;
});

const email = (overrides: Record<string, unknown>) => ({
  id: '01935240-5400-7000-8000-000000000009',
  type: 'email',
  at: '2024-03-12T02:00:00.000Z',
  by: 'li',
  summary: 'Re: 询价 500 台',
  body: `报价收到。${HOSTILE}`,
  source: 'abc@huaxing.cn',
  ...overrides,
});

describe('MailEntry (manager account history)', () => {
  it.each([
    ['zh-CN', 'in', '收到', '对方正文'],
    ['zh-CN', 'out', '发出', '我方正文'],
    ['en', 'in', 'Received', 'Their text'],
    ['en', undefined, 'Email', 'Their text'],
  ] as const)('%s, direction %s: label, subject, collapsed text as text', (locale, direction, label, disclosure) => {
    render(
      <WordsContext.Provider value={wordsFor(locale)}>
        <MailEntry activity={email({ direction })} />
      </WordsContext.Provider>,
      root,
    );
    expect(root.querySelector('[data-testid=history-mail-direction]')?.textContent).toBe(label);
    expect(root.querySelector('[data-testid=history-mail-subject]')?.textContent).toBe('Re: 询价 500 台');
    expect(root.querySelector('summary')?.textContent).toBe(disclosure);
    expect(root.querySelector('details')?.hasAttribute('open')).toBe(false);
    expect(root.querySelector('details p')?.textContent).toBe(`报价收到。${HOSTILE}`);
    expect(root.querySelector('img')).toBeNull();
    expect(root.textContent).toContain('li');
    render(null, root);
  });

  it('says when the mail had no subject or no text of the sender’s own', () => {
    render(
      <WordsContext.Provider value={wordsFor('en')}>
        <MailEntry activity={email({ summary: '  ', body: null })} />
      </WordsContext.Provider>,
      root,
    );
    expect(root.querySelector('[data-testid=history-mail-subject]')?.textContent).toBe('(no subject)');
    expect(root.querySelector('details p')?.textContent).toContain('no text of their own');
  });
});

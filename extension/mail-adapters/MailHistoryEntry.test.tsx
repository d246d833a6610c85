import { parseHTML } from 'linkedom';
import { render } from 'preact';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseEmail } from '../capture/mail/parsed-email';
import { loadCard } from '../store/card';
import { openTestDb, testEnv } from '../store/test-db';
import { CardView } from '../ui/CardView';
import { mailCandidate } from './clip-form';
import { MailHistoryEntry } from './MailHistoryEntry';
import { saveMailClip } from './save-mail-clip';

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

const mail = (from: string, to: string, date: string, id: string, subject: string, body: string) =>
  parseEmail(
    new TextEncoder().encode(
      [
        `From: ${from}`,
        `To: ${to}`,
        `Subject: ${subject}`,
        `Date: ${date}`,
        `Message-ID: <${id}>`,
        'Content-Type: text/plain; charset=utf-8',
        '',
        body,
        '',
      ].join('\r\n'),
    ),
  );

describe('mail history on the card', () => {
  it('lists every clipped mail newest first, with direction, subject and the sender’s text collapsed', async () => {
    const db = openTestDb('mail-history');
    const env = testEnv();
    const customer = '"张伟" <zhangwei@huaxing.cn>';
    const rep = '"李明" <li.ming@ours.example>';
    const mails = [
      await mail(customer, rep, 'Mon, 11 Mar 2024 09:00:00 +0800', 'a@huaxing.cn', '询价 500 台', `请报价。${HOSTILE}`),
      await mail(rep, customer, 'Tue, 12 Mar 2024 10:00:00 +0800', 'b@ours.example', 'Re: 询价 500 台', '报价见附件。'),
      await mail(
        customer,
        rep,
        'Wed, 13 Mar 2024 11:00:00 +0800',
        'c@huaxing.cn',
        'Re: Re: 询价 500 台',
        '收到，谢谢。',
      ),
    ];
    // Clipped out of order: the history orders by the mail's date, not by when it was clipped.
    let accountId = '';
    for (const parsed of [mails[2], mails[0], mails[1]]) {
      if (!parsed) throw new Error('fixture');
      const out = await saveMailClip(db, env, {
        candidate: { ...mailCandidate(parsed), emails: ['zhangwei@huaxing.cn'], name: '张伟' },
        parsed,
        source: parsed.messageId,
        by: 'li',
      });
      accountId = out.accountId;
    }
    const card = await loadCard(db, accountId, '2024-03-20T00:00:00Z');
    if (!card) throw new Error('no card');
    render(<CardView card={card} locale="en" me="li" />, root);

    const entries = [...root.querySelectorAll('[data-testid=history-email]')];
    expect(entries.map((e) => e.querySelector('[data-testid=history-mail-subject]')?.textContent)).toEqual([
      'Re: Re: 询价 500 台',
      'Re: 询价 500 台',
      '询价 500 台',
    ]);
    expect(entries.map((e) => e.getAttribute('data-direction'))).toEqual(['in', 'out', 'in']);
    expect(entries.map((e) => e.querySelector('[data-testid=history-mail-direction]')?.textContent)).toEqual([
      'Received',
      'Sent',
      'Received',
    ]);
    // Collapsed by default, the text inside as text: the hostile markup is shown, never parsed.
    for (const e of entries) expect(e.querySelector('details')?.hasAttribute('open')).toBe(false);
    expect(entries[2]?.querySelector('details p')?.textContent).toBe(`请报价。${HOSTILE}`);
    expect(root.querySelector('img')).toBeNull();
    db.close();
  });

  it.each([
    ['zh-CN', 'in', '收到', '对方正文'],
    ['zh-CN', 'out', '发出', '我方正文'],
    ['en', 'out', 'Sent', 'Our text'],
    ['en', null, 'Email', 'Their text'],
  ] as const)('words it in %s (direction %s)', (locale, direction, label, disclosure) => {
    const fields = { type: 'email', at: '2024-03-12T02:00:00Z', summary: '', body: '', direction };
    render(<MailHistoryEntry fields={fields} locale={locale} />, root);
    expect(root.querySelector('[data-testid=history-mail-direction]')?.textContent).toBe(label);
    expect(root.querySelector('summary')?.textContent).toBe(disclosure);
    expect(root.querySelector('[data-testid=history-mail-subject]')?.textContent).toBe(
      locale === 'en' ? '(no subject)' : '（无主题）',
    );
    render(null, root);
  });
});

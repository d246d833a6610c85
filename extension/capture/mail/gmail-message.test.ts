import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { htmlDocument } from '../html-document';
import { gmailMessage } from './gmail-message';
import { parsedOpenMessage } from './parsed-open-message';

const page = (name: string) =>
  htmlDocument(readFileSync(new URL(`../../../test/fixtures/mail/${name}`, import.meta.url), 'utf8'));

describe('gmailMessage', () => {
  test('reads the newest expanded message of a saved Gmail thread', () => {
    const message = gmailMessage(page('gmail-thread.html'));
    expect(message).toMatchObject({
      from: { name: '张伟', address: 'zhangwei@huaxing.cn' },
      to: [{ name: 'Leadcard Sales', address: 'sales@ourcompany.example' }],
      cc: [{ name: '李娜', address: 'li.na@huaxing.cn' }],
      subject: 'Re: 报价 / Quote for 500 sensors',
      date: new Date(2024, 2, 12, 11, 2).toISOString(),
      messageId: null,
      pageMessageId: 'gmail:18e2b7c8d9e0f1a2',
    });
    expect(message?.bodyHtml).toContain('gmail_quote');
  });

  test.each([
    ['Re: 报价 - sales@ourcompany.example - Gmail', 'sales@ourcompany.example'],
    ['Inbox (3) - li.ming@gmail.com - Gmail', 'li.ming@gmail.com'],
    ['收件箱 (12) - wang-lei@tengda.com.cn - Gmail 邮箱', 'wang-lei@tengda.com.cn'],
    ['Re: a - b - x@y.example - Gmail', 'x@y.example'],
    ['Gmail', null],
    ['Re: ask sales@vendor.example - anything', null],
  ])('reads the signed-in account from the title %s', (title, account) => {
    const doc = page('gmail-thread.html');
    const element = doc.querySelector('title');
    if (!element) throw new Error('fixture has no title');
    element.textContent = title;
    expect(gmailMessage(doc)?.account).toBe(account);
  });

  test('without the details table, the recipients line gives To', () => {
    const doc = page('gmail-thread.html');
    for (const table of doc.querySelectorAll('table.ajC')) table.remove();
    expect(gmailMessage(doc)?.to.map((b) => b.address)).toEqual(['sales@ourcompany.example', 'li.na@huaxing.cn']);
  });

  test('no open message, no result', () => {
    expect(gmailMessage(htmlDocument('<div role="main">Inbox</div>'))).toBeNull();
  });

  test('the clip preview gets the same split as an .eml: quote gone, signature read, nothing run', () => {
    const parsed = parsedOpenMessage(gmailMessage(page('gmail-thread.html'))!);
    expect(parsed.body).toBe('您好，\n\n报价收到，我们下周安排样品测试。');
    expect(parsed.quoted).toBe(true);
    expect(parsed.signature).toMatchObject({
      name: '张伟',
      emails: ['zhangwei@huaxing.cn'],
      phones: ['+8613800138000', '+8675588886666;ext=801'],
    });
    expect(JSON.stringify(parsed)).not.toContain('alert');
  });
});

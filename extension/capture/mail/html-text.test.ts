import { describe, expect, test } from 'vitest';
import { textFromHtml } from './html-text';

describe('textFromHtml', () => {
  test.each([
    [
      'entities and paragraphs',
      '<p>Hi &amp; bye</p><p>Price: &euro;49 &lt;net&gt;</p>',
      'Hi & bye\n\nPrice: €49 <net>',
    ],
    ['line breaks', '<div>张伟<br>销售经理<br>手机：138 0013 8000</div>', '张伟\n销售经理\n手机：138 0013 8000'],
    [
      'a blockquote becomes > lines',
      '<div>Yes.</div><blockquote><div>Can you?</div><div>Soon?</div></blockquote>',
      'Yes.\n> Can you?\n> Soon?',
    ],
    [
      'scripts, styles and images are dropped',
      '<style>p{color:red}</style><p>Hi</p><script>alert(1)</script><img src=x onerror=alert(1)>',
      'Hi',
    ],
    ['links keep their text only', '<a href="javascript:alert(1)">www.example.cn</a>', 'www.example.cn'],
    [
      'non-breaking spaces become spaces',
      '<p>------------------&nbsp;原始邮件&nbsp;------------------</p>',
      '------------------ 原始邮件 ------------------',
    ],
    ['headings keep their case', '<h2>Quote for Acme</h2>', 'Quote for Acme'],
    ['a rule is a break between blocks', '<div>Bob<hr><b>From: </b>a@b.cn</div>', 'Bob\n\nFrom: a@b.cn'],
    [
      'Outlook for Mac marks the quoted section',
      '<div>Reply</div><span id="OLK_SRC_BODY_SECTION"><div>From: A</div><div>old</div></span>',
      'Reply\n\n-----Original Message-----',
    ],
  ])('%s', (_name, html, text) => {
    expect(textFromHtml(html)).toBe(text);
  });

  test('markup in text stays text: nothing is interpreted twice', () => {
    expect(textFromHtml('<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>')).toBe('<script>alert(1)</script>');
  });

  test('deeply nested markup completes', () => {
    const deep = `${'<div>'.repeat(5_000)}deep${'</div>'.repeat(5_000)}`;
    expect(typeof textFromHtml(deep)).toBe('string');
  });
});

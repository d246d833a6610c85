import { expect, test } from 'vitest';
import { extractMailtoTel, mailtoAddresses } from './mailto-tel';
import { runSource } from './test-page';

test.each([
  ['mailto:a@example.com', ['a@example.com']],
  ['MAILTO:A@Example.COM?subject=Hi&body=x', ['a@example.com']],
  ['mailto:a@x.cn,b@y.cn?cc=c@z.cn', ['a@x.cn', 'b@y.cn']],
  ['mailto:%E7%8E%8B%E8%8A%B3%20%3Cwang@x.cn%3E', ['wang@x.cn']],
  ['mailto:?subject=only-subject', []],
  // A stray `%` that is not an escape stays as written (it is a legal local-part character).
  ['mailto:bad%ZZ@x.cn', ['bad%zz@x.cn']],
])('%s → %j', (href, expected) => {
  expect(mailtoAddresses(href)).toEqual(expected);
});

test('tel: links with extensions and separators, link text as a name only when it reads as one', () => {
  const found = runSource(
    extractMailtoTel,
    `<a href="tel:+86-755-8888-6666;ext=801">总机</a><a href="tel:138%200013%208000">张三</a>
     <a href="mailto:li.si@example.cn">Li Si</a><a href="mailto:x@example.cn">Email us</a><a href="tel:20240115">date</a>`,
  );
  expect(found.map((f) => [f.name, f.emails, f.phones])).toEqual([
    [null, [], ['+8675588886666;ext=801']],
    ['张三', [], ['+8613800138000']],
    ['Li Si', ['li.si@example.cn'], []],
    [null, ['x@example.cn'], []],
  ]);
  expect(found[2]!.evidence).toEqual({ emails: ['mailto'], name: ['mailto'] });
});

import fc from 'fast-check';
import { expect, test } from 'vitest';
import { obfuscatedEmails } from './obfuscated-email';

test.each([
  ['name [at] example [dot] com', ['name@example.com']],
  ['name(at)example(dot)com', ['name@example.com']],
  ['name {at} example {dot} co {dot} uk', ['name@example.co.uk']],
  ['write to name at example dot com today', ['name@example.com']],
  ['邮箱：mali#yunfan-info.cn（发送时请将#换成@）', ['mali@yunfan-info.cn']],
  ['sales#factory.example（#改为@）', ['sales@factory.example']],
  ['zhang#acme.cn', ['zhang@acme.cn']],
  ['lei.zhang&#64;example.cn', ['lei.zhang@example.cn']],
  ['lei&commat;example&period;cn', ['lei@example.cn']],
  ['zhangsan【at】example【dot】cn', ['zhangsan@example.cn']],
  ['see page.html#top.section', []],
  ['plain@example.com is not obfuscated', []],
])('%s → %j', (text, expected) => {
  expect(obfuscatedEmails(text)).toEqual(expected);
});

test('property: every address found is a plain, valid-looking address', () => {
  fc.assert(
    fc.property(fc.string({ maxLength: 200 }), (text) => {
      for (const e of obfuscatedEmails(text)) expect(e).toMatch(/^[^\s@]+@[^\s@]+\.[a-z]{2,}$/);
    }),
  );
});

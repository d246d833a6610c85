import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { isRoleAddress, normaliseEmail } from './email';

describe('normaliseEmail', () => {
  test.each([
    ['zhangsan@acme.cn', 'zhangsan@acme.cn'],
    ['  ZhangSan@Acme.CN  ', 'zhangsan@acme.cn'],
    ['mailto:li.si@example.com', 'li.si@example.com'],
    ['MAILTO:Li.Si@Example.com?subject=询价&body=hi', 'li.si@example.com'],
    ['mailto:sales%40acme.com', 'sales@acme.com'],
    ['<wang.wu@acme.com.cn>', 'wang.wu@acme.com.cn'],
    ['张三 <zhang.san@acme.com.cn>', 'zhang.san@acme.com.cn'],
    ['"Smith, John" <John.Smith@Contoso.co.uk>', 'john.smith@contoso.co.uk'],
    ['someone@googlemail.com', 'someone@gmail.com'],
    ['Someone@GoogleMail.COM', 'someone@gmail.com'],
    ['ｚｈａｎｇｓａｎ＠ａｃｍｅ．ｃｎ', 'zhangsan@acme.cn'],
    ['zs＠qq.com', 'zs@qq.com'],
    ['first.last+crm@sub.example.org', 'first.last+crm@sub.example.org'],
    ["o'brien@example.ie", "o'brien@example.ie"],
    ['12345678@qq.com', '12345678@qq.com'],
    ['user@例え.jp', 'user@例え.jp'],
    ['user@xn--fiqs8s.xn--fiqs8s', 'user@xn--fiqs8s.xn--fiqs8s'],
    ['info@acme.com.', 'info@acme.com'],
  ])('%s → %s', (input, expected) => {
    expect(normaliseEmail(input)).toBe(expected);
  });

  test.each([
    [''],
    ['n/a'],
    ['zhangsan'],
    ['zhangsan@'],
    ['@acme.com'],
    ['zhang san@acme.com'],
    ['zhangsan@acme'],
    ['zhangsan@acme.c'],
    ['zhangsan@acme..com'],
    ['.zhangsan@acme.com'],
    ['zhang..san@acme.com'],
    ['zhangsan@-acme.com'],
    ['zhangsan@acme.123'],
    ['邮箱zhangsan@acme.com'],
    ['name [at] example [dot] com'],
    ['https://www.acme.com/contact'],
    ['mailto:'],
    [`${'a'.repeat(65)}@acme.com`],
    [`a@${'b'.repeat(64)}.com`],
    ['a@b@c.com'],
    [`${' '.repeat(5000)}a@b.com${' '.repeat(5000)}`],
  ])('rejects %s', (input) => {
    expect(normaliseEmail(input)).toBeNull();
  });

  test('normalising twice changes nothing', () => {
    fc.assert(
      fc.property(fc.oneof(fc.emailAddress(), fc.string()), (text) => {
        const once = normaliseEmail(text);
        if (once !== null) expect(normaliseEmail(once)).toBe(once);
      }),
    );
  });

  test('any generated address is accepted and comes back lower-cased', () => {
    fc.assert(
      fc.property(fc.emailAddress(), (address) => {
        const once = normaliseEmail(address);
        if (once !== null) expect(once).toBe(once.toLowerCase());
      }),
    );
  });
});

describe('isRoleAddress', () => {
  test.each([
    ['noreply@github.com', true],
    ['no-reply@accounts.google.com', true],
    ['donotreply@bank.cn', true],
    ['support@acme.com', true],
    ['support-cn@acme.com', true],
    ['sales.china@acme.com', true],
    ['info2@acme.com', true],
    ['INFO@ACME.COM', true],
    ['hr@acme.cn', true],
    ['kefu@taobao.com', true],
    ['客服@example.cn', true],
    ['webmaster@acme.org', true],
    ['postmaster@acme.org', true],
    ['privacy+eu@acme.com', true],
    ['zhang.san@acme.cn', false],
    ['john.smith@contoso.com', false],
    ['infinity@acme.com', false],
    ['salesforce.admin.li@acme.com', false],
    ['helen@acme.com', false],
    ['xiaoming@163.com', false],
  ])('%s → %s', (email, expected) => {
    expect(isRoleAddress(email)).toBe(expected);
  });
});

import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { emailsInText, isNotAPhone, phonesFrom, websiteFrom } from './fields';

describe('phones on pages', () => {
  test.each([
    ['0755-8888 6666 转 801', 'CN', ['+8675588886666;ext=801']],
    ['138 0013 8000 / 0755-8888 6666', 'CN', ['+8613800138000', '+8675588886666']],
    ['400-820-8820', 'CN', ['+864008208820']],
    ['+1 (415) 555-0100', 'US', ['+14155550100']],
    ['021-6235 1000 客服', 'CN', ['+862162351000']],
    ['（0571）8765 4321', 'CN', ['+8657187654321']],
  ])('%s (%s) → %j', (text, region, expected) => {
    expect(phonesFrom(text, region)).toEqual(expected);
  });

  test.each([['2024-01-15'], ['2024/03/16'], ['1299.00'], ['518057'], ['202403158866001234'], ['SF1234567890123']])(
    '%s is not a phone',
    (text) => {
      expect(phonesFrom(text, 'CN')).toEqual([]);
    },
  );

  test.each([
    ['13800138000', '订单号：', ''],
    ['12345678', '粤ICP备', '号'],
    ['13800138000', '价格：¥', ''],
    ['13800138000', 'Tracking ', ''],
    ['88886666', '', '元'],
  ])('%s after "%s" / before "%s" is a decoy', (number, before, after) => {
    expect(isNotAPhone(number, before, after)).toBe(true);
  });

  test('property: phones are always E.164 (with an optional extension)', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 60 }), (text) => {
        for (const p of phonesFrom(text, 'CN')) expect(p).toMatch(/^\+\d{7,15}(;ext=\d+)?$/);
      }),
    );
  });
});

describe('emails and websites in text', () => {
  test.each([
    ['邮箱：ZhangSan@HengTai.cn。', ['zhangsan@hengtai.cn']],
    ['a@b.cn, c@d.com; a@b.cn', ['a@b.cn', 'c@d.com']],
    ['user@localhost', []],
    ['＠ full-width: ｚｓ＠ａｃｍｅ．ｃｎ', ['zs@acme.cn']],
  ])('%s → %j', (text, expected) => {
    expect(emailsInText(text)).toEqual(expected);
  });

  test.each([
    ['www.hengtai.cn', 'http://www.hengtai.cn/'],
    ['https://acme.com/about', 'https://acme.com/about'],
    ['not a site', null],
    ['me@acme.com', null],
  ])('%s → %s', (text, expected) => {
    expect(websiteFrom(text)).toBe(expected);
  });
});

import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { matchesSearch, searchKeys } from './search-keys';

describe('searchKeys', () => {
  test('a Chinese name gives characters, full pinyin, syllables and initials', () => {
    expect(searchKeys('张三')).toEqual(expect.arrayContaining(['张三', 'zhangsan', 'zs', 'zhang', 'san']));
  });

  test('traditional characters give the same keys as simplified', () => {
    expect(new Set(searchKeys('張三'))).toEqual(new Set(searchKeys('张三')));
  });

  test('a surname read as a surname is a key too (单 shàn, 曾 zēng)', () => {
    expect(searchKeys('单田芳')).toEqual(expect.arrayContaining(['dantianfang', 'shantianfang', 'stf']));
    expect(searchKeys('曾国藩')).toEqual(expect.arrayContaining(['zengguofan']));
  });

  test('emails, phones and Latin names give words, the whole text and digits', () => {
    expect(searchKeys('Zhang.San@Acme.com')).toEqual(
      expect.arrayContaining(['zhang.san@acme.com', 'zhang', 'san', 'acme', 'com']),
    );
    expect(searchKeys('+86 138-0013-8000')).toContain('8613800138000');
    expect(searchKeys('José García')).toEqual(expect.arrayContaining(['josé', 'jose', 'garcia']));
  });

  test('a pasted page gives a bounded number of keys', () => {
    expect(searchKeys('张三'.repeat(50_000)).length).toBeLessThan(50);
  });

  test('empty text has no keys', () => {
    expect(searchKeys('   ')).toEqual([]);
  });

  test('keys are lower-case and unique', () => {
    fc.assert(
      fc.property(fc.string(), (text) => {
        const keys = searchKeys(text);
        expect(new Set(keys).size).toBe(keys.length);
        for (const key of keys) expect(key).toBe(key.toLowerCase());
      }),
    );
  });
});

describe('matchesSearch', () => {
  const card = (...fields: string[]) => fields.flatMap(searchKeys);
  const zhangSan = card('张三', '华为技术有限公司', 'zhang.san@huawei.com', '+8613800138000', 'huawei.com');
  const liSi = card('李四', 'Acme Co., Ltd.', 'li.si@acme.com', '+8675588886666');
  const lvBu = card('吕布');
  const smith = card('John Smith', 'Contoso Ltd', 'john@contoso.co.uk');

  test.each<[string, string[], boolean]>([
    ['zs', zhangSan, true],
    ['zhangsan', zhangSan, true],
    ['zhang san', zhangSan, true],
    ['Zhang', zhangSan, true],
    ['zhangs', zhangSan, true],
    ['san', zhangSan, true],
    ['张三', zhangSan, true],
    ['張三', zhangSan, true],
    ['三', zhangSan, true],
    ['华为', zhangSan, true],
    ['huawei', zhangSan, true],
    ['hwjs', zhangSan, true],
    ['zhang.san@hua', zhangSan, true],
    ['138 0013 8000', zhangSan, true],
    ['138-0013-8000', zhangSan, true],
    ['+86 138 0013 8000', zhangSan, true],
    ['8000', zhangSan, true],
    ['zs', liSi, false],
    ['ls', liSi, true],
    ['lisi', liSi, true],
    ['acme', liSi, true],
    ['0755 8888 6666', liSi, true],
    ['138 0013 8000', liSi, false],
    ['lvbu', lvBu, true],
    ['lb', lvBu, true],
    ['john smith', smith, true],
    ['smi', smith, true],
    ['contoso', smith, true],
    ['mith', smith, false],
    ['王五', zhangSan, false],
    ['wangwu', zhangSan, false],
    ['', zhangSan, true],
  ])('%j in card → %s', (query, keys, expected) => {
    expect(matchesSearch(query, keys)).toBe(expected);
  });

  test('every key found for a text finds that text', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1 }), (text) => {
        const keys = searchKeys(text);
        for (const key of keys) expect(matchesSearch(key, keys)).toBe(true);
      }),
    );
  });
});

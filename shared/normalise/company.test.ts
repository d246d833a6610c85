import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { displayCompanyName, normaliseCompanyName } from './company';

describe('normaliseCompanyName', () => {
  test.each([
    ['华为技术有限公司', '华为技术'],
    ['華為技術有限公司', '华为技术'],
    ['华为技术 有限公司', '华为技术'],
    ['深圳市腾讯计算机系统有限公司', '深圳市腾讯计算机系统'],
    ['阿里巴巴（中国）网络技术有限公司', '阿里巴巴中国网络技术'],
    ['阿里巴巴(集团)', '阿里巴巴'],
    ['阿里巴巴（集团）控股有限公司', '阿里巴巴控股'],
    ['中国平安保险（集团）股份有限公司', '中国平安保险'],
    ['臺灣積體電路製造股份有限公司', '台湾积体电路制造'],
    ['北京字节跳动科技有限责任公司', '北京字节跳动科技'],
    ['海尔集团', '海尔'],
    ['海尔集团公司', '海尔'],
    ['万科企业股份有限公司', '万科企业'],
    ['ＡＢＣ贸易有限公司', 'abc贸易'],
    ['Acme Inc', 'acme'],
    ['Acme, Inc.', 'acme'],
    ['ACME Corporation', 'acme'],
    ['Acme Co., Ltd.', 'acme'],
    ['Acme Company Limited', 'acme'],
    ['Acme LLC', 'acme'],
    ['Acme L.L.C.', 'acme'],
    ['Siemens AG', 'siemens'],
    ['Robert Bosch GmbH', 'robertbosch'],
    ['Müller GmbH & Co. KG', 'müller'],
    ['Carrefour S.A.', 'carrefour'],
    ['Capgemini SE', 'capgemini'],
    ['Philips B.V.', 'philips'],
    ['Alibaba Group Holding Limited', 'alibaba'],
    ['The Coca-Cola Company', 'cocacola'],
    ['Ｔｅｎｃｅｎｔ  Holdings', 'tencent'],
    ['Zinc Corp', 'zinc'],
    ['Lenovo Group Ltd (HK)', 'lenovohk'],
    ['华为技术有限公司（深圳）', '华为技术深圳'],
    ['Foo Holdings (Group) Limited', 'foo'],
    ['华为 (深圳公司)', '华为深圳'],
    ['㐀(公司)', '㐀'],
    ['Group', 'group'],
    ['公司', '公司'],
  ])('%s → %s', (input, expected) => {
    expect(normaliseCompanyName(input)).toBe(expected);
  });

  test.each([
    ['華為技術有限公司', '华为技术股份有限公司'],
    ['ACME Inc.', 'acme limited'],
    ['Acme Co., Ltd.', 'ACME CORP'],
    ['阿里巴巴（集团）', '阿里巴巴集团'],
  ])('%s and %s compare equal', (a, b) => {
    expect(normaliseCompanyName(a)).toBe(normaliseCompanyName(b));
  });

  test.each([
    ['华为技术有限公司', '华为终端有限公司'],
    ['Acme Inc', 'Acme Labs Inc'],
  ])('%s and %s stay apart', (a, b) => {
    expect(normaliseCompanyName(a)).not.toBe(normaliseCompanyName(b));
  });

  test('a long run of spaces or punctuation is handled in one pass (captured text is untrusted)', () => {
    expect(normaliseCompanyName(`Acme${' '.repeat(200_000)}Ltd`)).toBe('acme');
    expect(normaliseCompanyName(`Acme${'. '.repeat(100_000)}x`)).toBe('acmex');
  });

  test('normalising twice changes nothing', () => {
    const pieces = fc.constantFrom(
      '华为',
      '華為',
      '技术',
      ' ',
      '有限公司',
      '股份',
      '集团',
      '(集团)',
      '公司',
      'Acme',
      ' Inc.',
      ' Co.,',
      ' Ltd',
      ' S.A.',
      ' GmbH',
      ' & ',
      '-',
      'Ｇｒｏｕｐ',
      'co',
      '(',
      ')',
      '（公司）',
      '(深圳',
    );
    const nameLike = fc.array(pieces, { maxLength: 8 }).map((parts) => parts.join(''));
    fc.assert(
      fc.property(fc.oneof(nameLike, fc.string()), (name) => {
        const once = normaliseCompanyName(name);
        expect(normaliseCompanyName(once)).toBe(once);
      }),
      { numRuns: 1000 },
    );
  });
});

describe('displayCompanyName', () => {
  test.each([
    ['  Acme   Co.,  Ltd. ', 'Acme Co., Ltd.'],
    ['ＡＢＣ贸易有限公司', 'ABC贸易有限公司'],
    ['華為技術有限公司', '華為技術有限公司'],
  ])('%s → %s', (input, expected) => {
    expect(displayCompanyName(input)).toBe(expected);
  });
});

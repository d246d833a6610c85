import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { isFreeMailDomain, registrableDomain } from './domain';

describe('registrableDomain', () => {
  test.each([
    ['acme.com', 'acme.com'],
    ['www.acme.com', 'acme.com'],
    ['WWW.ACME.COM', 'acme.com'],
    ['https://www.acme.com/contact?x=1', 'acme.com'],
    ['http://shop.eu.acme.com:8080/', 'acme.com'],
    ['https://news.bbc.co.uk/world', 'bbc.co.uk'],
    ['bbc.co.uk', 'bbc.co.uk'],
    ['www.huawei.com.cn', 'huawei.com.cn'],
    ['https://mall.xx.com.cn/', 'xx.com.cn'],
    ['zhang.san@mail.acme.com.cn', 'acme.com.cn'],
    ['mailto:li@Acme.co.uk', 'acme.co.uk'],
    ['someone@qq.com', 'qq.com'],
    ['vip.163.com', '163.com'],
    ['ｗｗｗ．ａｃｍｅ．ｃｏｍ', 'acme.com'],
    ['https://user@acme.com/x', 'acme.com'],
    ['acme.github.io', 'acme.github.io'],
    ['www.例子.公司', '例子.公司'],
    ['acme.com.', 'acme.com'],
  ])('%s → %s', (input, expected) => {
    expect(registrableDomain(input)).toBe(expected);
  });

  test.each([
    [''],
    ['192.168.1.1'],
    ['http://10.0.0.8:3000/login'],
    ['http://[::1]/'],
    ['co.uk'],
    ['com.cn'],
    ['github.io'],
    ['localhost'],
    ['n/a'],
    ['hello world'],
    ['foo.notatld'],
  ])('rejects %s', (input) => {
    expect(registrableDomain(input)).toBeNull();
  });

  test('folding a domain twice changes nothing', () => {
    fc.assert(
      fc.property(fc.oneof(fc.domain(), fc.webUrl(), fc.emailAddress(), fc.string()), (text) => {
        const once = registrableDomain(text);
        if (once !== null) expect(registrableDomain(once)).toBe(once);
      }),
    );
  });
});

describe('isFreeMailDomain', () => {
  test.each([
    ['gmail.com', true],
    ['googlemail.com', true],
    ['qq.com', true],
    ['vip.qq.com', true],
    ['foxmail.com', true],
    ['163.com', true],
    ['vip.163.com', true],
    ['126.com', true],
    ['sina.com', true],
    ['outlook.com', true],
    ['hotmail.co.uk', true],
    ['yahoo.co.jp', true],
    ['zs@qq.com', true],
    ['acme.com', false],
    ['huawei.com.cn', false],
    ['mail.acme.com', false],
    ['', false],
  ])('%s → %s', (input, expected) => {
    expect(isFreeMailDomain(input)).toBe(expected);
  });
});

import { describe, expect, it } from 'vitest';
import { formatCompactMoney, formatDate, formatMoney, formatPercent, formatRelative } from './format';
import { catalogFor, LOCALES, pickLocale, t } from './index';
import { en } from './messages.en';
import { zhCN } from './messages.zh-CN';

describe('catalogs', () => {
  it('zh-CN and en have exactly the same keys', () => {
    const enKeys = Object.keys(en).sort();
    const zhKeys = Object.keys(zhCN).sort();
    expect(
      zhKeys.filter((k) => !enKeys.includes(k)),
      'keys only in zh-CN',
    ).toEqual([]);
    expect(
      enKeys.filter((k) => !zhKeys.includes(k)),
      'keys only in en',
    ).toEqual([]);
  });

  it.each(LOCALES)('%s has no empty message and the same placeholders as en', (locale) => {
    const catalog = catalogFor(locale);
    for (const [key, message] of Object.entries(catalog)) {
      expect(message.trim(), key).not.toBe('');
      const placeholders = (s: string) => (s.match(/\{\w+\}/g) ?? []).sort();
      expect(placeholders(message), key).toEqual(placeholders(en[key as keyof typeof en]));
    }
  });
});

describe('t and pickLocale', () => {
  it.each([
    ['zh-CN', 'zh-CN'],
    ['zh-TW', 'zh-CN'],
    ['zh', 'zh-CN'],
    ['en-US', 'en'],
    ['fr', 'en'],
    [undefined, 'en'],
  ])('picks %s → %s', (tag, locale) => {
    expect(pickLocale(tag)).toBe(locale);
  });

  it('translates and fills placeholders', () => {
    expect(t('en', 'app.name')).toBe('Leadcard');
    expect(t('zh-CN', 'app.name')).toBe('Leadcard 客户卡');
  });
});

describe('Intl formatting', () => {
  it('formats money in both languages', () => {
    expect(formatMoney('zh-CN', 1234567.5)).toBe('¥1,234,567.50');
    expect(formatMoney('en', 500000, 'USD')).toBe('$500,000.00');
    expect(formatCompactMoney('zh-CN', 1_200_000)).toBe('¥120万');
    expect(formatCompactMoney('en', 1_200_000, 'USD')).toBe('$1.2M');
  });

  it('formats percentages and dates', () => {
    expect(formatPercent('en', 0.4)).toBe('40%');
    expect(formatDate('zh-CN', '2026-11-22T09:30:00+08:00', { timeZone: 'Asia/Shanghai' })).toBe('2026年11月22日');
    expect(formatDate('en', '2026-11-22T09:30:00+08:00', { timeZone: 'Asia/Shanghai' })).toBe('Nov 22, 2026');
    expect(formatDate('en', 'not a date')).toBe('not a date');
  });

  it('formats relative times against a given now', () => {
    const now = new Date('2026-11-22T12:00:00Z');
    expect(formatRelative('en', '2026-11-19T12:00:00Z', now)).toBe('3 days ago');
    expect(formatRelative('zh-CN', '2026-11-19T12:00:00Z', now)).toBe('3天前');
    expect(formatRelative('en', '2026-11-22T14:00:00Z', now)).toBe('in 2 hours');
  });
});

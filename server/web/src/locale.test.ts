import { describe, expect, it } from 'vitest';
import { initialLocale, rememberLocale } from './locale';

function memory(): Storage {
  const map = new Map<string, string>();
  return {
    getItem: (key) => map.get(key) ?? null,
    setItem: (key, value) => void map.set(key, value),
    removeItem: (key) => void map.delete(key),
    clear: () => map.clear(),
    key: () => null,
    get length() {
      return map.size;
    },
  };
}

describe('initialLocale', () => {
  it.each([
    [['zh-CN', 'en'], 'zh-CN'],
    [['zh-TW'], 'zh-CN'],
    [['en-GB'], 'en'],
    [['de'], 'en'],
    [[], 'en'],
  ] as const)('browser languages %j → %s', (languages, locale) => {
    expect(initialLocale(memory(), languages)).toBe(locale);
  });

  it('prefers the remembered choice over the browser’s language', () => {
    const storage = memory();
    rememberLocale('en', storage);
    expect(initialLocale(storage, ['zh-CN'])).toBe('en');
    rememberLocale('zh-CN', storage);
    expect(initialLocale(storage, ['en'])).toBe('zh-CN');
  });
});

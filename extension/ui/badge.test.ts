import { describe, expect, it } from 'vitest';
import type { CardSummary } from '../store/lookup';
import { BAND_COLOURS, badgeFor } from './badge';

const card = (overrides: Partial<CardSummary>): CardSummary => ({
  id: 'a',
  name: '深圳市腾达科技有限公司',
  status: 'lead',
  band: null,
  score: null,
  qualification: null,
  matched: '',
  ...overrides,
});

describe('badgeFor', () => {
  it.each([
    ['zh-CN', card({ qualification: 'A', band: 'hot', score: 82 }), '甲', BAND_COLOURS.hot],
    ['en', card({ qualification: 'A', band: 'hot', score: 82 }), 'A', BAND_COLOURS.hot],
    ['zh-CN', card({ qualification: 'B', band: 'warm', score: 55 }), '乙', BAND_COLOURS.warm],
    ['en', card({ band: 'cold', score: 23.6 }), '24', BAND_COLOURS.cold],
    ['en', card({}), '•', BAND_COLOURS.none],
  ] as const)('%s %o → %s', (locale, summary, text, color) => {
    expect(badgeFor([summary], locale)).toMatchObject({ text, color });
  });

  it('shows nothing for an unknown site', () => {
    expect(badgeFor([], 'en')).toBeNull();
  });
});

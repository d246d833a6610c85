import { describe, expect, it } from 'vitest';
import { DEFAULT_RULES } from './default-rules';
import { isStuck } from './is-stuck';
import { daysAgo, NOW } from './test-support';

describe('stuck opportunities', () => {
  it.each([
    [13, false],
    [14, true],
    [40, true],
  ])('an open opportunity last touched %i days ago: stuck %s', (days, stuck) => {
    expect(isStuck({ stage: 'proposal' }, daysAgo(days), DEFAULT_RULES, NOW)).toEqual({ stuck, days });
  });

  it.each(['implementation', 'lost'] as const)('a closed (%s) opportunity is never stuck', (stage) => {
    expect(isStuck({ stage }, daysAgo(400), DEFAULT_RULES, NOW).stuck).toBe(false);
  });

  it('counts an opportunity without any activity as stuck', () => {
    expect(isStuck({ stage: 'development' }, null, DEFAULT_RULES, NOW)).toEqual({ stuck: true, days: null });
  });

  it('follows the configured threshold', () => {
    const rules = structuredClone(DEFAULT_RULES);
    rules.stages.stuckAfterDays = 30;
    expect(isStuck({ stage: 'bidding' }, daysAgo(20), rules, NOW).stuck).toBe(false);
  });
});

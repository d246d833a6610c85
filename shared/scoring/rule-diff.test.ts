import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_RULES } from './default-rules';
import { diffRules } from './rule-diff';

describe('rule diff', () => {
  it('names each changed number by its path', () => {
    const next = structuredClone(DEFAULT_RULES);
    next.leadScore.bands.hot = 75;
    next.ownership.maxOwnedLeads = 300;
    next.leadScore.fit.industry.targets.push('物流');
    expect(diffRules(DEFAULT_RULES, next)).toEqual([
      { path: 'leadScore.fit.industry.targets.10', from: undefined, to: '物流' },
      { path: 'leadScore.bands.hot', from: 70, to: 75 },
      { path: 'ownership.maxOwnedLeads', from: 500, to: 300 },
    ]);
  });

  it('finds nothing between a rule set and its JSON copy', () => {
    expect(diffRules(DEFAULT_RULES, JSON.parse(JSON.stringify(DEFAULT_RULES)))).toEqual([]);
  });

  it('is empty exactly when the documents are equal', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.jsonValue(), (a, b) => {
        expect(diffRules(a, b).length === 0).toBe(JSON.stringify(a) === JSON.stringify(b) || isDeepEqual(a, b));
      }),
    );
  });
});

function isDeepEqual(a: unknown, b: unknown): boolean {
  try {
    expect(a).toStrictEqual(b);
    return true;
  } catch {
    return false;
  }
}

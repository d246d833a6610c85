import { describe, expect, it } from 'vitest';
import type { AccountFields } from '../schema/entities';
import { DEFAULT_RULES } from './default-rules';
import { qualify } from './qualification';

type Needs = AccountFields['needs'];

describe('甲/乙/丙 qualification', () => {
  it.each<[string, Needs, 'A' | 'B' | 'C' | null]>([
    [
      '甲: aware, close match, 100k matching of a 500k budget',
      { aware: true, match: 'high', budgetTotal: 500_000, budgetMatching: 100_000 },
      'A',
    ],
    [
      '甲: aware, close match, 300k matching of a 2m budget',
      { aware: true, match: 'high', budgetTotal: 2_000_000, budgetMatching: 300_000 },
      'A',
    ],
    [
      '乙: the matching part is 99,999',
      { aware: true, match: 'high', budgetTotal: 500_000, budgetMatching: 99_999 },
      'B',
    ],
    [
      '乙: the total budget is 499,999',
      { aware: true, match: 'high', budgetTotal: 499_999, budgetMatching: 200_000 },
      'B',
    ],
    [
      '乙: a medium match with the budget',
      { aware: true, match: 'medium', budgetTotal: 800_000, budgetMatching: 150_000 },
      'B',
    ],
    ['乙: aware, budget not known yet', { aware: true, match: 'high' }, 'B'],
    ['丙: not aware of the need', { aware: false, match: 'high', budgetTotal: 900_000, budgetMatching: 300_000 }, 'C'],
    ['丙: no need for our products', { aware: true, match: 'none' }, 'C'],
    ['not assessed yet', {}, null],
  ])('%s', (_, needs, grade) => {
    expect(qualify({ needs }, DEFAULT_RULES).value).toBe(grade);
  });

  it('names the field that fell short', () => {
    const { lines } = qualify(
      { needs: { aware: true, match: 'high', budgetTotal: 300_000, budgetMatching: 150_000 } },
      DEFAULT_RULES,
    );
    expect(lines.at(-1)).toMatchObject({ field: 'needs.budgetTotal', key: 'scoring.qualification.budgetShort' });
    expect(lines.at(-1)?.text).toBe('Budget 150000 matching of 300000 is below the threshold (100000 of 500000)');
  });

  it('follows an admin who lowers the threshold', () => {
    const rules = structuredClone(DEFAULT_RULES);
    rules.qualification = { strongMatch: ['high', 'medium'], budgetTotalMin: 200_000, budgetMatchingMin: 50_000 };
    expect(
      qualify({ needs: { aware: true, match: 'medium', budgetTotal: 200_000, budgetMatching: 50_000 } }, rules).value,
    ).toBe('A');
  });
});

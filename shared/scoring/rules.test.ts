import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_RULES } from './default-rules';
import { type ScoringRules, validateRuleDocument } from './rules';

const document = (rules: unknown) => ({ version: 3, createdAt: '2026-11-22T08:00:00Z', createdBy: 'admin', rules });

/** A deep copy of the defaults with one change. */
function edited(edit: (rules: ScoringRules) => void): ScoringRules {
  const rules = structuredClone(DEFAULT_RULES);
  edit(rules);
  return rules;
}

describe('the rule document', () => {
  it('accepts the default rules', () => {
    expect(validateRuleDocument(document(DEFAULT_RULES))).toMatchObject({ ok: true });
  });

  it('keeps the numbers of DESIGN §4–§6', () => {
    expect(DEFAULT_RULES.leadScore.bands).toEqual({ hot: 70, warm: 40 });
    expect(DEFAULT_RULES.qualification).toMatchObject({ budgetTotalMin: 500_000, budgetMatchingMin: 100_000 });
    expect(DEFAULT_RULES.rfm.recencyDays).toEqual([7, 30, 60, 120]);
    expect(DEFAULT_RULES.stages.steps.map((s) => s.probability)).toEqual([10, 20, 40, 60, 80, 100]);
    expect(DEFAULT_RULES.ownership).toEqual({ leadLapseDays: 30, customerLapseDays: 90, maxOwnedLeads: 500 });
    expect(DEFAULT_RULES.stages.stuckAfterDays).toBe(14);
  });

  it.each<[string, (rules: ScoringRules) => void, string, string]>([
    [
      'hot below warm',
      (r) => {
        r.leadScore.bands.hot = 30;
      },
      'rules.leadScore.bands.hot',
      'must be > warm',
    ],
    [
      'hot above 100',
      (r) => {
        r.leadScore.bands.hot = 120;
      },
      'rules.leadScore.bands.hot',
      'must be 0–100',
    ],
    [
      'B share below A',
      (r) => {
        r.abc.bPercent = 70;
      },
      'rules.abc.bPercent',
      'must be > aPercent',
    ],
    [
      'pyramid shares over 100%',
      (r) => {
        r.pyramid.ordinaryPercent = 96;
      },
      'rules.pyramid.ordinaryPercent',
      'top + major + ordinary must be ≤ 100',
    ],
    [
      'a probability over 100',
      (r) => {
        (r.stages.steps[3] as { probability: number }).probability = 160;
      },
      'rules.stages.steps.3.probability',
      'must be 0–100',
    ],
    [
      'probabilities falling along the stages',
      (r) => {
        (r.stages.steps[2] as { probability: number }).probability = 15;
      },
      'rules.stages.steps.2.probability',
      "must be ≥ initiation's",
    ],
    [
      'stages out of order',
      (r) => void r.stages.steps.reverse(),
      'rules.stages.steps',
      'must list the stages in order',
    ],
    [
      'R bands not ascending',
      (r) => {
        r.rfm.recencyDays = [7, 60, 30, 120];
      },
      'rules.rfm.recencyDays',
      'must be strictly ascending',
    ],
    [
      'size bands not descending',
      (r) => {
        (r.leadScore.fit.companySize.bands[1] as { minEmployees: number }).minEmployees = 5000;
      },
      'rules.leadScore.fit.companySize.bands.1.minEmployees',
      'must be below the band before',
    ],
    [
      'fit worth more than 50',
      (r) => {
        r.leadScore.fit.region.points = 30;
      },
      'rules.leadScore.fit',
      'must be ≤ 50',
    ],
    [
      'fractional points',
      (r) => {
        r.leadScore.engagement.source.points.directory = 10.5;
      },
      'rules.leadScore.engagement.source.points.directory',
      'must be a whole number',
    ],
    [
      'referral not the highest bonus',
      (r) => {
        r.leadScore.engagement.source.points['trade-show'] = 10 + 1;
      },
      'rules.leadScore.engagement.source.points.referral',
      'must be the highest source bonus',
    ],
    [
      'matching budget above the total',
      (r) => {
        r.qualification.budgetMatchingMin = 600_000;
      },
      'rules.qualification.budgetMatchingMin',
      'must be ≤ budgetTotalMin',
    ],
    [
      '6C weights not adding up to 100',
      (r) => {
        r.credit.weights.character = 40;
      },
      'rules.credit.weights',
      'must add up to 100',
    ],
    [
      'a negative half-life',
      (r) => {
        r.leadScore.engagement.recency.halfLifeDays = -1;
      },
      'rules.leadScore.engagement.recency.halfLifeDays',
      'must be > 0',
    ],
    [
      'a zero lapse',
      (r) => {
        r.ownership.leadLapseDays = 0;
      },
      'rules.ownership.leadLapseDays',
      'must be ≥ 1',
    ],
  ])('refuses %s, naming the rule and field', (_, edit, field, message) => {
    const result = validateRuleDocument(document(edited(edit)));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    const error = result.errors.find((e) => e.field === field);
    expect(error, JSON.stringify(result.errors)).toBeDefined();
    expect(error?.message).toContain(`${field}: `);
    expect(error?.message).toContain(message);
  });

  it('names an unknown rule', () => {
    const result = validateRuleDocument(document({ ...DEFAULT_RULES, bonusRule: 1 }));
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors[0]?.message).toContain('bonusRule');
  });

  it('refuses a document without a version', () => {
    const result = validateRuleDocument({ ...document(DEFAULT_RULES), version: 0 });
    expect(result.ok ? [] : result.errors.map((e) => e.field)).toEqual(['version']);
  });

  it('round-trips through JSON for any valid change of the numbers', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 99 }),
        fc.integer({ min: 0, max: 98 }),
        fc.double({ min: 0.5, max: 365, noNaN: true }),
        fc.integer({ min: 1, max: 365 }),
        (hot, warmBelow, halfLife, lapse) => {
          const rules = edited((r) => {
            r.leadScore.bands = { hot, warm: Math.min(warmBelow, hot - 1) };
            r.leadScore.engagement.recency.halfLifeDays = halfLife;
            r.ownership.leadLapseDays = lapse;
          });
          const json = JSON.parse(JSON.stringify(document(rules)));
          const result = validateRuleDocument(json);
          expect(result.ok).toBe(true);
          if (result.ok) expect(result.document.rules).toEqual(rules);
        },
      ),
    );
  });
});

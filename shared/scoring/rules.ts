import { z } from 'zod';
import { activityType, leadSource, needMatch, type opportunityStage } from '../schema/entities';
import { text } from '../schema/primitives';
import { ruleDocumentEnvelope } from '../schema/rule-document';

/**
 * The scoring and qualification rules of DESIGN §4–§6 as data. Every number an admin may change lives here;
 * `DEFAULT_RULES` (./default-rules.ts) holds the textbook defaults. Cross-field checks (bands ordered, shares
 * ascending, probabilities 0–100, maxima within the 0–50 halves of the lead score) sit on the smallest object
 * that holds both fields, so an error names the exact rule and field: `rules.leadScore.bands.hot: …`.
 */

/** Points are whole numbers, so the explanation lines add up exactly to the score they explain. */
const points = z.number().int('must be a whole number').min(0, 'must not be negative');
const amount = z.number().finite('must be a finite number').min(0, 'must not be negative');
const percent = z.number().finite('must be a finite number').min(0, 'must be 0–100').max(100, 'must be 0–100');
const wholeDays = z.number().int('must be a whole number').min(1, 'must be ≥ 1');
const wholeMonths = z.number().int('must be a whole number').min(1, 'must be ≥ 1').max(120, 'must be ≤ 120');
const keyword = text(100).trim().min(1, 'must not be empty');

/** Half of the lead score: fit and engagement each give at most 50 points (DESIGN §4). */
export const LEAD_SCORE_HALF = 50;

// ── Lead score: fit ────────────────────────────────────────────────────────────────────────────────────────
/** A seniority tier: a title containing any keyword (CJK as a substring, Latin as a whole word) gets its points. */
const titleTier = z.strictObject({
  id: text(40).trim().min(1, 'must not be empty'),
  keywords: z.array(keyword).min(1, 'must list at least one keyword'),
  points,
});
const employeeBand = z.strictObject({ minEmployees: z.number().int('must be a whole number').min(0), points });
const budgetBand = z.strictObject({ min: amount, points });
const targetList = z.strictObject({ targets: z.array(keyword), points });

const fitRules = z
  .strictObject({
    /** Tiers are tried in order and the first match wins, so 副总经理 (deputy) can sit before 总经理. */
    title: z.strictObject({ tiers: z.array(titleTier).min(1, 'must list at least one tier') }),
    companySize: z.strictObject({ bands: z.array(employeeBand) }),
    industry: targetList,
    region: targetList,
    budget: z.strictObject({ bands: z.array(budgetBand) }),
  })
  .superRefine((fit, ctx) => {
    descending(fit.companySize.bands, 'minEmployees', ['companySize', 'bands'], ctx);
    descending(fit.budget.bands, 'min', ['budget', 'bands'], ctx);
    const max =
      maxOf(fit.title.tiers.map((tier) => tier.points)) +
      maxOf(fit.companySize.bands.map((band) => band.points)) +
      fit.industry.points +
      fit.region.points +
      maxOf(fit.budget.bands.map((band) => band.points));
    if (max > LEAD_SCORE_HALF) {
      ctx.addIssue({ code: 'custom', path: [], message: `the largest points add up to ${max}, must be ≤ 50` });
    }
  });

// ── Lead score: engagement ─────────────────────────────────────────────────────────────────────────────────
const activityCount = z.strictObject({ type: activityType, pointsEach: points, maxPoints: points });

const engagementRules = z
  .strictObject({
    recency: z.strictObject({
      maxPoints: points,
      /** Points halve every `halfLifeDays` since the last activity. */
      halfLifeDays: z.number().finite().positive('must be > 0'),
      activityTypes: z.array(activityType).min(1, 'must list at least one activity type'),
    }),
    /** "Emails and visits in the last 30 days". */
    windowDays: wholeDays,
    counts: z.array(activityCount),
    source: z.strictObject({ points: z.record(leadSource, points) }),
  })
  .superRefine((engagement, ctx) => {
    const sources = engagement.source.points;
    const best = maxOf(Object.values(sources));
    // 客户推荐: a referral closes 3–5× more often than a cold lead, so no source may outrank it.
    if (sources.referral < best) {
      ctx.addIssue({
        code: 'custom',
        path: ['source', 'points', 'referral'],
        message: 'must be the highest source bonus',
      });
    }
    const max =
      engagement.recency.maxPoints + engagement.counts.reduce((sum, count) => sum + count.maxPoints, 0) + best;
    if (max > LEAD_SCORE_HALF) {
      ctx.addIssue({ code: 'custom', path: [], message: `the largest points add up to ${max}, must be ≤ 50` });
    }
  });

const leadScoreRules = z.strictObject({
  fit: fitRules,
  engagement: engagementRules,
  bands: z
    .strictObject({ hot: percent, warm: percent })
    .refine((bands) => bands.hot > bands.warm, { path: ['hot'], message: 'must be > warm' }),
});

// ── Qualification 甲/乙/丙, RFM, pyramid, ABC, key account ────────────────────────────────────────────────
const qualificationRules = z
  .strictObject({
    /** Need-match levels close enough to our products for 甲. */
    strongMatch: z.array(needMatch).min(1, 'must list at least one level'),
    budgetTotalMin: amount,
    budgetMatchingMin: amount,
  })
  .refine((rules) => rules.budgetMatchingMin <= rules.budgetTotalMin, {
    path: ['budgetMatchingMin'],
    message: 'must be ≤ budgetTotalMin',
  });

const rfmRules = z.strictObject({
  /** Upper bounds in days for R5, R4, R3, R2 (older is R1). */
  recencyDays: z
    .tuple([wholeDays, wholeDays, wholeDays, wholeDays])
    .refine((days) => days.every((d, i) => i === 0 || d > (days[i - 1] as number)), {
      message: 'must be strictly ascending',
    }),
  windowMonths: wholeMonths,
});

const pyramidTier = z.enum(['top', 'major', 'ordinary', 'small']);
const pyramidRules = z
  .strictObject({
    topPercent: percent,
    majorPercent: percent,
    ordinaryPercent: percent,
    windowMonths: wholeMonths,
    /** Tiers that get personalised service; the others get standardised service. */
    personalised: z.array(pyramidTier),
  })
  .refine((p) => p.topPercent + p.majorPercent + p.ordinaryPercent <= 100, {
    path: ['ordinaryPercent'],
    message: 'top + major + ordinary must be ≤ 100',
  });

const abcRules = z
  .strictObject({ aPercent: percent, bPercent: percent })
  .refine((abc) => abc.bPercent > abc.aPercent, { path: ['bPercent'], message: 'must be > aPercent' });

const keyAccountRules = z.strictObject({
  revenueMin: amount,
  windowMonths: wholeMonths,
  contractMinMonths: wholeMonths,
  largeOrderAnnualValue: amount,
});

// ── Credit, loyalty, churn ─────────────────────────────────────────────────────────────────────────────────
const sixC = ['character', 'capacity', 'capital', 'collateral', 'conditions', 'continuity'] as const;
export type SixC = (typeof sixC)[number];
export const SIX_C: readonly SixC[] = sixC;

const creditRules = z.strictObject({
  weights: z
    .strictObject({
      character: percent,
      capacity: percent,
      capital: percent,
      collateral: percent,
      conditions: percent,
      continuity: percent,
    })
    .refine((w) => Math.abs(sixC.reduce((sum, c) => sum + w[c], 0) - 100) < 1e-9, {
      message: 'must add up to 100',
    }),
  /** The limit is this many months of the customer's purchases, by credit score (first band met wins). */
  limitBands: z
    .array(z.strictObject({ minScore: percent, monthsOfRevenue: z.number().finite().min(0).max(24) }))
    .superRefine((bands, ctx) => descending(bands, 'minScore', [], ctx)),
  windowMonths: wholeMonths,
});

const loyaltyRules = z
  .strictObject({
    /** Points for satisfaction 5 (very satisfied); 1 gives none, linear between. */
    satisfactionMax: points,
    repeatPurchase: z.strictObject({ high: points, medium: points, low: points }),
    referral: z.strictObject({ likely: points, maybe: points, unlikely: points }),
    repeatBehaviour: z.strictObject({ pointsEach: points, maxPoints: points, windowMonths: wholeMonths }),
  })
  .superRefine((loyalty, ctx) => {
    const max =
      loyalty.satisfactionMax +
      maxOf(Object.values(loyalty.repeatPurchase)) +
      maxOf(Object.values(loyalty.referral)) +
      loyalty.repeatBehaviour.maxPoints;
    if (max > 100)
      ctx.addIssue({ code: 'custom', path: [], message: `the largest points add up to ${max}, must be ≤ 100` });
  });

const churnRules = z.strictObject({
  /** Purchases shrink: revenue of the last `months` below `ratio` × the `months` before. */
  shrink: z.strictObject({ months: wholeMonths, ratio: z.number().finite().min(0).max(1) }),
  /** Complaints rise: at least `minCount` in the last `windowDays`, and more than in the window before. */
  complaints: z.strictObject({ windowDays: wholeDays, minCount: z.number().int().min(1) }),
});

// ── Ownership (公海, DESIGN §5) and the sales stages (DESIGN §6) ───────────────────────────────────────────
const ownershipRules = z.strictObject({
  leadLapseDays: wholeDays,
  customerLapseDays: wholeDays,
  maxOwnedLeads: z.number().int('must be a whole number').min(0),
});

export const openStage = z.enum(['development', 'initiation', 'proposal', 'bidding', 'negotiation', 'implementation']);
export type OpenStage = z.infer<typeof openStage>;
export const STAGE_ORDER = openStage.options;

const stageRule = z.strictObject({
  stage: openStage,
  probability: percent,
  /** The key node (关键节点) that completes the stage: a key of the opportunity's `gates`. */
  gate: text(60).trim().min(1, 'must not be empty'),
});

const stageRules = z.strictObject({
  steps: z.array(stageRule).superRefine((steps, ctx) => {
    if (steps.map((s) => s.stage).join() !== STAGE_ORDER.join()) {
      ctx.addIssue({ code: 'custom', path: [], message: `must list the stages in order: ${STAGE_ORDER.join(', ')}` });
      return;
    }
    steps.forEach((step, i) => {
      const before = steps[i - 1];
      if (before && step.probability < before.probability) {
        ctx.addIssue({ code: 'custom', path: [i, 'probability'], message: `must be ≥ ${before.stage}'s` });
      }
    });
  }),
  lostProbability: percent,
  stuckAfterDays: wholeDays,
});

export const scoringRules = z.strictObject({
  leadScore: leadScoreRules,
  qualification: qualificationRules,
  rfm: rfmRules,
  pyramid: pyramidRules,
  abc: abcRules,
  keyAccount: keyAccountRules,
  credit: creditRules,
  loyalty: loyaltyRules,
  churnRisk: churnRules,
  ownership: ownershipRules,
  stages: stageRules,
});
export type ScoringRules = z.infer<typeof scoringRules>;
export type PyramidTier = z.infer<typeof pyramidTier>;
export type Stage = z.infer<typeof opportunityStage>;

/** The stored, versioned rule document: `{ version, createdAt, createdBy, rules }`. */
export const ruleDocument = ruleDocumentEnvelope(scoringRules);
export type RuleDocument = z.infer<typeof ruleDocument>;

export type RuleError = { field: string; message: string };

/**
 * Validates a rule document on save. Every problem is named by its path from the document root:
 * `{ field: 'rules.leadScore.bands.hot', message: 'rules.leadScore.bands.hot: must be > warm' }`.
 */
export function validateRuleDocument(
  json: unknown,
): { ok: true; document: RuleDocument } | { ok: false; errors: RuleError[] } {
  const result = ruleDocument.safeParse(json);
  if (result.success) return { ok: true, document: result.data };
  return {
    ok: false,
    errors: result.error.issues.map((issue) => {
      const field = issue.path.map(String).join('.');
      return { field, message: field ? `${field}: ${issue.message}` : issue.message };
    }),
  };
}

function maxOf(values: readonly number[]): number {
  return values.reduce((max, v) => Math.max(max, v), 0);
}

function descending<K extends string>(
  rows: readonly Record<K, number>[],
  key: K,
  path: (string | number)[],
  ctx: z.RefinementCtx,
): void {
  rows.forEach((row, i) => {
    const before = rows[i - 1];
    if (before && row[key] >= before[key]) {
      ctx.addIssue({
        code: 'custom',
        path: [...path, i, key],
        message: `must be below the band before (${before[key]})`,
      });
    }
  });
}

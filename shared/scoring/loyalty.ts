import type { SurveyFields } from '../schema/entities';
import { type Explained, line } from './explain';
import { purchasesBetween, purchasesOf, type TransactionInput } from './purchases';
import type { ScoringRules } from './rules';
import { monthsBefore, timeOf } from './time';

export type Loyalty = { index: number };
export type SurveyInput = Pick<SurveyFields, 'at' | 'satisfaction' | 'repeatPurchase' | 'referral'>;

/**
 * Loyalty index 0–100 from the latest survey (satisfaction 1–5, repeat-purchase probability >70% / 30–70% / <30%,
 * referral likelihood) and repeat behaviour (each purchase after the first in the window). Null without a survey.
 * The index is the sum of the lines' points.
 */
export function loyaltyFor(
  surveys: readonly SurveyInput[],
  transactions: readonly TransactionInput[],
  rules: ScoringRules,
  now: Date,
  explain = true,
): Explained<Loyalty | null> {
  const nowMs = now.getTime();
  let latest: SurveyInput | null = null;
  let latestAt = Number.NEGATIVE_INFINITY;
  for (const survey of surveys) {
    const at = timeOf(survey.at);
    if (at <= nowMs && at > latestAt) {
      latest = survey;
      latestAt = at;
    }
  }
  if (!latest)
    return { value: null, lines: !explain ? [] : [line('loyalty', 'surveys', 0, 'scoring.loyalty.noSurvey')] };

  const l = rules.loyalty;
  const satisfaction = Math.round((l.satisfactionMax * (latest.satisfaction - 1)) / 4);
  const repeatPurchase = l.repeatPurchase[latest.repeatPurchase];
  const referral = l.referral[latest.referral];
  const { count } = purchasesBetween(
    purchasesOf(transactions),
    monthsBefore(nowMs, l.repeatBehaviour.windowMonths),
    nowMs,
  );
  const repeats = Math.max(0, count - 1);
  const behaviour = Math.min(l.repeatBehaviour.maxPoints, repeats * l.repeatBehaviour.pointsEach);
  const lines = !explain
    ? []
    : [
        line('loyalty.satisfaction', 'surveys.satisfaction', satisfaction, 'scoring.loyalty.satisfaction', {
          level: latest.satisfaction,
          points: satisfaction,
        }),
        line(
          'loyalty.repeatPurchase',
          'surveys.repeatPurchase',
          repeatPurchase,
          `scoring.loyalty.repeatPurchase.${latest.repeatPurchase}`,
          {
            points: repeatPurchase,
          },
        ),
        line('loyalty.referral', 'surveys.referral', referral, `scoring.loyalty.referral.${latest.referral}`, {
          points: referral,
        }),
        line('loyalty.repeatBehaviour', 'transactions', behaviour, 'scoring.loyalty.repeatBehaviour', {
          repeats,
          months: l.repeatBehaviour.windowMonths,
          points: behaviour,
        }),
      ];
  return { value: { index: satisfaction + repeatPurchase + referral + behaviour }, lines };
}

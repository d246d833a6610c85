import type { AccountFields, ActivityFields, ComplaintFields, ContactFields, Grades } from '../schema/entities';
import { churnRiskFor } from './churn-risk';
import { creditFor } from './credit';
import type { ExplanationLine } from './explain';
import { keyAccount } from './key-account';
import { leadScore } from './lead-score';
import { loyaltyFor, type SurveyInput } from './loyalty';
import type { PopulationStats } from './population-stats';
import type { TransactionInput } from './purchases';
import { serviceFor } from './pyramid-and-abc';
import { qualify } from './qualification';
import { rfmFor } from './rfm';
import type { RuleDocument } from './rules';

export type GradeableAccount = { id: string } & Pick<
  AccountFields,
  'status' | 'employees' | 'industry' | 'region' | 'source' | 'needs' | 'business' | 'contract' | 'strategic' | 'credit'
>;

/** The account's records that its grades read. */
export type AccountRelated = {
  contacts: readonly Pick<ContactFields, 'title'>[];
  activities: readonly Pick<ActivityFields, 'type' | 'at'>[];
  transactions: readonly TransactionInput[];
  complaints: readonly Pick<ComplaintFields, 'at'>[];
  surveys: readonly SurveyInput[];
};

/** The grades plus every grade's explanation lines, for the card's "why" (popup, manager page). */
export type AccountAssessment = {
  grades: Grades;
  /** 个性化服务 for top and major customers, 标准化服务 for the others; null outside the pyramid. */
  service: 'personalised' | 'standardised' | null;
  explanation: {
    score: ExplanationLine[];
    qualification: ExplanationLine[];
    rfm: ExplanationLine[];
    keyAccount: ExplanationLine[];
    credit: ExplanationLine[];
    loyalty: ExplanationLine[];
    churnRisk: ExplanationLine[];
  };
};

/**
 * Grades one account (DESIGN §4) in the `grades` shape of DESIGN §9, stamped with the rule version. The
 * population-relative parts (F and M quintiles, pyramid, ABC) come from `population`, the latest batch of
 * `populationStats`; an account the batch has not seen yet gets F and M against the batch's cut points and no
 * pyramid or ABC until the next batch.
 */
export function gradeAccount(
  account: GradeableAccount,
  related: AccountRelated,
  population: PopulationStats,
  document: Pick<RuleDocument, 'version' | 'rules'>,
  now: Date,
): Grades {
  return assessAccount(account, related, population, document, now, false).grades;
}

/**
 * `gradeAccount` with the explanation of every grade, not only of the lead score. With `explain: false` only the
 * lead score's lines are built (the grades shape keeps no others): what re-scoring a population needs.
 */
export function assessAccount(
  account: GradeableAccount,
  related: AccountRelated,
  population: PopulationStats,
  document: Pick<RuleDocument, 'version' | 'rules'>,
  now: Date,
  explain = true,
): AccountAssessment {
  const { rules } = document;
  const score = leadScore({ account, contacts: related.contacts, activities: related.activities }, rules, now);
  const qualification = qualify(account, rules, explain);
  const rfm = rfmFor(related.transactions, population, rules, now, explain);
  const rank = population.ranks.get(account.id);
  const ka = keyAccount(
    { contract: account.contract, strategic: account.strategic, transactions: related.transactions },
    rules,
    now,
    explain,
  );
  const credit = creditFor(account, related.transactions, rules, now, explain);
  const loyalty = loyaltyFor(related.surveys, related.transactions, rules, now, explain);
  const churn = churnRiskFor(
    { r: rfm.value?.r ?? null, transactions: related.transactions, complaints: related.complaints },
    rules,
    now,
    explain,
  );
  return {
    grades: {
      score: { value: score.value, band: score.band, lines: score.lines },
      qualification: qualification.value,
      rfm: rfm.value,
      pyramid: rank?.pyramid ?? null,
      abc: rank?.abc ?? null,
      keyAccount: { value: ka.value, reasons: ka.reasons },
      credit: credit.value,
      loyalty: loyalty.value,
      churnRisk: { value: churn.value, reasons: churn.reasons },
      ruleVersion: document.version,
    },
    service: rank ? serviceFor(rank.pyramid, rules) : null,
    explanation: {
      score: score.lines,
      qualification: qualification.lines,
      rfm: rfm.lines,
      keyAccount: ka.lines,
      credit: credit.lines,
      loyalty: loyalty.lines,
      churnRisk: churn.lines,
    },
  };
}

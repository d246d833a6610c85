import { z } from 'zod';
import {
  currency,
  domainName,
  e164,
  emailAddress,
  isoDateTime,
  list,
  money,
  rating5,
  recordId,
  requiredText,
  text,
} from './primitives';

/**
 * The customer card (客户资料卡, DESIGN §3). Each entity has its client-writable fields (what a mutation may
 * carry, every field optional in a push) and, for accounts, server-owned fields (ownership and grades) that only
 * the server writes. Objects are strict: an unknown field is an error that names it.
 */

// ── Account ────────────────────────────────────────────────────────────────────────────────────────────────
export const accountKind = z.enum(['individual', 'business', 'organisation']);
export const accountCategory = z.enum(['customer', 'trader', 'supplier']);
export const channelRole = z.enum(['end', 'intermediary']);
/** 潜在客户 → 现实客户 → 流失 */
export const accountStatus = z.enum(['lead', 'customer', 'lost']);
/** Lead status flow of DESIGN §4: new → contacted → qualified | disqualified (reason) → converted. */
export const leadStatus = z.enum(['new', 'contacted', 'qualified', 'disqualified', 'converted']);
/** Where the lead came from: 客户推荐 referral, 展销会 trade show, 名录 directory, 广告反馈 ad response … */
export const leadSource = z.enum([
  'web',
  'email',
  'referral',
  'trade-show',
  'directory',
  'ad-response',
  'service-call',
  'e-commerce',
  'sales-record',
  'visit',
  'other',
]);
export const needMatch = z.enum(['high', 'medium', 'low', 'none']);

export const accountFeatures = z.strictObject({
  serviceArea: text(500).optional(),
  salesCapability: text(500).optional(),
  developmentPotential: text(500).optional(),
  notes: text(4000).optional(),
});
export const accountBusiness = z.strictObject({
  annualPurchaseVolume: money.optional(),
  budget: money.optional(),
  competitors: list(text(200), 50).optional(),
});
/** The 甲/乙/丙 inputs: aware of the need, how well it matches our products, the budget and its matching part. */
export const accountNeeds = z.strictObject({
  aware: z.boolean().optional(),
  match: needMatch.optional(),
  budgetTotal: money.optional(),
  budgetMatching: money.optional(),
});
export const accountContract = z.strictObject({
  start: isoDateTime.optional(),
  end: isoDateTime.optional(),
  annualValue: money.optional(),
});
/** 6C credit: character, capacity, capital, collateral, conditions, continuity, each 1–5. */
export const accountCredit = z.strictObject({
  character: rating5.optional(),
  capacity: rating5.optional(),
  capital: rating5.optional(),
  collateral: rating5.optional(),
  conditions: rating5.optional(),
  continuity: rating5.optional(),
  limit: money.optional(),
});

export const accountFields = z.strictObject({
  name: requiredText(300),
  kind: accountKind,
  category: accountCategory,
  channelRole: channelRole,
  status: accountStatus,
  leadStatus: leadStatus,
  disqualifyReason: text(1000).nullable(),
  domains: list(domainName, 20),
  website: text(2048).nullable(),
  industry: text(200).nullable(),
  employees: z.number().int('must be a whole number').min(0, 'must not be negative').nullable(),
  region: text(200).nullable(),
  address: text(1000).nullable(),
  phones: list(e164, 20),
  source: leadSource,
  tags: list(text(60), 50),
  features: accountFeatures,
  business: accountBusiness,
  needs: accountNeeds,
  contract: accountContract,
  /** Marked strategic by a manager (one of the key-account tests). */
  strategic: z.boolean(),
  credit: accountCredit,
  currency: currency,
});
export type AccountFields = z.infer<typeof accountFields>;

// ── Grades (server-owned, DESIGN §9) ───────────────────────────────────────────────────────────────────────
/** `text` is English; the optional `key` + `params` re-render it in the rep's language (shared/scoring/explain.ts). */
export const scoreLine = z.object({
  rule: z.string(),
  field: z.string(),
  points: z.number(),
  text: z.string(),
  key: z.string().optional(),
  params: z.record(z.string(), z.union([z.string(), z.number()])).optional(),
});
export const grades = z.object({
  score: z.object({ value: z.number(), band: z.enum(['hot', 'warm', 'cold']), lines: z.array(scoreLine) }),
  /** 甲/乙/丙 → A/B/C */
  qualification: z.enum(['A', 'B', 'C']).nullable(),
  rfm: z.object({ r: z.number(), f: z.number(), m: z.number(), code: z.string() }).nullable(),
  pyramid: z.enum(['top', 'major', 'ordinary', 'small']).nullable(),
  abc: z.enum(['A', 'B', 'C']).nullable(),
  keyAccount: z.object({ value: z.boolean(), reasons: z.array(z.string()) }),
  credit: z.object({ score: z.number(), limit: z.number(), dso: z.number().nullable() }).nullable(),
  loyalty: z.object({ index: z.number() }).nullable(),
  churnRisk: z.object({ value: z.boolean(), reasons: z.array(z.string()) }),
  ruleVersion: z.number().int(),
});
export type Grades = z.infer<typeof grades>;

/** Fields only the server writes: ownership (公海 pool rules, DESIGN §5) and grades. */
export const accountServerFields = z.object({
  owner: z.string().nullable(),
  team: z.string().nullable(),
  lockedOwner: z.boolean(),
  ownerSince: isoDateTime.nullable(),
  lapsesAt: isoDateTime.nullable(),
  sharedWith: z.array(z.string()),
  grades: grades.nullable(),
});

// ── Contact ────────────────────────────────────────────────────────────────────────────────────────────────
/** 决策者 decision-maker, 影响者 influencer, 使用者 user, 把关者 gatekeeper, 内线/教练 coach. */
export const buyingRole = z.enum(['decision-maker', 'influencer', 'user', 'gatekeeper', 'coach']);
/** Where a captured field came from (DESIGN §11): source URL or message id, which part, when. */
export const fieldProvenance = z.strictObject({
  source: text(2048),
  part: text(200).optional(),
  at: isoDateTime,
});
export const contactFields = z.strictObject({
  accountId: recordId,
  /** Chinese names stay whole: no forced first/last split. */
  name: requiredText(200),
  title: text(200).nullable(),
  emails: list(emailAddress, 20),
  phones: list(e164, 20),
  social: list(text(2048), 20),
  buyingRole: buyingRole.nullable(),
  isPrimary: z.boolean(),
  provenance: z.record(z.string().max(40), fieldProvenance),
});
export type ContactFields = z.infer<typeof contactFields>;

// ── Activity ───────────────────────────────────────────────────────────────────────────────────────────────
export const activityType = z.enum(['capture', 'email', 'call', 'visit', 'note', 'task', 'ownership']);
export const nextStep = z.strictObject({
  at: isoDateTime,
  place: text(500).optional(),
  purpose: text(1000).optional(),
});
export const activityFields = z.strictObject({
  accountId: recordId,
  contactId: recordId.nullable(),
  type: activityType,
  at: isoDateTime,
  by: text(200),
  summary: text(1000),
  body: text(200_000).nullable(),
  /** Source URL or mail message id. */
  source: text(2048).nullable(),
  next: nextStep.nullable(),
  /**
   * `email` activities: received from the customer (`in`) or sent by the rep (`out`), decided from the From address
   * when the mail is clipped; absent on other activities and on emails recorded before it existed.
   */
  direction: z.enum(['in', 'out']).nullable().optional(),
});
export type ActivityFields = z.infer<typeof activityFields>;

// ── Opportunity (商机/项目) ──────────────────────────────────────────────────────────────────────────────────
/** The six-stage key-account process (DESIGN §6) plus lost. */
export const opportunityStage = z.enum([
  'development',
  'initiation',
  'proposal',
  'bidding',
  'negotiation',
  'implementation',
  'lost',
]);
export const opportunityFields = z.strictObject({
  accountId: recordId,
  name: requiredText(300),
  amount: money,
  currency: currency,
  stage: opportunityStage,
  expectedClose: isoDateTime.nullable(),
  needs: text(4000).nullable(),
  schedule: text(2000).nullable(),
  budget: money.nullable(),
  decisionMakers: list(text(200), 50),
  competition: text(2000).nullable(),
  /** The customer's priority evaluation items. */
  criteria: list(text(300), 50),
  grade: z.enum(['A', 'B', 'C', 'D']).nullable(),
  lostReason: text(1000).nullable(),
  /** Gate data per stage key node (DESIGN §6), e.g. `{ "projectInfo": true, "bidSubmitted": true }`. */
  gates: z.record(z.string().max(60), z.union([z.boolean(), text(1000)])),
  /** A manager's override of a skipped gate, with its reason. */
  stageOverride: z.strictObject({ by: text(200), reason: requiredText(1000), at: isoDateTime }).nullable(),
});
export type OpportunityFields = z.infer<typeof opportunityFields>;

// ── Transaction (交易) ──────────────────────────────────────────────────────────────────────────────────────
export const transactionFields = z.strictObject({
  accountId: recordId,
  at: isoDateTime,
  amount: z.number().finite('must be a finite number'),
  currency: currency,
  product: text(300).nullable(),
  paidAt: isoDateTime.nullable(),
});
export type TransactionFields = z.infer<typeof transactionFields>;

// ── Complaint (投诉) ────────────────────────────────────────────────────────────────────────────────────────
export const complaintCategory = z.enum(['product-quality', 'service-attitude', 'facilities', 'other']);
/** The handling flow, in order: recorded → validity judged → … → closed. */
export const complaintStep = z.enum([
  'recorded',
  'validity-judged',
  'assigned',
  'cause-found',
  'solution-proposed',
  'approved',
  'carried-out',
  'customer-notified',
  'feedback',
  'closed',
]);
export const complaintFields = z.strictObject({
  accountId: recordId,
  at: isoDateTime,
  channel: text(100),
  category: complaintCategory,
  summary: text(4000),
  step: complaintStep,
  valid: z.boolean().nullable(),
  responsibleDept: text(200).nullable(),
  responsiblePerson: text(200).nullable(),
  cause: text(4000).nullable(),
  solution: text(4000).nullable(),
  approvedBy: text(200).nullable(),
  notifiedAt: isoDateTime.nullable(),
  satisfied: z.boolean().nullable(),
  closedAt: isoDateTime.nullable(),
});
export type ComplaintFields = z.infer<typeof complaintFields>;

// ── Survey (loyalty) ───────────────────────────────────────────────────────────────────────────────────────
export const surveyFields = z.strictObject({
  accountId: recordId,
  at: isoDateTime,
  /** 5 levels: 1 very dissatisfied … 5 very satisfied. */
  satisfaction: rating5,
  /** Repeat-purchase probability: >70% high, 30–70% medium, <30% low. */
  repeatPurchase: z.enum(['high', 'medium', 'low']),
  referral: z.enum(['likely', 'maybe', 'unlikely']),
});
export type SurveyFields = z.infer<typeof surveyFields>;

// ── The entity table ───────────────────────────────────────────────────────────────────────────────────────
export const entityName = z.enum([
  'account',
  'contact',
  'activity',
  'opportunity',
  'transaction',
  'complaint',
  'survey',
]);
export type EntityName = z.infer<typeof entityName>;

/** Client-writable fields per entity, as the wire names them. */
export const entityFields = {
  account: accountFields,
  contact: contactFields,
  activity: activityFields,
  opportunity: opportunityFields,
  transaction: transactionFields,
  complaint: complaintFields,
  survey: surveyFields,
} as const satisfies Record<EntityName, z.ZodObject>;

export type EntityFields = { [K in EntityName]: z.infer<(typeof entityFields)[K]> };

/** Entities that hang off an account (visibility follows the account). */
export const childEntities = ['contact', 'activity', 'opportunity', 'transaction', 'complaint', 'survey'] as const;

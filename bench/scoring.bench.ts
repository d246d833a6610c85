import type { AccountFields } from '../shared/schema/entities';
import { DEFAULT_RULES } from '../shared/scoring/default-rules';
import { type AccountRelated, type GradeableAccount, gradeAccount } from '../shared/scoring/grade-account';
import { populationStats } from '../shared/scoring/population-stats';
import { compareInterleaved } from './measure';
import type { Benchmark } from './types';

const COUNT = 100_000;
const NOW = new Date('2026-11-22T00:00:00Z');
const DAY = 86_400_000;
const DOCUMENT = { version: 2, rules: DEFAULT_RULES };

/** Deterministic PRNG (mulberry32) so every run scores the same population. */
function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Row = { account: GradeableAccount; related: AccountRelated };

/** 100k accounts as the server reads them: a few contacts, activities, transactions, complaints, a survey. */
export function scoringPopulation(count: number, seed = 5): Row[] {
  const random = seeded(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  const int = (max: number) => Math.floor(random() * max);
  const ago = (days: number) => new Date(NOW.getTime() - days * DAY).toISOString();
  const titles = [
    '总经理',
    '采购经理',
    '销售总监',
    'VP Sales',
    'Purchasing Manager',
    '专员',
    'Engineer',
    '客服主管',
    null,
  ];
  const industries = ['制造业', 'Software', 'retail', '金融服务', 'logistics', null];
  const regions = ['广东省深圳市', '上海', 'Texas', '四川成都', null];
  const sources: AccountFields['source'][] = ['referral', 'web', 'email', 'trade-show', 'directory', 'other'];
  const types = ['email', 'visit', 'call', 'note', 'capture'] as const;
  return Array.from({ length: count }, (_, i) => {
    const customer = random() < 0.6;
    const rated = random() < 0.5;
    const account: GradeableAccount = {
      id: `acc-${i}`,
      status: customer ? 'customer' : 'lead',
      employees: random() < 0.8 ? int(5000) : null,
      industry: pick(industries),
      region: pick(regions),
      source: pick(sources),
      needs:
        random() < 0.7
          ? {
              aware: random() < 0.7,
              match: pick(['high', 'medium', 'low', 'none'] as const),
              budgetTotal: int(2e6),
              budgetMatching: int(4e5),
            }
          : {},
      business: random() < 0.3 ? { budget: int(1e6) } : {},
      contract: random() < 0.2 ? { start: ago(200 + int(300)), end: ago(-(30 + int(500))), annualValue: int(1e6) } : {},
      strategic: random() < 0.02,
      credit: rated
        ? {
            character: 1 + int(5),
            capacity: 1 + int(5),
            capital: 1 + int(5),
            collateral: 1 + int(5),
            conditions: 1 + int(5),
            continuity: 1 + int(5),
          }
        : {},
    };
    const related: AccountRelated = {
      contacts: Array.from({ length: 1 + int(3) }, () => ({ title: pick(titles) })),
      activities: Array.from({ length: int(9) }, () => ({ type: pick(types), at: ago(int(200)) })),
      transactions: customer
        ? Array.from({ length: 1 + int(10) }, () => {
            const days = int(500);
            return { at: ago(days), amount: 1000 + int(200_000), paidAt: random() < 0.7 ? ago(days - int(90)) : null };
          })
        : [],
      complaints: customer && random() < 0.3 ? Array.from({ length: 1 + int(3) }, () => ({ at: ago(int(200)) })) : [],
      surveys:
        customer && random() < 0.4
          ? [
              {
                at: ago(int(300)),
                satisfaction: 1 + int(5),
                repeatPurchase: pick(['high', 'medium', 'low'] as const),
                referral: pick(['likely', 'maybe', 'unlikely'] as const),
              },
            ]
          : [],
    };
    return { account, related };
  });
}

/** Fresh transaction arrays per round, as rows read from storage would be (no parse cache carries over). */
function freshRows(rows: Row[]): Row[] {
  return rows.map(({ account, related }) => ({
    account,
    related: { ...related, transactions: related.transactions.slice() },
  }));
}

function rescore(rows: Row[]) {
  const fresh = freshRows(rows);
  const population = populationStats(
    fresh.map(({ account, related }) => ({ id: account.id, transactions: related.transactions })),
    DEFAULT_RULES,
    NOW,
  );
  return fresh.map(({ account, related }) => gradeAccount(account, related, population, DOCUMENT, NOW));
}

// ── The baseline: the same arithmetic in one plain loop, numbers only, no explanation ──────────────────────
const r = DEFAULT_RULES;
const tierPatterns = r.leadScore.fit.title.tiers.map((tier) => ({
  points: tier.points,
  pattern: new RegExp(
    tier.keywords
      .map((k) => {
        const escaped = k.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/\s+/g, '\\s+');
        return `${/^\w/.test(k) ? '(?<![A-Za-z0-9])' : ''}${escaped}${/\w$/.test(k) ? '(?![A-Za-z0-9])' : ''}`;
      })
      .join('|'),
    'i',
  ),
}));

function monthsBack(nowMs: number, months: number): number {
  const d = new Date(nowMs);
  d.setUTCMonth(d.getUTCMonth() - months);
  return d.getTime();
}

function cutsOf(values: number[]): number[] {
  if (values.length === 0) return [];
  const sorted = Float64Array.from(values).sort();
  const n = sorted.length;
  return [1, 2, 3, 4].map((k) => sorted[Math.ceil((n * k) / 5) - 1] as number);
}

type PlainTx = { at: number; amount: number; paid: number };
type PlainPopulation = {
  fCuts: number[];
  mCuts: number[];
  ranks: ReadonlyMap<string, { pyramid: string; abc: string }>;
};
const nowMs = NOW.getTime();
const year = monthsBack(nowMs, 12);
const half = monthsBack(nowMs, 6);

function plainTransactions(related: AccountRelated): PlainTx[] {
  return related.transactions.map((t) => ({
    at: Date.parse(t.at),
    amount: t.amount,
    paid: t.paidAt ? Date.parse(t.paidAt) : Number.NaN,
  }));
}

function plainRescore(rows: Row[]) {
  const fresh = freshRows(rows);
  // Population: F and M cut points, pyramid and ABC ranks.
  const counts: number[] = [];
  const amounts: number[] = [];
  const revenues: { id: string; revenue: number }[] = [];
  const parsedTx = fresh.map(({ account, related }) => {
    const txs = plainTransactions(related);
    let c = 0;
    let a = 0;
    for (const t of txs) {
      if (t.at > year && t.at <= nowMs) {
        c++;
        a += t.amount;
      }
    }
    if (c > 0) {
      counts.push(c);
      amounts.push(a);
      revenues.push({ id: account.id, revenue: a });
    }
    return txs;
  });
  const fCuts = cutsOf(counts);
  const mCuts = cutsOf(amounts);
  revenues.sort((x, y) => y.revenue - x.revenue || (x.id < y.id ? -1 : 1));
  const n = revenues.length;
  const total = revenues.reduce((s, x) => s + x.revenue, 0);
  const ranks = new Map<string, { pyramid: string; abc: string }>();
  let before = 0;
  revenues.forEach((x, i) => {
    const pyramid =
      i < Math.ceil(n * 0.01 - 1e-9)
        ? 'top'
        : i < Math.ceil(n * 0.05 - 1e-9)
          ? 'major'
          : i < Math.ceil(n * 0.2 - 1e-9)
            ? 'ordinary'
            : 'small';
    ranks.set(x.id, { pyramid, abc: before < total * 0.8 ? 'A' : before < total * 0.95 ? 'B' : 'C' });
    before += x.revenue;
  });
  const population: PlainPopulation = { fCuts, mCuts, ranks };
  return fresh.map(({ account, related }, index) =>
    plainGrade(account, related, parsedTx[index] as PlainTx[], population),
  );
}

function plainGrade(account: GradeableAccount, related: AccountRelated, txs: PlainTx[], population: PlainPopulation) {
  const { fCuts, mCuts, ranks } = population;
  const q = (v: number, cuts: number[]) => 1 + cuts.filter((c) => v > c).length;
  const fit = r.leadScore.fit;
  let title = 0;
  for (const c of related.contacts) {
    if (!c.title) continue;
    const tier = tierPatterns.find((t) => t.pattern.test(c.title as string));
    if (tier && tier.points > title) title = tier.points;
  }
  const size =
    account.employees === null
      ? 0
      : (fit.companySize.bands.find((b) => (account.employees as number) >= b.minEmployees)?.points ?? 0);
  const industry =
    account.industry &&
    fit.industry.targets.some((t) => (account.industry as string).toLowerCase().includes(t.toLowerCase()))
      ? fit.industry.points
      : 0;
  const region =
    account.region && fit.region.targets.some((t) => (account.region as string).toLowerCase().includes(t.toLowerCase()))
      ? fit.region.points
      : 0;
  const budgetValue = account.needs.budgetMatching ?? account.needs.budgetTotal ?? account.business.budget;
  const budget = budgetValue === undefined ? 0 : (fit.budget.bands.find((b) => budgetValue >= b.min)?.points ?? 0);
  let last = Number.NEGATIVE_INFINITY;
  let emails = 0;
  let visits = 0;
  for (const a of related.activities) {
    const at = Date.parse(a.at);
    if (!(at <= nowMs)) continue;
    if (a.type !== 'note' && a.type !== 'task' && a.type !== 'ownership' && at > last) last = at;
    if (at > nowMs - 30 * DAY && a.type === 'email') emails++;
    if (at > nowMs - 30 * DAY && a.type === 'visit') visits++;
  }
  const recency = last === Number.NEGATIVE_INFINITY ? 0 : Math.round(20 * 0.5 ** ((nowMs - last) / DAY / 14));
  const score =
    title +
    size +
    industry +
    region +
    budget +
    recency +
    Math.min(8, emails * 2) +
    Math.min(12, visits * 4) +
    r.leadScore.engagement.source.points[account.source];

  const { aware, match, budgetTotal = -1, budgetMatching = -1 } = account.needs;
  const qualification =
    aware === false || match === 'none'
      ? 'C'
      : aware === undefined
        ? null
        : match === 'high' && budgetTotal >= 500_000 && budgetMatching >= 100_000
          ? 'A'
          : 'B';

  let lastTx = Number.NEGATIVE_INFINITY;
  let count = 0;
  let revenue = 0;
  let recent = 0;
  let earlier = 0;
  let paidAmount = 0;
  let paidDays = 0;
  for (const t of txs) {
    if (t.at <= nowMs && t.at > lastTx) lastTx = t.at;
    if (t.at > year && t.at <= nowMs) {
      count++;
      revenue += t.amount;
      if (t.paid >= t.at && t.amount > 0) {
        paidAmount += t.amount;
        paidDays += ((t.paid - t.at) / DAY) * t.amount;
      }
    }
    if (t.at > half && t.at <= nowMs) recent += t.amount;
    else if (t.at > year && t.at <= half) earlier += t.amount;
  }
  const days = Math.floor((nowMs - lastTx) / DAY);
  const rScore =
    lastTx === Number.NEGATIVE_INFINITY ? 0 : days <= 7 ? 5 : days <= 30 ? 4 : days <= 60 ? 3 : days <= 120 ? 2 : 1;
  const rfm = rScore === 0 ? null : { r: rScore, f: q(count, fCuts), m: q(revenue, mCuts) };

  const { start, end, annualValue = 0 } = account.contract;
  let contract = false;
  if (start && end) {
    const s = new Date(start);
    const e = new Date(end);
    const whole = (e.getUTCFullYear() - s.getUTCFullYear()) * 12 + e.getUTCMonth() - s.getUTCMonth();
    const into = (d: Date) => d.getTime() - Date.UTC(d.getUTCFullYear(), d.getUTCMonth());
    const months = into(e) < into(s) ? whole - 1 : whole;
    contract = months >= 12 && annualValue >= 500_000 && s.getTime() <= nowMs && e.getTime() >= nowMs;
  }
  const keyAccount = revenue >= 1_000_000 || contract || account.strategic;

  let weighted = 0;
  let weights = 0;
  const w = r.credit.weights;
  const cr = account.credit;
  for (const [c, rating] of [
    ['character', cr.character],
    ['capacity', cr.capacity],
    ['capital', cr.capital],
    ['collateral', cr.collateral],
    ['conditions', cr.conditions],
    ['continuity', cr.continuity],
  ] as const) {
    if (rating === undefined) continue;
    weighted += (w[c] * (rating - 1)) / 4;
    weights += w[c];
  }
  const creditScore = weights === 0 ? null : Math.round((weighted / weights) * 100);
  const months = creditScore === null ? 0 : creditScore >= 80 ? 3 : creditScore >= 60 ? 2 : creditScore >= 40 ? 1 : 0;
  const credit =
    creditScore === null
      ? null
      : {
          score: creditScore,
          limit: Math.round((revenue * months) / 12),
          dso: paidAmount > 0 ? Math.round((paidDays / paidAmount) * 10) / 10 : null,
        };

  let survey: (typeof related.surveys)[number] | null = null;
  let surveyAt = Number.NEGATIVE_INFINITY;
  for (const s of related.surveys) {
    const at = Date.parse(s.at);
    if (at <= nowMs && at > surveyAt) {
      survey = s;
      surveyAt = at;
    }
  }
  const loyalty = survey
    ? Math.round((40 * (survey.satisfaction - 1)) / 4) +
      r.loyalty.repeatPurchase[survey.repeatPurchase] +
      r.loyalty.referral[survey.referral] +
      Math.min(15, Math.max(0, count - 1) * 5)
    : null;

  let latest = 0;
  let previous = 0;
  for (const c of related.complaints) {
    const at = Date.parse(c.at);
    if (at > nowMs - 90 * DAY && at <= nowMs) latest++;
    else if (at > nowMs - 180 * DAY && at <= nowMs - 90 * DAY) previous++;
  }
  const churn = rScore === 1 || (earlier > 0 && recent < earlier * 0.5) || (latest >= 2 && latest > previous);
  const rank = ranks.get(account.id);
  return {
    score,
    band: score >= 70 ? 'hot' : score >= 40 ? 'warm' : 'cold',
    qualification,
    rfm,
    rank,
    keyAccount,
    credit,
    loyalty,
    churn,
  };
}

export const benchmarks: Benchmark[] = [
  {
    name: 'gradeAccount re-scoring, 100k accounts',
    target: '≤ 3×',
    maxRatio: 3,
    run: async () => {
      const rows = scoringPopulation(COUNT);
      const ours = rescore(rows);
      const plain = plainRescore(rows);
      // The baseline must compute what we compute, or the ratio means nothing: every account agrees.
      for (let i = 0; i < COUNT; i++) {
        const [g, p] = [ours[i], plain[i]];
        if (
          g?.score.value !== p?.score ||
          g?.score.band !== p?.band ||
          g?.qualification !== p?.qualification ||
          (g?.rfm?.code ?? null) !== (p?.rfm ? `${p.rfm.r}${p.rfm.f}${p.rfm.m}` : null) ||
          g?.keyAccount.value !== p?.keyAccount ||
          g?.churnRisk.value !== p?.churn ||
          (g?.loyalty?.index ?? null) !== p?.loyalty ||
          JSON.stringify(g?.credit) !== JSON.stringify(p?.credit) ||
          g?.pyramid !== (p?.rank?.pyramid ?? null) ||
          g?.abc !== (p?.rank?.abc ?? null)
        ) {
          throw new Error(`baseline disagrees on account ${i}: ${JSON.stringify({ ours: g, plain: p })}`);
        }
      }
      const result = await compareInterleaved(
        () => rescore(rows),
        () => plainRescore(rows),
        { repeats: 5 },
      );
      const lines = ours.reduce((sum, g) => sum + g.score.lines.length, 0);
      return {
        ...result,
        detail: `${COUNT} accounts (${Math.round(lines / COUNT)} explained score lines each) with contacts, activities, transactions, complaints, surveys: populationStats + gradeAccount; baseline: one plain loop, same arithmetic, no explanations`,
      };
    },
  },
  {
    name: 'gradeAccount incremental re-score of one account, at 100k accounts',
    target: '≤ 3×',
    maxRatio: 3,
    unit: 'µs',
    run: async () => {
      const rows = scoringPopulation(COUNT);
      const population = populationStats(
        rows.map(({ account, related }) => ({ id: account.id, transactions: related.transactions })),
        DEFAULT_RULES,
        NOW,
      );
      const plainPopulation = {
        fCuts: [...population.frequencyCuts],
        mCuts: [...population.monetaryCuts],
        ranks: population.ranks,
      };
      // After a push: one account re-read (fresh rows) and re-graded against the last batch's population.
      const pushed = Array.from({ length: 1000 }, (_, i) => rows[(i * 97) % COUNT] as Row);
      const ours = () => {
        for (const { account, related } of pushed) {
          gradeAccount(account, { ...related, transactions: related.transactions.slice() }, population, DOCUMENT, NOW);
        }
      };
      const plain = () => {
        for (const { account, related } of pushed)
          plainGrade(account, related, plainTransactions(related), plainPopulation);
      };
      const { measured, baseline } = await compareInterleaved(ours, plain, { repeats: 15, warmup: 3 });
      return {
        measured: (measured / pushed.length) * 1000,
        baseline: (baseline / pushed.length) * 1000,
        detail: `median per account over ${pushed.length} pushed accounts, population of ${COUNT}; baseline: the plain loop's arithmetic for one account`,
      };
    },
  },
];

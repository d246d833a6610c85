import type { AccountFields, ActivityFields, ContactFields } from '../schema/entities';
import { type ExplanationLine, line } from './explain';
import type { ScoringRules } from './rules';
import { DAY_MS, timeOf } from './time';
import { titleTier } from './title-tier';

export type LeadScoreInput = {
  account: Pick<AccountFields, 'employees' | 'industry' | 'region' | 'source' | 'needs' | 'business'>;
  contacts: readonly Pick<ContactFields, 'title'>[];
  activities: readonly Pick<ActivityFields, 'type' | 'at'>[];
};
export type LeadBand = 'hot' | 'warm' | 'cold';
export type LeadScore = { value: number; band: LeadBand; fit: number; engagement: number; lines: ExplanationLine[] };

/**
 * Lead score 0–100 = fit (0–50: title, company size, industry, region, budget) + engagement (0–50: recency of the
 * last activity, emails and visits in the window, source). Every line's points are whole and add up to `value`.
 */
export function leadScore(input: LeadScoreInput, rules: ScoringRules, now: Date): LeadScore {
  const nowMs = now.getTime();
  const fitLines = fitLinesOf(input, rules.leadScore.fit);
  const engagementLines = engagementLinesOf(input, rules.leadScore.engagement, nowMs);
  const fitPoints = sum(fitLines);
  const engagementPoints = sum(engagementLines);
  const value = fitPoints + engagementPoints;
  return {
    value,
    band: leadBand(value, rules),
    fit: fitPoints,
    engagement: engagementPoints,
    lines: [...fitLines, ...engagementLines],
  };
}

/** hot ≥ 70, warm 40–69, cold < 40 (by default). */
export function leadBand(value: number, rules: ScoringRules): LeadBand {
  const { hot, warm } = rules.leadScore.bands;
  return value >= hot ? 'hot' : value >= warm ? 'warm' : 'cold';
}

function fitLinesOf({ account, contacts }: LeadScoreInput, rules: ScoringRules['leadScore']['fit']): ExplanationLine[] {
  const lines: ExplanationLine[] = [];

  // The most senior contact we know speaks for the account's fit.
  let best: { title: string; tier: string; points: number } | null = null;
  for (const contact of contacts) {
    const tier = titleTier(contact.title, rules.title);
    if (tier && contact.title && (!best || tier.points > best.points)) {
      best = { title: contact.title, tier: tier.id, points: tier.points };
    }
  }
  lines.push(
    best
      ? line('leadScore.fit.title', 'contacts.title', best.points, 'scoring.fit.title', best)
      : line('leadScore.fit.title', 'contacts.title', 0, 'scoring.fit.title.none'),
  );

  const { employees } = account;
  if (employees === null) {
    lines.push(line('leadScore.fit.companySize', 'employees', 0, 'scoring.fit.size.unknown'));
  } else {
    const band = rules.companySize.bands.find((b) => employees >= b.minEmployees);
    lines.push(
      band
        ? line('leadScore.fit.companySize', 'employees', band.points, 'scoring.fit.size', {
            employees,
            min: band.minEmployees,
            points: band.points,
          })
        : line('leadScore.fit.companySize', 'employees', 0, 'scoring.fit.size.small', { employees }),
    );
  }

  lines.push(targetLine('industry', account.industry, rules.industry));
  lines.push(targetLine('region', account.region, rules.region));

  const [budget, field] =
    account.needs.budgetMatching !== undefined
      ? [account.needs.budgetMatching, 'needs.budgetMatching']
      : account.needs.budgetTotal !== undefined
        ? [account.needs.budgetTotal, 'needs.budgetTotal']
        : [account.business.budget, 'business.budget'];
  if (budget === undefined) {
    lines.push(line('leadScore.fit.budget', field, 0, 'scoring.fit.budget.unknown'));
  } else {
    const band = rules.budget.bands.find((b) => budget >= b.min);
    lines.push(
      band
        ? line('leadScore.fit.budget', field, band.points, 'scoring.fit.budget', {
            budget,
            min: band.min,
            points: band.points,
          })
        : line('leadScore.fit.budget', field, 0, 'scoring.fit.budget.small', { budget }),
    );
  }
  return lines;
}

function targetLine(
  kind: 'industry' | 'region',
  value: string | null,
  rules: { targets: readonly string[]; points: number },
): ExplanationLine {
  const rule = `leadScore.fit.${kind}`;
  if (!value) return line(rule, kind, 0, `scoring.fit.${kind}.unknown`);
  const lower = value.toLowerCase();
  const target = rules.targets.find((t) => lower.includes(t.toLowerCase()));
  return target === undefined
    ? line(rule, kind, 0, `scoring.fit.${kind}.miss`, { value })
    : line(rule, kind, rules.points, `scoring.fit.${kind}.match`, { value, target, points: rules.points });
}

function engagementLinesOf(
  { account, activities }: LeadScoreInput,
  rules: ScoringRules['leadScore']['engagement'],
  nowMs: number,
): ExplanationLine[] {
  const lines: ExplanationLine[] = [];
  const windowStart = nowMs - rules.windowDays * DAY_MS;
  const counts = new Map<string, number>();
  let last = Number.NEGATIVE_INFINITY;
  for (const activity of activities) {
    const at = timeOf(activity.at);
    // A future activity is a plan, not engagement.
    if (!(at <= nowMs)) continue;
    if (rules.recency.activityTypes.includes(activity.type) && at > last) last = at;
    if (at > windowStart) counts.set(activity.type, (counts.get(activity.type) ?? 0) + 1);
  }

  if (last === Number.NEGATIVE_INFINITY) {
    lines.push(line('leadScore.engagement.recency', 'activities.at', 0, 'scoring.engagement.recency.none'));
  } else {
    const days = (nowMs - last) / DAY_MS;
    // Interest fades: the points halve every half-life since the last touch.
    const points = Math.round(rules.recency.maxPoints * 0.5 ** (days / rules.recency.halfLifeDays));
    lines.push(
      line('leadScore.engagement.recency', 'activities.at', points, 'scoring.engagement.recency', {
        days: Math.floor(days),
        halfLife: rules.recency.halfLifeDays,
        points,
      }),
    );
  }

  for (const count of rules.counts) {
    const n = counts.get(count.type) ?? 0;
    const points = Math.min(count.maxPoints, n * count.pointsEach);
    lines.push(
      line(`leadScore.engagement.${count.type}`, 'activities.type', points, `scoring.engagement.count.${count.type}`, {
        count: n,
        days: rules.windowDays,
        points,
      }),
    );
  }

  const sourcePoints = rules.source.points[account.source];
  lines.push(
    line('leadScore.engagement.source', 'source', sourcePoints, `scoring.engagement.source.${account.source}`, {
      points: sourcePoints,
    }),
  );
  return lines;
}

function sum(lines: readonly ExplanationLine[]): number {
  let total = 0;
  for (const l of lines) total += l.points;
  return total;
}

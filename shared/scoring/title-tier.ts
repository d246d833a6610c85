import type { ScoringRules } from './rules';

type TitleRules = ScoringRules['leadScore']['fit']['title'];
export type TitleTier = { id: string; points: number };

const compiledTiers = new WeakMap<TitleRules, { id: string; points: number; pattern: RegExp }[]>();

/**
 * The seniority tier of a job title, first matching tier wins: `titleTier('销售总监', rules)` → director.
 * CJK keywords match anywhere (titles run together: 华南区销售总监); Latin ones only as whole words, so that
 * "Director" is not read as "CTO".
 */
export function titleTier(title: string | null | undefined, rules: TitleRules): TitleTier | null {
  if (!title) return null;
  for (const tier of tiersOf(rules)) {
    if (tier.pattern.test(title)) return { id: tier.id, points: tier.points };
  }
  return null;
}

function tiersOf(rules: TitleRules) {
  let tiers = compiledTiers.get(rules);
  if (!tiers) {
    tiers = rules.tiers.map((tier) => ({
      id: tier.id,
      points: tier.points,
      pattern: new RegExp(tier.keywords.map(keywordPattern).join('|'), 'i'),
    }));
    compiledTiers.set(rules, tiers);
  }
  return tiers;
}

function keywordPattern(keyword: string): string {
  const escaped = keyword.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/\s+/g, '\\s+');
  const start = /^\w/.test(keyword) ? '(?<![A-Za-z0-9])' : '';
  const end = /\w$/.test(keyword) ? '(?![A-Za-z0-9])' : '';
  return `${start}${escaped}${end}`;
}

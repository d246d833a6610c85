import type { ScoringRules } from './rules';

export type ClaimCheck = { allowed: true } | { allowed: false; reason: 'lead-cap'; limit: number; owned: number };

/** A rep may claim a lead from the pool while they own fewer than the cap (500 by default, DESIGN §5). */
export function canClaim(ownedLeadCount: number, rules: ScoringRules): ClaimCheck {
  const limit = rules.ownership.maxOwnedLeads;
  return ownedLeadCount < limit
    ? { allowed: true }
    : { allowed: false, reason: 'lead-cap', limit, owned: ownedLeadCount };
}

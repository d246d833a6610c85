/**
 * When an owned account goes back to the team's public pool (公海, DESIGN §5): after this many days without a
 * follow-up by its owner. Defaults of §5 until the rule document of shared/scoring carries them; pass another
 * rule to `makeDeps` to change them.
 */
/** The ISO date an account of this status lapses if `from` is the owner's last follow-up; null = never. */
export type LapseRule = (status: unknown, from: Date) => string | null;

export function lapseAfterDays(days: { lead: number; customer: number }): LapseRule {
  return (status, from) => {
    const n = status === 'customer' ? days.customer : days.lead;
    return new Date(from.getTime() + n * 86_400_000).toISOString();
  };
}

/** 30 days for leads (and lost accounts being won back), 90 for customers. */
export const defaultLapseRule: LapseRule = lapseAfterDays({ lead: 30, customer: 90 });

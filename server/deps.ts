import { randomBytes } from 'node:crypto';
import { HybridLogicalClock } from '../shared/hlc/hlc';
import { uuidv7 } from '../shared/id/uuidv7';
import { DEFAULT_RULES } from '../shared/scoring/default-rules';
import { FailureLimiter } from './auth/rate-limit';
import type { Storage } from './db/storage';
import { type LapseRule, lapseAfterDays } from './ownership/lapse';
import type { Scoring } from './scoring/scoring';
import type { Rescore } from './scoring-seam';

/** Everything the routes need from outside, passed in so tests control time, ids and storage. */
export interface AppDeps {
  storage: Storage;
  /** Now, injected (tests move it). */
  now: () => Date;
  newId: () => string;
  /** The server's own HLC, for records it writes itself (ownership activities). */
  hlc: HybridLogicalClock;
  lapse: LapseRule;
  /** Called after a push or an ownership change touched an account (the scoring seam, see scoring-seam.ts). */
  rescore: Rescore;
  /** Rules, incremental and batch re-scoring (server/scoring/); absent in tests that do not grade. */
  scoring?: Scoring;
  /** One line per request; never personal data. */
  log: (line: string) => void;
  limits: { loginByName: FailureLimiter; loginByAddress: FailureLimiter; ownedLeads: number };
}

export function makeDeps(storage: Storage, overrides: Partial<AppDeps> = {}): AppDeps {
  const now = overrides.now ?? (() => new Date());
  return {
    storage,
    now,
    newId: () => uuidv7(now().getTime(), randomBytes),
    hlc: new HybridLogicalClock('server', () => now().getTime()),
    // DESIGN §5 defaults, from the scoring rule document (30 days for leads, 90 for customers).
    lapse: lapseAfterDays({
      lead: DEFAULT_RULES.ownership.leadLapseDays,
      customer: DEFAULT_RULES.ownership.customerLapseDays,
    }),
    rescore: async () => {},
    log: () => {},
    limits: {
      // 5 failed logins per name and 20 per address in 15 minutes, then 429 until the window ends.
      loginByName: new FailureLimiter(5, 15 * 60_000),
      loginByAddress: new FailureLimiter(20, 15 * 60_000),
      // DESIGN §5: a rep holds at most 500 owned leads.
      ownedLeads: DEFAULT_RULES.ownership.maxOwnedLeads,
    },
    ...overrides,
  };
}

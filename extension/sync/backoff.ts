export interface BackoffOptions {
  baseMs: number;
  capMs: number;
}

export const DEFAULT_BACKOFF: BackoffOptions = { baseMs: 2_000, capMs: 5 * 60_000 };

/**
 * The wait before retry number `attempt` (0 = the first retry) when the server is away: exponential, capped,
 * with "equal jitter" (half fixed, half random) so that a team's extensions do not all come back at once after
 * an outage. `random01` is a number in [0, 1).
 */
export function backoffDelay(attempt: number, random01: number, options: BackoffOptions = DEFAULT_BACKOFF): number {
  const ceiling = Math.min(options.capMs, options.baseMs * 2 ** Math.max(0, Math.min(attempt, 30)));
  return Math.round(ceiling / 2 + (ceiling / 2) * random01);
}

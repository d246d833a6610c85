/**
 * Fixed-window counters of failed logins, per key (`name:…`, `addr:…`). In memory: one process serves one team
 * (several processes behind a balancer would keep these in the shared database instead).
 */
export class FailureLimiter {
  private readonly windows = new Map<string, { start: number; count: number }>();

  constructor(
    private readonly limit: number,
    private readonly windowMs: number,
  ) {}

  /** Milliseconds until the key may try again, or 0 when it may try now. */
  retryAfter(key: string, now: number): number {
    const window = this.windows.get(key);
    if (!window || now - window.start >= this.windowMs) return 0;
    return window.count >= this.limit ? window.start + this.windowMs - now : 0;
  }

  fail(key: string, now: number): void {
    const window = this.windows.get(key);
    if (!window || now - window.start >= this.windowMs) this.windows.set(key, { start: now, count: 1 });
    else window.count++;
    if (this.windows.size > 100_000) this.sweep(now);
  }

  succeed(key: string): void {
    this.windows.delete(key);
  }

  private sweep(now: number): void {
    for (const [key, window] of this.windows) if (now - window.start >= this.windowMs) this.windows.delete(key);
  }
}

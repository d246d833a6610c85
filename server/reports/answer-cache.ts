/**
 * Remembers up to `max` report answers by key (data version, minute, caller, URL). A key with another data
 * version or minute never matches again, so the oldest entries simply age out first.
 */
export class AnswerCache {
  private readonly entries = new Map<string, string>();

  constructor(private readonly max: number) {}

  get(key: string): string | undefined {
    return this.entries.get(key);
  }

  set(key: string, body: string): void {
    this.entries.delete(key);
    this.entries.set(key, body);
    while (this.entries.size > this.max) {
      const oldest = this.entries.keys().next().value;
      if (oldest === undefined) break;
      this.entries.delete(oldest);
    }
  }
}

import type { Grades } from '../../shared/schema/entities';
import { EMPTY_POPULATION, type PopulationStats } from '../../shared/scoring/population-stats';
import type { RuleDocument } from '../../shared/scoring/rules';
import type { FullRescoreMark, Storage } from '../db/storage';
import type { ScoreAccount } from '../scoring-seam';
import { gradeCard, incrementalScorer } from './grade-card';
import { populationFromTransactions, rankChanges, sameCuts } from './population';
import { RuleStore, type SaveRulesResult } from './rule-store';

/**
 * Revision of the grading code (grade-card.ts, shared/scoring/): bump it when a change grades an account
 * differently under the same rules, so the next server start re-scores everything instead of trusting stored grades.
 */
export const SCORING_REVISION = 1;

/** `all`: every account (a rule change, the schedule); `population`: the accounts the batch statistics touch. */
export type RescoreKind = 'all' | 'population';

/** Progress of a batch, by the rule version it applies: `GET /api/v1/rules/rescore` shows the full re-score's. */
export type RescoreProgress = { version: number; done: number; total: number; running: boolean };

export interface ScoringOptions {
  storage: Storage;
  now: () => Date;
  log?: (line: string) => void;
  /** Accounts graded per step of a batch, between which the event loop runs (requests are served). */
  chunkSize?: number;
  /** Quiet time after the last push before the population batch runs ("after pushes settle"). */
  settleMs?: number;
  /** Period of the scheduled full re-score (recency decays with time even when nothing changes); null: none. */
  scheduleMs?: number | null;
}

/**
 * Scoring on the server (DESIGN §4): the rules in force, the incremental grader a push runs in its own
 * transaction, and the background batch that recomputes the population-relative grades (F and M quintiles,
 * pyramid, ABC) after pushes settle, re-scores everything after a rule change and on a schedule. One batch
 * runs at a time; a rule change stops the running one and starts over with the new version.
 */
export class Scoring {
  readonly rules: RuleStore;
  private readonly storage: Storage;
  private readonly now: () => Date;
  private readonly log: (line: string) => void;
  private readonly chunkSize: number;
  private readonly settleMs: number;
  private readonly scheduleMs: number | null;
  private population: PopulationStats = EMPTY_POPULATION;
  private loading: Promise<RuleDocument> | null = null;
  private readonly state: Record<RescoreKind, RescoreProgress> = {
    all: { version: 0, done: 0, total: 0, running: false },
    population: { version: 0, done: 0, total: 0, running: false },
  };
  private job: Promise<void> | null = null;
  private wanted: RescoreKind | null = null;
  private abort = false;
  private stopped = false;
  private settleTimer: ReturnType<typeof setTimeout> | null = null;
  private scheduleTimer: ReturnType<typeof setInterval> | null = null;
  /** Waits from start until the next scheduled full re-score is due (last one + period). */
  private startTimer: ReturnType<typeof setTimeout> | null = null;
  private readonly incremental: ScoreAccount;

  constructor(options: ScoringOptions) {
    this.storage = options.storage;
    this.now = options.now;
    this.log = options.log ?? (() => {});
    // 100: a chunk of 500 at 100k accounts took ~0.1–0.4 s, the wait it added to a request arriving meanwhile.
    this.chunkSize = options.chunkSize ?? 100;
    this.settleMs = options.settleMs ?? 2_000;
    this.scheduleMs = options.scheduleMs === undefined ? 60 * 60_000 : options.scheduleMs;
    this.rules = new RuleStore(this.storage);
    this.incremental = incrementalScorer(
      () => this.rules.current(),
      () => this.population,
    );
  }

  /** Loads the rules once (the first push or rules request waits for it). */
  ready(): Promise<RuleDocument> {
    this.loading ??= this.rules.load().catch((error: Error) => {
      this.loading = null;
      throw error;
    });
    return this.loading;
  }

  /** The grader for a push's transaction (server/db/storage.ts `PushBatch.score`). */
  async scorer(): Promise<ScoreAccount> {
    await this.ready();
    return this.incremental;
  }

  /**
   * Starts the process's scoring: the population statistics (in memory, for the incremental grader), then a full
   * re-score only when the stored grades are stale (see `nextFullRescore`), and the schedule from the last one.
   */
  async start(): Promise<void> {
    const document = await this.ready();
    const now = this.now();
    this.population = populationFromTransactions(await this.storage.accountTransactions(), document.rules, now);
    // Accounts written while no server ran (`leadcard import`) have no grades: stored grades are then not current.
    const ungraded = await this.storage.hasUngradedAccounts();
    const delay = nextFullRescore(
      ungraded ? null : await this.storage.lastFullRescore(),
      { ruleVersion: document.version, revision: SCORING_REVISION },
      now.getTime(),
      this.scheduleMs,
    );
    if (this.stopped || delay === null) return;
    const schedule = () => {
      this.request('all');
      if (this.scheduleMs === null || this.stopped) return;
      this.scheduleTimer = setInterval(() => this.request('all'), this.scheduleMs);
      this.scheduleTimer.unref();
    };
    if (delay === 0) schedule();
    else {
      this.startTimer = setTimeout(() => {
        this.startTimer = null;
        schedule();
      }, delay);
      this.startTimer.unref();
    }
  }

  /** Stops the timers and the running batch (between two chunks); resolves when it has stopped. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.settleTimer) clearTimeout(this.settleTimer);
    if (this.scheduleTimer) clearInterval(this.scheduleTimer);
    if (this.startTimer) clearTimeout(this.startTimer);
    this.startTimer = null;
    this.settleTimer = null;
    this.scheduleTimer = null;
    this.wanted = null;
    this.abort = true;
    await this.idle();
  }

  /** A push or an ownership change touched an account (the seam's `rescore`): the population batch follows
   * once pushes have been quiet for `settleMs`. The account itself was graded in the push's transaction. */
  touched(_accountId: string): void {
    if (this.stopped) return;
    if (this.settleTimer) clearTimeout(this.settleTimer);
    this.settleTimer = setTimeout(() => {
      this.settleTimer = null;
      this.request('population');
    }, this.settleMs);
    this.settleTimer.unref();
  }

  /** Runs a pending settle batch now (tests, shutdown of a benchmark). */
  settleNow(): void {
    if (!this.settleTimer) return;
    clearTimeout(this.settleTimer);
    this.settleTimer = null;
    this.request('population');
  }

  /** Saves new rules as the next version and re-scores everything with them in the background. */
  async changeRules(rules: unknown, createdBy: string, basedOn?: number): Promise<SaveRulesResult> {
    await this.ready();
    const saved = await this.rules.save(rules, createdBy, this.now(), basedOn);
    if (saved.ok) this.request('all', true);
    return saved;
  }

  /** The latest full re-score (after a rule change, at start, on the schedule), or the latest population batch. */
  progress(kind: RescoreKind = 'all'): RescoreProgress {
    return { ...this.state[kind] };
  }

  /** Resolves when no batch runs or waits (a pending settle timer is not waited for: see `settleNow`). */
  async idle(): Promise<void> {
    while (this.job) await this.job;
  }

  /** Asks for a batch; `restart` stops a running one first (a rule change makes its work stale). */
  request(kind: RescoreKind, restart = false): void {
    if (this.stopped) return;
    if (kind === 'all' || this.wanted === null) this.wanted = kind;
    if (restart && this.job) this.abort = true;
    // Shown at once, so a client that just saved rules never reads the previous batch's "done".
    this.state[this.wanted].running = true;
    this.job ??= this.runJobs();
  }

  private async runJobs(): Promise<void> {
    try {
      while (this.wanted !== null && !this.stopped) {
        const kind = this.wanted;
        this.wanted = null;
        this.abort = false;
        try {
          await this.runBatch(kind);
        } catch (error) {
          const e = error as Error;
          this.log(`rescore batch failed: ${e.name}: ${e.message}`);
        }
      }
    } finally {
      this.state.all.running = false;
      this.state.population.running = false;
      this.job = null;
    }
  }

  /** Every live transaction, read in chunks between which requests are served (~300k at 100k accounts). */
  private async liveTransactions(): Promise<{ accountId: string; fields: Record<string, unknown> }[]> {
    const all: { accountId: string; fields: Record<string, unknown> }[] = [];
    let after = '';
    for (;;) {
      const chunk = await this.storage.accountTransactionsAfter(after, this.chunkSize * 10);
      all.push(...chunk);
      const last = chunk.at(-1);
      if (!last || chunk.length < this.chunkSize * 10) return all;
      after = last.id;
      await new Promise((resolve) => setImmediate(resolve));
    }
  }

  private async runBatch(kind: RescoreKind): Promise<void> {
    const document = await this.rules.load();
    const now = this.now();
    const transactions = await this.liveTransactions();
    const population = populationFromTransactions(transactions, document.rules, now);
    const previous = this.population;
    this.population = population;
    let ids: string[];
    if (kind === 'all') ids = await this.storage.accountIds();
    // Pushes graded their accounts against the previous statistics: with the same cut points, only the accounts
    // whose pyramid tier or ABC class moved are stale (none at all, usually), not every customer.
    else if (sameCuts(previous, population)) ids = rankChanges(previous, population);
    else {
      // The population-relative grades can change only for accounts with transactions, or ranked before.
      const touched = new Set(transactions.map((t) => t.accountId));
      for (const id of previous.ranks.keys()) touched.add(id);
      ids = [...touched].sort();
    }
    const progress = { version: document.version, done: 0, total: ids.length, running: true };
    this.state[kind] = progress;
    let written = 0;
    for (let start = 0; start < ids.length; start += this.chunkSize) {
      if (this.abort || this.stopped) {
        // A restart with new rules follows at once: the full re-score is still under way.
        progress.running = this.wanted === kind;
        return;
      }
      const cards = await this.storage.scoringCards(ids.slice(start, start + this.chunkSize));
      const changed: { accountId: string; version: number; grades: Grades }[] = [];
      for (const card of cards) {
        const grades = gradeCard(card.id, card.fields, card.children, population, document, now);
        if (JSON.stringify(grades) !== JSON.stringify(card.grades))
          changed.push({ accountId: card.id, version: card.version, grades });
      }
      written += await this.storage.setGradesMany(changed);
      progress.done = Math.min(start + this.chunkSize, ids.length);
      await new Promise((resolve) => setImmediate(resolve));
    }
    progress.running = false;
    // Only a full re-score that ran to its end is remembered: an interrupted one runs again at the next start.
    if (kind === 'all')
      await this.storage.setLastFullRescore({
        ruleVersion: document.version,
        revision: SCORING_REVISION,
        at: now.getTime(),
      });
    this.log(`rescore ${kind} v${document.version}: ${ids.length} accounts, ${written} changed`);
  }
}

/**
 * How long until the next full re-score (0: now) given the last completed one, or null: none is needed (no
 * schedule and the stored grades are current). Stale grades — never re-scored, other rules or grading code — are
 * re-scored at once; current ones when the period since the last run has passed (recency decays with time).
 */
export function nextFullRescore(
  last: FullRescoreMark | null,
  current: { ruleVersion: number; revision: number },
  nowMs: number,
  scheduleMs: number | null,
): number | null {
  if (!last || last.ruleVersion !== current.ruleVersion || last.revision !== current.revision) return 0;
  if (scheduleMs === null) return null;
  // A mark from the future (a clock set back) is not trusted to postpone the re-score beyond one period.
  return Math.max(0, Math.min(scheduleMs, last.at + scheduleMs - nowMs));
}

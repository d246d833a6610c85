import type { Grades } from '../shared/schema/entities';
import { DEFAULT_RULES } from '../shared/scoring/default-rules';
import { type AccountRelated, type GradeableAccount, gradeAccount } from '../shared/scoring/grade-account';
import { EMPTY_POPULATION, type PopulationStats } from '../shared/scoring/population-stats';
import type { RuleDocument } from '../shared/scoring/rules';
import type { AccountView, ChildRecord, Storage } from './db/storage';

/**
 * The seam between writes and scoring: the two types the rest of the server grades through, and a small
 * stand-alone grader.
 * - `Rescore`: `deps.rescore(accountId)` is called after a push or an ownership change touched an account.
 *   server/main.ts wires it to `Scoring.touched` (server/scoring/scoring.ts), which schedules the population batch.
 * - `ScoreAccount`: grades one card; `Scoring.scorer()` hands one to `storage.push` (routes/sync.ts, convert.ts,
 *   opportunities.ts), which grades the pushed accounts inside the push's own transaction. Grades are written
 *   only by the server; clients cannot send them (the push schema refuses them).
 * - `scoreWithRules`, `rescoreWith` and `rescoreQueue` grade with fixed rules and no batch statistics, queued in
 *   the background: what the server ran before server/scoring/ existed, kept for tests that grade without the
 *   `Scoring` service (scoring-seam.test.ts). The running server does not use them.
 */
export type Rescore = (accountId: string) => Promise<void>;

export type ScoreAccount = (card: { account: AccountView; children: ChildRecord[] }, now: Date) => Grades | null;

/** The rule document in force until an admin saves one (version 1 = the defaults of DESIGN §4/§5). */
export const DEFAULT_RULE_DOCUMENT: Pick<RuleDocument, 'version' | 'rules'> = { version: 1, rules: DEFAULT_RULES };

/** Grades an account from its card and children, filling fields the card has not set yet with neutral values. */
export function scoreWithRules(
  document: Pick<RuleDocument, 'version' | 'rules'> = DEFAULT_RULE_DOCUMENT,
  population: () => PopulationStats = () => EMPTY_POPULATION,
): ScoreAccount {
  return ({ account, children }, now) => {
    const f = account.fields as Partial<GradeableAccount>;
    const gradeable: GradeableAccount = {
      id: account.id,
      status: f.status ?? 'lead',
      employees: f.employees ?? null,
      industry: f.industry ?? null,
      region: f.region ?? null,
      source: f.source ?? 'other',
      needs: f.needs ?? {},
      business: f.business ?? {},
      contract: f.contract ?? {},
      strategic: f.strategic ?? false,
      credit: f.credit ?? {},
    };
    const of = <T>(entity: string) => children.filter((c) => c.entity === entity).map((c) => c.fields as T);
    const related: AccountRelated = {
      contacts: of<{ title: string | null }>('contact').map((c) => ({ title: c.title ?? null })),
      activities: of<AccountRelated['activities'][number]>('activity').filter((a) => a.type && a.at),
      transactions: of<AccountRelated['transactions'][number]>('transaction').filter(
        (t) => t.at && typeof t.amount === 'number',
      ),
      complaints: of<AccountRelated['complaints'][number]>('complaint').filter((c) => c.at),
      surveys: of<AccountRelated['surveys'][number]>('survey').filter((s) => s.at && s.satisfaction),
    };
    return gradeAccount(gradeable, related, population(), document, now);
  };
}

/** Re-grades one account now; writes only when the grades changed (so a replayed push costs no new version). */
export function rescoreWith(storage: Storage, score: ScoreAccount, now: () => Date = () => new Date()): Rescore {
  return async (accountId) => {
    const account = await storage.account(accountId);
    if (!account || account.deleted) return;
    const children = await storage.accountChildren(accountId, 10_000);
    const grades = score({ account, children }, now());
    if (JSON.stringify(grades) !== JSON.stringify(account.grades)) await storage.setGrades(accountId, grades);
  };
}

/**
 * Runs `rescore` in the background, each account once however often it is queued meanwhile, so a push answers
 * without waiting for grades; the grades reach clients on their next pull (a new version). `idle()` resolves
 * when the queue is empty (tests). A failure is reported and the queue goes on.
 */
export function rescoreQueue(rescore: Rescore, report: (error: Error) => void = () => {}) {
  const pending = new Set<string>();
  let running: Promise<void> | null = null;
  const drain = async () => {
    while (pending.size > 0) {
      const [id] = pending;
      if (id === undefined) break;
      pending.delete(id);
      try {
        await rescore(id);
      } catch (error) {
        report(error as Error);
      }
      await new Promise((resolve) => setImmediate(resolve));
    }
    running = null;
  };
  return {
    enqueue: async (accountId: string) => {
      pending.add(accountId);
      running ??= drain();
    },
    idle: async () => {
      while (running) await running;
    },
  };
}

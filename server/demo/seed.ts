import { randomUUID } from 'node:crypto';
import { MAX_PUSH_MUTATIONS, pushRequest } from '../../shared/schema/sync/push';
import { generatePassword, hashPassword } from '../auth/secrets';
import type { Storage, User } from '../db/storage';
import { makeDeps } from '../deps';
import { ensureFirstAdmin } from '../main';
import { changeOwnership } from '../ownership/ownership';
import { Scoring } from '../scoring/scoring';
import { type DemoDataset, demoDataset } from './generate';

export type SeedOptions = { seed: number; accounts: number; now: Date; force: boolean };

export type SeedResult = {
  /** The quick start's first admin, when this run created it (shown once). */
  firstAdmin: { name: string; password: string } | null;
  /** The demo users created now with their generated passwords (shown once); `password: null`: already there. */
  users: { name: string; role: string; team: string | null; password: string | null }[];
  counts: DemoDataset['counts'];
  pool: number;
  graded: number;
};

/**
 * Fills a database with the demo dataset (server/demo/generate.ts): the users, then each rep's records written
 * through the same storage push as the sync API (merge, ownership, versions, grading in the push's transaction),
 * then some leads released to their team's pool, then a full re-score (the population grades: RFM, ABC, pyramid).
 * A database that already holds records or demo users is refused ('not-empty') unless `force`.
 */
export async function seedDemo(storage: Storage, options: SeedOptions): Promise<SeedResult | 'not-empty'> {
  const dataset = demoDataset(options);
  const existing = new Set((await storage.listUsers()).map((user) => user.name));
  const clash = dataset.users.some((user) => existing.has(user.name));
  if (!options.force && ((await storage.countRecords()) > 0 || clash)) return 'not-empty';
  const { now } = options;
  const firstAdmin = await ensureFirstAdmin(storage, now);
  const users: SeedResult['users'] = [];
  const actors = new Map<string, User>();
  for (const demo of dataset.users) {
    const password = existing.has(demo.name) ? null : generatePassword();
    if (password !== null) {
      await storage.createUser({
        id: randomUUID(),
        name: demo.name,
        role: demo.role,
        team: demo.team,
        passwordHash: await hashPassword(password),
        createdAt: now.toISOString(),
      });
    }
    const stored = await storage.userByName(demo.name);
    if (!stored) throw new Error(`demo user ${demo.name} missing after creation`);
    const { passwordHash: _secret, disabledAt: _disabled, ...actor } = stored;
    actors.set(demo.name, actor);
    users.push({ name: demo.name, role: demo.role, team: demo.team, password });
  }

  const deps = makeDeps(storage, { now: () => now });
  const scoring = new Scoring({ storage, now: () => now, scheduleMs: null, settleMs: 3_600_000 });
  try {
    const score = await scoring.scorer();
    for (const batch of dataset.batches) {
      const actor = actors.get(batch.user) as User;
      const clientId = randomUUID();
      for (let start = 0; start < batch.mutations.length; start += MAX_PUSH_MUTATIONS) {
        // Checked like a push from the extension: a generator bug is a loud error, never a bad card.
        const request = pushRequest.parse({
          clientId,
          mutations: batch.mutations.slice(start, start + MAX_PUSH_MUTATIONS),
        });
        const outcome = await storage.push({
          actor,
          clientId,
          mutations: request.mutations,
          now: now.toISOString(),
          lapseFrom: (status) => deps.lapse(status, now),
          score,
        });
        if (outcome.kind !== 'applied') throw new Error(`demo push of ${batch.user} not applied: ${outcome.kind}`);
      }
    }
    // Leads nobody followed up: the team's manager releases them to the pool (公海), recorded on the card.
    for (const id of dataset.pool) {
      const account = await storage.account(id);
      if (!account?.ownership.owner) continue;
      const manager = [...actors.values()].find((u) => u.role === 'manager' && u.team === account.ownership.team);
      await changeOwnership(
        deps,
        account,
        manager ?? null,
        { owner: null, team: account.ownership.team, lockedOwner: false, ownerSince: null, lapsesAt: null },
        `released by ${manager?.name ?? 'system'} to the public pool (was ${account.ownership.owner})`,
        null,
      );
    }
    // Always a full re-score (not `start()`, which trusts a recent one): the seed added accounts since.
    await scoring.ready();
    scoring.request('all');
    await scoring.idle();
    return {
      firstAdmin,
      users,
      counts: dataset.counts,
      pool: dataset.pool.length,
      graded: scoring.progress('all').done,
    };
  } finally {
    await scoring.stop();
  }
}

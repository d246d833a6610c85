import { describe, expect, it } from 'vitest';
import type { Candidate } from '../../shared/schema/candidate';
import { keepClashingCard, rememberPendingCheck, settlePendingCheck } from '../clip/pending-check';
import { storedRecord } from '../store/local-change';
import { newAccountFields } from '../store/new-records';
import { openTestDb, testEnv } from '../store/test-db';
import { heldCards } from './held-cards';

const ID = (n: number) => `01935240-5400-7000-8000-00000000000${n}`;
const candidate = (name: string): Candidate => ({
  name,
  title: null,
  org: null,
  emails: ['sales@example.cn'],
  phones: [],
  website: null,
  address: null,
  kind: 'organisation',
  evidence: {},
});

async function clipped(db: ReturnType<typeof openTestDb>, id: string, name: string, stored = name) {
  const env = testEnv();
  await db.accounts.put(storedRecord('account', id, newAccountFields({ name: stored }), '2026-11-22T00:00:00Z'));
  await db.transaction('rw', db.meta, () =>
    rememberPendingCheck(db, env, { accountId: id, candidate: candidate(name), url: 'https://x.cn/', by: 'li' }),
  );
}

describe('heldCards', () => {
  it('names each held card and why: waiting for the check, or a clash to decide', async () => {
    const db = openTestDb(`held-${Math.random()}`);
    expect(await heldCards(db)).toEqual([]);
    await clipped(db, ID(1), '恒泰');
    // Renamed since the clip: the line says the name the rep knows now.
    await clipped(db, ID(2), '老名字', '新名字');
    expect(await heldCards(db)).toEqual([
      { accountId: ID(1), name: '恒泰', reason: 'checking' },
      { accountId: ID(2), name: '新名字', reason: 'checking' },
    ]);

    await settlePendingCheck(db, ID(1), { owner: 'wang', until: null });
    await settlePendingCheck(db, ID(2), null);
    expect(await heldCards(db)).toEqual([{ accountId: ID(1), name: '恒泰', reason: 'clash' }]);

    await keepClashingCard(db, testEnv(), ID(1));
    expect(await heldCards(db)).toEqual([]);
    db.close();
  });

  it('leaves out a card deleted meanwhile, and falls back to the clipped name when the card has none', async () => {
    const db = openTestDb(`held-${Math.random()}`);
    await clipped(db, ID(3), '恒泰', '');
    await clipped(db, ID(4), '其他');
    await db.accounts.delete(ID(4));
    expect(await heldCards(db)).toEqual([{ accountId: ID(3), name: '恒泰', reason: 'checking' }]);
    db.close();
  });
});

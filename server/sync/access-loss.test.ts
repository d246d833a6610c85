import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { encodeHlc } from '../../shared/hlc/hlc';
import { canSee } from '../access';
import { openSqliteStorage, type SqliteStorage } from '../db/sqlite';
import type { AccountOwnership, Role, User } from '../db/storage';
import { removesReaders } from './access-loss';

const at = '2026-11-22T09:00:00.000Z';
const hlc = (ms: number) => encodeHlc({ wall: ms, counter: 0, node: 'access-loss' });
const id = (n: number) => `0193a000-0000-7000-8000-${n.toString(16).padStart(12, '0')}`;

const people: [string, Role, string | null][] = [
  ['alice', 'rep', 'east'],
  ['carol', 'rep', 'east'],
  ['mia', 'manager', 'east'],
  ['dave', 'rep', 'west'],
  ['wes', 'manager', 'west'],
  ['root', 'admin', null],
];

/** A storage with the people above and, per account n (0–2), the account, a contact and a visit, made by `makers[n]`. */
async function seeded(): Promise<{ storage: SqliteStorage; records: Map<string, string[]> }> {
  const storage = openSqliteStorage(':memory:');
  await storage.migrate();
  for (const [name, role, team] of people)
    await storage.createUser({ id: randomUUID(), name, role, team, passwordHash: 'h', createdAt: at });
  const records = new Map<string, string[]>();
  const makers = ['alice', 'carol', 'dave'];
  for (const [n, maker] of makers.entries()) {
    const actor = (await storage.userByName(maker)) as User;
    const account = id(0x100 + n);
    const mutations = [
      { seq: 1, hlc: hlc(1), entity: 'account', id: account, op: 'upsert', fields: { name: `a${n}`, status: 'lead' } },
      {
        seq: 2,
        hlc: hlc(2),
        entity: 'contact',
        id: id(0x200 + n),
        op: 'upsert',
        fields: { accountId: account, name: 'c' },
      },
      {
        seq: 3,
        hlc: hlc(3),
        entity: 'activity',
        id: id(0x300 + n),
        op: 'upsert',
        fields: { accountId: account, type: 'visit', at, by: maker, summary: 'v' },
      },
    ] as const;
    const outcome = await storage.push({
      actor,
      clientId: id(0xc00 + n),
      mutations: [...mutations],
      now: at,
      lapseFrom: () => null,
    });
    expect(outcome.kind).toBe('applied');
    records.set(account, [`account/${account}`, `contact/${id(0x200 + n)}`, `activity/${id(0x300 + n)}`]);
  }
  return { storage, records };
}

let activitySeq = 0x1000;
async function setOwnership(
  storage: SqliteStorage,
  records: Map<string, string[]>,
  accountId: string,
  next: Pick<AccountOwnership, 'owner' | 'team' | 'sharedWith'>,
) {
  const activity = id(activitySeq++);
  const view = await storage.changeOwnership({
    accountId,
    ownership: { ...next, lockedOwner: false, ownerSince: null, lapsesAt: null },
    activity: { id: activity, hlc: hlc(activitySeq), createdBy: 'system', fields: { accountId, type: 'ownership' } },
  });
  expect(view).not.toBe('conflict');
  records.get(accountId)?.push(`activity/${activity}`);
}

/** A device of one user: the records it holds, pulled `max` at a time as the pull route does, from its cursor. */
class Replica {
  cursor = 0;
  held = new Set<string>();
  constructor(readonly name: string) {}

  async pull(storage: SqliteStorage, max = 3): Promise<void> {
    const user = (await storage.userByName(this.name)) as User;
    for (;;) {
      const changes = await storage.pullChunk(user, this.cursor, max);
      for (const change of changes) {
        expect(change.version).toBeGreaterThan(this.cursor);
        this.cursor = change.version;
        const key = `${change.entity}/${change.id}`;
        if (change.deleted) this.held.delete(key);
        else this.held.add(key);
      }
      if (changes.length < max) return;
    }
  }
}

/** What `name` may hold now (access.ts canSee over every account's current ownership). */
async function visibleTo(storage: SqliteStorage, records: Map<string, string[]>, name: string): Promise<string[]> {
  const user = (await storage.userByName(name)) as User;
  const out: string[] = [];
  for (const [accountId, keys] of records) {
    const view = await storage.account(accountId);
    if (view && canSee(user, view.ownership)) out.push(...keys);
  }
  return out.sort();
}

describe('removesReaders', () => {
  const east = { owner: 'alice', team: 'east', sharedWith: [] };
  it.each([
    ['a new owner', east, { ...east, owner: 'carol' }, true],
    ['a release to the pool (the old owner keeps it only through the pool)', east, { ...east, owner: null }, true],
    ['a claim from the pool (the team’s other reps lose it)', { ...east, owner: null }, east, true],
    ['another team', east, { ...east, team: 'west' }, true],
    ['a share withdrawn', { ...east, sharedWith: ['dave'] }, east, true],
    ['a share added', east, { ...east, sharedWith: ['dave'] }, false],
    ['nothing about readers (a lock)', east, { ...east }, false],
  ])('%s', (_, before, after, expected) => {
    expect(removesReaders(before, after)).toBe(expected);
  });
});

describe('pull after an access loss (SQLite storage)', () => {
  let storage: SqliteStorage;
  let records: Map<string, string[]>;
  beforeEach(async () => {
    ({ storage, records } = await seeded());
  });
  afterEach(async () => {
    await storage.close();
  });
  const account = id(0x100);

  it('tombstones the card and its children for the old owner, gives them to the new one, and back again', async () => {
    const alice = new Replica('alice');
    const carol = new Replica('carol');
    await alice.pull(storage);
    await carol.pull(storage);
    expect([...alice.held]).toContain(`contact/${id(0x200)}`);
    await setOwnership(storage, records, account, { owner: 'carol', team: 'east', sharedWith: [] });
    await alice.pull(storage);
    await carol.pull(storage);
    expect([...alice.held].filter((k) => records.get(account)?.includes(k))).toEqual([]);
    expect([...carol.held].sort()).toEqual(expect.arrayContaining(records.get(account) ?? []));
    await setOwnership(storage, records, account, { owner: 'alice', team: 'east', sharedWith: [] });
    await alice.pull(storage);
    expect([...alice.held].sort()).toEqual(await visibleTo(storage, records, 'alice'));
    expect([...alice.held]).toContain(`contact/${id(0x200)}`);
  });

  it('leaves the card with its rep when it goes to their own team’s pool (no tombstone)', async () => {
    const alice = new Replica('alice');
    await alice.pull(storage);
    const cursor = alice.cursor;
    await setOwnership(storage, records, account, { owner: null, team: 'east', sharedWith: [] });
    const user = (await storage.userByName('alice')) as User;
    expect((await storage.pullChunk(user, cursor, 100)).filter((c) => c.deleted)).toEqual([]);
    await alice.pull(storage);
    for (const key of records.get(account) ?? []) expect(alice.held.has(key)).toBe(true);
  });

  it('never tombstones anything for an admin', async () => {
    const root = new Replica('root');
    await root.pull(storage);
    const cursor = root.cursor;
    await setOwnership(storage, records, account, { owner: 'dave', team: 'west', sharedWith: [] });
    await storage.changeUserAccess('root', { role: 'admin', team: null });
    const user = (await storage.userByName('root')) as User;
    expect((await storage.pullChunk(user, cursor, 100)).filter((c) => c.deleted)).toEqual([]);
  });

  it('tombstones for a user who moves team what only the old team showed them, and re-sends what the new one does', async () => {
    const mia = new Replica('mia');
    await mia.pull(storage);
    expect([...mia.held].sort()).toEqual(await visibleTo(storage, records, 'mia'));
    await storage.changeUserAccess('mia', { role: 'manager', team: 'west' });
    await mia.pull(storage);
    expect([...mia.held].sort()).toEqual(await visibleTo(storage, records, 'mia'));
    expect(mia.held.has(`account/${id(0x102)}`)).toBe(true);
    expect(mia.held.has(`account/${id(0x100)}`)).toBe(false);
  });

  it('tombstones the old team’s pool for a rep who moves team, and re-sends it when they move back', async () => {
    await setOwnership(storage, records, account, { owner: null, team: 'east', sharedWith: [] });
    const carol = new Replica('carol');
    await carol.pull(storage);
    expect(carol.held.has(`account/${account}`)).toBe(true);
    await storage.changeUserAccess('carol', { role: 'rep', team: 'west' });
    await carol.pull(storage);
    expect(carol.held.has(`account/${account}`)).toBe(false);
    await storage.changeUserAccess('carol', { role: 'rep', team: 'east' });
    await carol.pull(storage);
    expect([...carol.held].sort()).toEqual(await visibleTo(storage, records, 'carol'));
    expect(carol.held.has(`contact/${id(0x200)}`)).toBe(true);
  });

  it('tombstones for a rep a loss of their old team, when they move team before their next pull', async () => {
    await setOwnership(storage, records, account, { owner: null, team: 'east', sharedWith: [] });
    const carol = new Replica('carol');
    await carol.pull(storage);
    expect(carol.held.has(`account/${account}`)).toBe(true);
    // alice claims it from the pool (carol, a rep of east, loses it), then carol moves to west before she pulls.
    await setOwnership(storage, records, account, { owner: 'alice', team: 'east', sharedWith: [] });
    await storage.changeUserAccess('carol', { role: 'rep', team: 'west' });
    await carol.pull(storage);
    expect([...carol.held].sort()).toEqual(await visibleTo(storage, records, 'carol'));
  });

  it('still tombstones a loss of a team that is renamed before the next pull', async () => {
    await setOwnership(storage, records, account, { owner: null, team: 'east', sharedWith: ['team:east'] });
    const carol = new Replica('carol');
    await carol.pull(storage);
    expect(carol.held.has(`account/${account}`)).toBe(true);
    await setOwnership(storage, records, account, { owner: 'dave', team: 'west', sharedWith: [] });
    expect(await storage.renameTeam('east', 'north')).toEqual(
      expect.objectContaining({ accounts: expect.any(Number) }),
    );
    await carol.pull(storage);
    expect(carol.held.has(`account/${account}`)).toBe(false);
    expect([...carol.held].sort()).toEqual(await visibleTo(storage, records, 'carol'));
  });

  it('tombstones a contact moved to an account the reader cannot see', async () => {
    const alice = new Replica('alice');
    await alice.pull(storage);
    expect(alice.held.has(`contact/${id(0x200)}`)).toBe(true);
    const root = (await storage.userByName('root')) as User;
    const outcome = await storage.push({
      actor: root,
      clientId: id(0xcff),
      mutations: [
        { seq: 1, hlc: hlc(50), entity: 'contact', id: id(0x200), op: 'upsert', fields: { accountId: id(0x102) } },
      ],
      now: at,
      lapseFrom: () => null,
    });
    expect(outcome.kind).toBe('applied');
    await alice.pull(storage);
    expect(alice.held.has(`contact/${id(0x200)}`)).toBe(false);
    expect(alice.held.has(`account/${account}`)).toBe(true);
    const dave = new Replica('dave');
    await dave.pull(storage);
    expect(dave.held.has(`contact/${id(0x200)}`)).toBe(true);
  });

  it('holds exactly what canSee allows after any sequence of ownership changes and moves (property)', async () => {
    const names = people.map(([name]) => name);
    const grantees = ['alice', 'dave', 'team:east', 'team:west'];
    const op = fc.oneof(
      fc.record({
        kind: fc.constant('own' as const),
        account: fc.integer({ min: 0, max: 1 }),
        owner: fc.constantFrom(null, 'alice', 'carol', 'dave'),
        team: fc.constantFrom('east', 'west'),
        shared: fc.subarray(grantees, { maxLength: 1 }),
      }),
      fc.record({
        kind: fc.constantFrom('move' as const, 'move with accounts' as const),
        user: fc.constantFrom('carol', 'dave', 'mia'),
        role: fc.constantFrom<Role>('rep', 'manager'),
        team: fc.constantFrom('east', 'west'),
      }),
      fc.record({
        kind: fc.constant('pull' as const),
        user: fc.constantFrom(...names),
        max: fc.integer({ min: 1, max: 4 }),
      }),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(op, { maxLength: 30 }), async (ops) => {
        const world = await seeded();
        try {
          const replicas = new Map(names.map((name) => [name, new Replica(name)]));
          for (const o of ops) {
            if (o.kind === 'own')
              await setOwnership(world.storage, world.records, id(0x100 + o.account), {
                owner: o.owner,
                team: o.team,
                sharedWith: o.shared,
              });
            else if (o.kind === 'move') await world.storage.changeUserAccess(o.user, { role: o.role, team: o.team });
            else if (o.kind === 'move with accounts')
              // The teams admin's move: the accounts the user owns go with them, each with an activity.
              await world.storage.moveUser({
                userName: o.user,
                role: o.role,
                team: o.team,
                activity: (accountId) => {
                  const activity = id(activitySeq++);
                  world.records.get(accountId)?.push(`activity/${activity}`);
                  return {
                    id: activity,
                    hlc: hlc(activitySeq),
                    createdBy: 'system',
                    fields: { accountId, type: 'ownership' },
                  };
                },
              });
            else if ('max' in o) {
              const replica = replicas.get(o.user) as Replica;
              await replica.pull(world.storage, o.max);
              expect([...replica.held].sort()).toEqual(await visibleTo(world.storage, world.records, o.user));
            }
          }
          for (const replica of replicas.values()) {
            await replica.pull(world.storage);
            expect([...replica.held].sort()).toEqual(await visibleTo(world.storage, world.records, replica.name));
          }
        } finally {
          await world.storage.close();
        }
      }),
      { numRuns: 150, seed: 4 },
    );
  });
});

import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { encodeHlc } from '../../shared/hlc/hlc';
import type { Grades } from '../../shared/schema/entities';
import { canSee } from '../access';
import type { AccountOwnership, PushBatch, Role, Storage, User } from './storage';

const at = '2026-11-22T09:00:00.000Z';
const hlc = (ms: number) => encodeHlc({ wall: ms, counter: 0, node: 'suite' });
const id = (n: number) => `0193a000-0000-7000-8000-${n.toString(16).padStart(12, '0')}`;
const fail = (): never => {
  throw new Error('not expected to be called');
};

/**
 * The contract every Storage implementation must meet (SQLite today, PostgreSQL later): call it with a
 * factory that returns a fresh, empty, not yet migrated storage.
 */
export function storageSuite(
  name: string,
  factory: () => Promise<Storage>,
  /** Opens a backup file as a storage, for the backup test (each backend has its own backup format). */
  openBackup?: (file: string) => Promise<Storage>,
): void {
  describe(`Storage contract: ${name}`, () => {
    let storage: Storage;
    const users: Record<string, User> = {};
    const addUser = async (userName: string, role: Role, team: string | null) => {
      const user = await storage.createUser({
        id: randomUUID(),
        name: userName,
        role,
        team,
        passwordHash: 'h',
        createdAt: at,
      });
      if (user === 'exists') throw new Error('exists');
      users[userName] = user;
      return user;
    };
    const batch = (actor: User, mutations: PushBatch['mutations'], clientId = id(0xc1)): PushBatch => ({
      actor,
      clientId,
      mutations,
      now: at,
      lapseFrom: () => '2026-12-22T09:00:00.000Z',
    });

    beforeEach(async () => {
      storage = await factory();
      expect((await storage.migrate()).length).toBeGreaterThan(0);
      await addUser('alice', 'rep', 'east');
      await addUser('carol', 'rep', 'east');
      await addUser('mia', 'manager', 'east');
      await addUser('dave', 'rep', 'west');
      await addUser('root', 'admin', null);
    });
    afterEach(async () => {
      await storage.close();
    });

    it('migrates once', async () => {
      expect(await storage.migrate()).toEqual([]);
    });

    it('keeps user names unique and lists users', async () => {
      expect(
        await storage.createUser({
          id: randomUUID(),
          name: 'alice',
          role: 'rep',
          team: null,
          passwordHash: 'h',
          createdAt: at,
        }),
      ).toBe('exists');
      expect((await storage.listUsers()).map((u) => u.name)).toEqual(['alice', 'carol', 'dave', 'mia', 'root']);
      expect(await storage.countUsers()).toBe(5);
      expect(await storage.setPasswordHash('alice', 'new')).toBe(true);
      expect((await storage.userByName('alice'))?.passwordHash).toBe('new');
      expect(await storage.setPasswordHash('nobody', 'x')).toBe(false);
    });

    it('finds users by live token hash only (revoked and expired tokens fail)', async () => {
      await storage.createToken({
        id: 't1',
        userName: 'alice',
        kind: 'api',
        hash: 'h1',
        label: null,
        createdAt: at,
        expiresAt: null,
      });
      await storage.createToken({
        id: 't2',
        userName: 'alice',
        kind: 'session',
        hash: 'h2',
        label: null,
        createdAt: at,
        expiresAt: '2026-11-22T10:00:00.000Z',
      });
      const now = new Date(at);
      expect((await storage.userByTokenHash('h1', now))?.name).toBe('alice');
      expect((await storage.userByTokenHash('h2', now))?.name).toBe('alice');
      expect(await storage.userByTokenHash('h2', new Date('2026-11-22T10:00:00.001Z'))).toBeUndefined();
      expect(await storage.revokeTokens({ id: 't1' }, now)).toBe(1);
      expect(await storage.userByTokenHash('h1', now)).toBeUndefined();
      expect(await storage.revokeTokens({ userName: 'alice' }, now)).toBe(1);
      expect((await storage.listTokens('alice')).every((t) => t.revokedAt !== null)).toBe(true);
    });

    it('disables a user (every token ends, the directory says so) and enables them again', async () => {
      const now = new Date(at);
      for (const [tokenId, kind] of [
        ['d1', 'device'],
        ['a1', 'api'],
        ['s1', 'session'],
      ] as const)
        await storage.createToken({
          id: tokenId,
          userName: 'carol',
          kind,
          hash: `h-${tokenId}`,
          label: null,
          createdAt: at,
          expiresAt: null,
        });
      expect((await storage.userDirectory()).find((u) => u.name === 'carol')).toMatchObject({
        disabledAt: null,
        devices: 2,
      });
      expect(await storage.setUserDisabled('carol', now)).toBe(true);
      expect(await storage.userByTokenHash('h-d1', now)).toBeUndefined();
      expect((await storage.userByName('carol'))?.disabledAt).toBe(at);
      expect((await storage.userDirectory()).find((u) => u.name === 'carol')).toMatchObject({
        disabledAt: at,
        devices: 0,
      });
      expect(await storage.setUserDisabled('carol', null)).toBe(true);
      expect((await storage.userByName('carol'))?.disabledAt).toBeNull();
      expect(await storage.setUserDisabled('nobody', now)).toBe(false);
      expect(await storage.countRecords()).toBe(0);
    });

    it('applies a batch atomically: a forbidden write leaves nothing behind and acks nothing', async () => {
      const west = await storage.push(
        batch(users.dave as User, [
          { seq: 1, hlc: hlc(1), entity: 'account', id: id(1), op: 'upsert', fields: { name: 'W' } },
        ]),
      );
      expect(west).toEqual({ kind: 'applied', ackedSeq: 1, changedAccounts: [id(1)] });
      const outcome = await storage.push(
        batch(users.alice as User, [
          { seq: 1, hlc: hlc(2), entity: 'account', id: id(2), op: 'upsert', fields: { name: 'A' } },
          { seq: 2, hlc: hlc(3), entity: 'account', id: id(1), op: 'upsert', fields: { name: 'stolen' } },
        ]),
      );
      expect(outcome).toEqual({ kind: 'forbidden', index: 1, entity: 'account', id: id(1), ackedSeq: 0 });
      expect(await storage.account(id(2))).toBeUndefined();
      expect((await storage.account(id(1)))?.fields.name).toBe('W');
      expect(await storage.pullChunk(users.root as User, 0, 100)).toHaveLength(1);
    });

    it('reports a gap without applying anything', async () => {
      const outcome = await storage.push(
        batch(users.alice as User, [
          { seq: 2, hlc: hlc(1), entity: 'account', id: id(3), op: 'upsert', fields: { name: 'x' } },
        ]),
      );
      expect(outcome).toEqual({ kind: 'gap', ackedSeq: 0, expected: 1 });
      expect(await storage.account(id(3))).toBeUndefined();
    });

    it('gives every change a new, increasing version; pull returns whole records in version order', async () => {
      await storage.push(
        batch(users.alice as User, [
          { seq: 1, hlc: hlc(1), entity: 'account', id: id(4), op: 'upsert', fields: { name: 'one' } },
          {
            seq: 2,
            hlc: hlc(2),
            entity: 'contact',
            id: id(5),
            op: 'upsert',
            fields: { accountId: id(4), name: '张三' },
          },
          { seq: 3, hlc: hlc(3), entity: 'account', id: id(4), op: 'upsert', fields: { region: '广东' } },
        ]),
      );
      const changes = await storage.pullChunk(users.alice as User, 0, 10);
      expect(changes.map((c) => [c.entity, c.version])).toEqual([
        ['contact', 2],
        ['account', 3],
      ]);
      expect(changes[1]?.fields).toMatchObject({ name: 'one', region: '广东', owner: 'alice', team: 'east' });
      expect(await storage.pullChunk(users.alice as User, 2, 10)).toHaveLength(1);
    });

    it('changes ownership with an activity and re-versions the card so new viewers pull it', async () => {
      await storage.push(
        batch(users.alice as User, [
          { seq: 1, hlc: hlc(1), entity: 'account', id: id(6), op: 'upsert', fields: { name: 'x', status: 'lead' } },
          { seq: 2, hlc: hlc(2), entity: 'contact', id: id(7), op: 'upsert', fields: { accountId: id(6), name: 'c' } },
        ]),
      );
      expect(await storage.countOwnedLeads('alice')).toBe(1);
      const cursor = Math.max(...(await storage.pullChunk(users.root as User, 0, 10)).map((c) => c.version));
      const view = await storage.changeOwnership({
        accountId: id(6),
        ownership: {
          owner: 'carol',
          team: 'east',
          lockedOwner: true,
          ownerSince: at,
          lapsesAt: null,
          sharedWith: ['dave'],
        },
        activity: {
          id: id(8),
          hlc: hlc(9),
          createdBy: 'system',
          fields: { accountId: id(6), type: 'ownership', summary: 's' },
        },
      });
      if (view === 'conflict') throw new Error('unexpected conflict');
      expect(view.ownership).toEqual({
        owner: 'carol',
        team: 'east',
        lockedOwner: true,
        ownerSince: at,
        lapsesAt: null,
        sharedWith: ['dave'],
      });
      const after = await storage.pullChunk(users.carol as User, cursor, 10);
      expect(after.map((c) => c.id).sort()).toEqual([id(6), id(7), id(8)].sort());
      expect((await storage.pullChunk(users.dave as User, 0, 10)).map((c) => c.id).sort()).toEqual(
        [id(6), id(7), id(8)].sort(),
      );
      expect(await storage.countOwnedLeads('alice')).toBe(0);
      // Compare-and-set: a change based on a stale owner writes nothing.
      const stale = await storage.changeOwnership({
        accountId: id(6),
        expectedOwner: 'alice',
        ownership: { owner: 'alice', team: 'east', lockedOwner: false, ownerSince: at, lapsesAt: null },
        activity: {
          id: id(0xdead),
          hlc: hlc(10),
          createdBy: 'system',
          fields: { accountId: id(6), type: 'ownership' },
        },
      });
      expect(stale).toBe('conflict');
      expect((await storage.account(id(6)))?.ownership.owner).toBe('carol');
      expect(await storage.record('activity', id(0xdead))).toBeUndefined();
      expect((await storage.accountChildren(id(6), 10)).map((c) => c.entity).sort()).toEqual(['activity', 'contact']);
    });

    it('lists lapsed accounts (owned, not locked, date passed) and writes grades', async () => {
      await storage.push(
        batch(users.alice as User, [
          { seq: 1, hlc: hlc(1), entity: 'account', id: id(9), op: 'upsert', fields: { name: 'x' } },
        ]),
      );
      expect(await storage.lapsedAccounts(new Date('2026-12-22T08:59:59.000Z'), 10)).toEqual([]);
      expect(await storage.lapsedAccounts(new Date('2026-12-22T09:00:00.000Z'), 10)).toEqual([id(9)]);
      await storage.setLapse(id(9), null);
      expect(await storage.lapsedAccounts(new Date('2030-01-01T00:00:00.000Z'), 10)).toEqual([]);
      const before = (await storage.account(id(9)))?.version ?? 0;
      const grades = { score: { value: 72, band: 'hot', lines: [] }, ruleVersion: 1 } as unknown as Grades;
      await storage.setGrades(id(9), grades);
      const view = await storage.account(id(9));
      expect(view?.grades).toEqual(grades);
      expect(view?.version).toBeGreaterThan(before);
    });

    it('finds accounts by normalised keys, best rank first', async () => {
      await storage.push(
        batch(users.alice as User, [
          {
            seq: 1,
            hlc: hlc(1),
            entity: 'account',
            id: id(10),
            op: 'upsert',
            fields: { name: '华为有限公司', domains: ['huawei.com'] },
          },
          {
            seq: 2,
            hlc: hlc(2),
            entity: 'contact',
            id: id(11),
            op: 'upsert',
            fields: { accountId: id(10), name: '李', emails: ['Li@Huawei.com'], phones: ['+8613800138000'] },
          },
        ]),
      );
      expect(await storage.findAccounts([{ kind: 'email', value: 'li@huawei.com', match: 'exact' }], 10)).toEqual([
        { accountId: id(10), rank: 0 },
      ]);
      expect(await storage.findAccounts([{ kind: 'phone', value: '+8613800138000', match: 'exact' }], 10)).toHaveLength(
        1,
      );
      expect(await storage.findAccounts([{ kind: 'name', value: '华', match: 'prefix' }], 10)).toHaveLength(1);
      expect(await storage.findAccounts([{ kind: 'name', value: '%', match: 'contains' }], 10)).toHaveLength(0);
    });

    it('pull visibility agrees with canSee for every role and ownership (property)', async () => {
      const owners = [null, 'alice', 'carol', 'dave', 'mia'];
      const teams = [null, 'east', 'west'];
      const shares = [[], ['alice'], ['team:east'], ['dave'], ['team:west']];
      const setup = fc.array(
        fc.record({
          owner: fc.constantFrom(...owners),
          team: fc.constantFrom(...teams),
          shared: fc.constantFrom(...shares),
        }),
        { minLength: 1, maxLength: 8 },
      );
      let run = 0;
      await fc.assert(
        fc.asyncProperty(setup, async (cards) => {
          run++;
          const expected = new Map<string, AccountOwnership>();
          for (const [i, card] of cards.entries()) {
            const accountId = id(0x10000 * run + i);
            const out = await storage.push(
              batch(
                users.root as User,
                [{ seq: 1, hlc: hlc(1), entity: 'account', id: accountId, op: 'upsert', fields: { name: 'n' } }],
                id(0x10000 * run + i),
              ),
            );
            expect(out.kind).toBe('applied');
            const ownership = {
              owner: card.owner,
              team: card.team,
              lockedOwner: false,
              ownerSince: null,
              lapsesAt: null,
              sharedWith: card.shared,
            };
            await storage.changeOwnership({
              accountId,
              ownership,
              activity: {
                id: id(0x10000 * run + 0x100 + i),
                hlc: hlc(2),
                createdBy: 'system',
                fields: { accountId, type: 'ownership' },
              },
            });
            expected.set(accountId, ownership);
          }
          for (const user of Object.values(users)) {
            const pulled = new Set<string>();
            for (const change of await storage.pullChunk(user, 0, 100_000))
              if (change.entity === 'account' && expected.has(change.id)) pulled.add(change.id);
            const want = [...expected].filter(([, o]) => canSee(user, o)).map(([k]) => k);
            expect([...pulled].sort()).toEqual(want.sort());
          }
        }),
        { numRuns: 25 },
      );
    });

    // ── teams administration ──
    it('creates, renames (users, accounts and versions follow), deletes empty teams, and moves users with their accounts', async () => {
      await storage.push(
        batch(users.alice as User, [
          { seq: 1, hlc: hlc(1), entity: 'account', id: id(40), op: 'upsert', fields: { name: 'a' } },
          { seq: 2, hlc: hlc(2), entity: 'contact', id: id(41), op: 'upsert', fields: { accountId: id(40) } },
        ]),
      );
      expect(await storage.createTeam('north', at)).toBe('created');
      expect(await storage.createTeam('north', at)).toBe('exists');
      const east = (await storage.listTeams()).find((t) => t.name === 'east');
      expect(east).toMatchObject({ ownedAccounts: 1, pool: 0 });
      // A deleted account no longer counts for its team.
      await storage.push(
        batch(users.alice as User, [
          { seq: 3, hlc: hlc(4), entity: 'account', id: id(43), op: 'upsert', fields: { name: 'gone' } },
        ]),
      );
      expect((await storage.listTeams()).find((t) => t.name === 'east')).toMatchObject({ ownedAccounts: 2 });
      await storage.push(
        batch(users.alice as User, [{ seq: 4, hlc: hlc(5), entity: 'account', id: id(43), op: 'delete', fields: {} }]),
      );
      expect((await storage.listTeams()).find((t) => t.name === 'east')).toMatchObject({ ownedAccounts: 1, pool: 0 });
      expect(east?.members.map((m) => m.name)).toEqual(['mia', 'alice', 'carol']);

      const before = (await storage.account(id(40)))?.version ?? 0;
      expect(await storage.renameTeam('east', 'north')).toBe('exists');
      expect(await storage.renameTeam('nowhere', 'x')).toBe('missing');
      expect(await storage.renameTeam('east', '华东')).toEqual({ accounts: 1 });
      const renamed = await storage.account(id(40));
      expect(renamed?.ownership.team).toBe('华东');
      expect(renamed?.version).toBeGreaterThan(before);
      expect((await storage.userByName('mia'))?.team).toBe('华东');
      expect(await storage.deleteTeam('华东')).toEqual({ users: 3, accounts: 1 });

      const moved = await storage.moveUser({
        userName: 'alice',
        team: 'north',
        role: 'rep',
        activity: (accountId, from) => ({
          id: id(42),
          hlc: hlc(3),
          createdBy: 'system',
          fields: { accountId, type: 'ownership', summary: `from ${from}` },
        }),
      });
      expect(moved).toMatchObject({ from: '华东', accounts: [id(40)], user: { name: 'alice', team: 'north' } });
      expect((await storage.account(id(40)))?.ownership).toMatchObject({ owner: 'alice', team: 'north' });
      expect((await storage.record('activity', id(42)))?.fields.summary).toBe('from 华东');
      expect(await storage.moveUser({ userName: 'nobody', team: 'north', role: 'rep', activity: () => fail() })).toBe(
        'missing-user',
      );
      expect(await storage.moveUser({ userName: 'carol', team: 'nowhere', role: 'rep', activity: () => fail() })).toBe(
        'missing-team',
      );
      expect(await storage.deleteTeam('north')).toEqual({ users: 1, accounts: 1 });
      expect(await storage.createTeam('spare', at)).toBe('created');
      expect(await storage.deleteTeam('spare')).toBe('deleted');
      expect(await storage.deleteTeam('spare')).toBe('missing');
    });

    it.skipIf(!openBackup)('backs up to a file that opens as a copy', async () => {
      await storage.push(
        batch(users.alice as User, [
          { seq: 1, hlc: hlc(1), entity: 'account', id: id(12), op: 'upsert', fields: { name: 'x' } },
        ]),
      );
      const file = join(mkdtempSync(join(tmpdir(), 'leadcard-backup-')), 'copy.db');
      await storage.backup(file);
      const copy = await (openBackup as (file: string) => Promise<Storage>)(file);
      expect((await copy.account(id(12)))?.fields.name).toBe('x');
      await copy.close();
    });
  });
}

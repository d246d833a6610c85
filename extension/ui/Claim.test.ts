import { describe, expect, it } from 'vitest';
import { makeAccount, makeId } from '../../test/factories/entities';
import { hlcAt, makeTestApp, mutations, type TestApp } from '../../test/support/app';
import { storedRecord } from '../store/local-change';
import { ServerError } from '../sync/server-error';
import type { Session } from '../sync/session';
import { claimAccount, ownershipStatus } from './Claim';

const account = (fields: Record<string, unknown>) =>
  storedRecord('account', 'a1', { name: '腾达', ...fields }, '2026-11-22T09:00:00.000Z');

describe('ownershipStatus', () => {
  it.each([
    [{}, 'li', { kind: 'unsynced' }],
    [{ owner: null, team: 'east' }, 'li', { kind: 'pool' }],
    [{ owner: 'li', lapsesAt: '2026-12-22T09:00:00.000Z' }, 'li', { kind: 'yours' }],
    [
      { owner: 'wang', lapsesAt: '2026-12-22T09:00:00.000Z', lockedOwner: false },
      'li',
      { kind: 'protected', owner: 'wang', until: '2026-12-22T09:00:00.000Z' },
    ],
    // A locked owner never lapses: protected with no end date.
    [
      { owner: 'wang', lapsesAt: '2026-12-22T09:00:00.000Z', lockedOwner: true },
      'li',
      { kind: 'protected', owner: 'wang', until: null },
    ],
  ])('%j seen by %s → %j', (fields, me, status) => {
    expect(ownershipStatus(account(fields), me)).toEqual(status);
  });
});

describe('claimAccount against the real server app', () => {
  const sessionOf = (t: TestApp, name: string): Session => ({
    serverUrl: 'http://leadcard.test',
    name,
    token: t.tokens[name] ?? '',
    signedInAt: '2026-11-22T09:00:00.000Z',
    version: 1,
  });
  const appFetch = (t: TestApp) => ((url: string, init: RequestInit) => t.app.request(url, init)) as typeof fetch;
  async function pooledLead(t: TestApp, seq: number): Promise<string> {
    const id = makeId();
    await t.push(
      'alice',
      'c0a80000-0000-4000-8000-00000000a11c',
      mutations(seq, [
        { hlc: hlcAt(seq), entity: 'account', id, op: 'upsert', fields: makeAccount({ name: `Lead ${seq}` }) },
      ]),
    );
    expect((await t.call('mia', 'POST', `/api/v1/accounts/${id}/release`)).status).toBe(200);
    return id;
  }

  it('claims a pool account with the device token, and says plainly why a claim over the cap is refused', async () => {
    const t = await makeTestApp();
    const first = await pooledLead(t, 1);
    expect(await claimAccount(appFetch(t), sessionOf(t, 'carol'), first)).toMatchObject({ owner: 'carol' });
    t.deps.limits.ownedLeads = 1;
    const second = await pooledLead(t, 2);
    const refusal = await claimAccount(appFetch(t), sessionOf(t, 'carol'), second).catch((e: unknown) => e);
    expect(refusal).toBeInstanceOf(ServerError);
    expect(refusal).toMatchObject({ kind: 'rejected', status: 409 });
    expect((refusal as ServerError).message).toContain('cap is 1');
  });

  it('is offline when the server cannot be reached', async () => {
    const t = await makeTestApp();
    const down = (async () => {
      throw new TypeError('fetch failed');
    }) as unknown as typeof fetch;
    await expect(claimAccount(down, sessionOf(t, 'carol'), makeId())).rejects.toMatchObject({ kind: 'offline' });
  });
});

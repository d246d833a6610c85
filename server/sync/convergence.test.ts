import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { encodeHlc } from '../../shared/hlc/hlc';
import type { Mutation } from '../../shared/schema/sync/mutation';
import { hlcAt, type Json, makeTestApp } from '../../test/support/app';
import { canonicalJson, emptyState, isDeleted, mergeDelete, mergeUpsert, type RecordState } from './merge';

const accounts = ['0193a000-0000-7000-8000-0000000000a1', '0193a000-0000-7000-8000-0000000000a2'];
const contacts = ['0193a000-0000-7000-8000-0000000000c1', '0193a000-0000-7000-8000-0000000000c2'];
const clients = [
  { user: 'alice', clientId: '0193a000-0000-7000-8000-000000000001', node: 'alice1' },
  { user: 'alice', clientId: '0193a000-0000-7000-8000-000000000002', node: 'alice2' },
  { user: 'mia', clientId: '0193a000-0000-7000-8000-000000000003', node: 'mia' },
];
const serverOwned = new Set(['owner', 'team', 'lockedOwner', 'ownerSince', 'lapsesAt', 'sharedWith', 'grades']);

type Edit = { target: number; del: boolean; wall: number; value: number };
const edit = fc.record({
  target: fc.integer({ min: 0, max: 3 }),
  del: fc.boolean(),
  wall: fc.integer({ min: 10, max: 60 }),
  value: fc.integer({ min: 0, max: 5 }),
});

/** The client's outbox: seqs 1…n, one HLC per mutation (random wall clock, counter = position). */
function outbox(node: string, edits: Edit[]): Mutation[] {
  return edits.map((e, i) => {
    const entity = e.target < 2 ? ('account' as const) : ('contact' as const);
    const id = (e.target < 2 ? accounts[e.target] : contacts[e.target - 2]) as string;
    const hlc = encodeHlc({ wall: e.wall, counter: i, node });
    if (e.del) return { seq: i + 1, hlc, entity, id, op: 'delete' as const, fields: {} };
    const fields =
      entity === 'account'
        ? e.value % 2
          ? { name: `公司${e.value}` }
          : { region: `区${e.value}`, tags: [`t${e.value}`] }
        : e.value % 2
          ? { name: `联系人${e.value}`, accountId: accounts[0] }
          : { title: `职位${e.value}`, accountId: accounts[1] };
    return { seq: i + 1, hlc, entity, id, op: 'upsert' as const, fields };
  });
}

/** The expected server state: every acknowledged mutation folded in (order does not matter, see merge.ts). */
function model(acked: Mutation[]): Map<string, RecordState> {
  const states = new Map<string, RecordState>();
  for (const m of acked) {
    const key = `${m.entity}:${m.id}`;
    const state = states.get(key) ?? emptyState();
    const next = m.op === 'delete' ? mergeDelete(state, m.hlc) : mergeUpsert(state, m.hlc, m.fields);
    states.set(key, next ?? state);
  }
  return states;
}

const clientView = (changes: Json[]) =>
  Object.fromEntries(
    changes.map((c) => [
      `${c.entity}:${c.id}`,
      canonicalJson({
        deleted: c.deleted,
        fields: Object.fromEntries(Object.entries(c.fields).filter(([k]) => !serverOwned.has(k))),
        hlcs: c.hlcs,
      }),
    ]),
  );

describe('sync convergence (property)', () => {
  it('several clients with random edits, clocks, batches, replays and gaps converge on the acked mutations', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.tuple(
          fc.array(edit, { maxLength: 12 }),
          fc.array(edit, { maxLength: 12 }),
          fc.array(edit, { maxLength: 12 }),
        ),
        fc.array(fc.tuple(fc.nat(2), fc.nat(), fc.nat()), { maxLength: 25 }),
        async (edits, schedule) => {
          const t = await makeTestApp();
          // alice creates the records first (contacts under their account), so every client may write every record.
          const seedClient = '0193a000-0000-7000-8000-0000000000ff';
          const seed: Mutation[] = [
            ...accounts.map((id, i) => ({
              hlc: hlcAt(1, 'seed', i),
              entity: 'account' as const,
              id,
              fields: { name: `seed${i}` },
            })),
            ...contacts.map((id, i) => ({
              hlc: hlcAt(1, 'seed', i + 2),
              entity: 'contact' as const,
              id,
              fields: { name: `c${i}`, accountId: accounts[i] },
            })),
          ].map((m, i) => ({ ...m, seq: i + 1, op: 'upsert' }));
          expect((await t.push('alice', seedClient, seed)).status).toBe(200);
          const boxes = clients.map((c, i) => outbox(c.node, edits[i] ?? []));
          const ackedSeq = clients.map(() => 0);
          const acked = (): Mutation[] => [...seed, ...boxes.flatMap((box, i) => box.slice(0, ackedSeq[i]))];
          const deliver = async (i: number, from: number, to: number) => {
            const client = clients[i]!;
            const batch = (boxes[i] ?? []).slice(from, to);
            const res = await t.push(client.user, client.clientId, batch);
            const first = batch[0]?.seq ?? 0;
            if (batch.length > 0 && first > (ackedSeq[i] ?? 0) + 1) {
              expect(res.status).toBe(409); // a gap
              return;
            }
            expect(res.status).toBe(200);
            // Never lower than before, never higher than a seq sent.
            expect(res.body.ackedSeq).toBeGreaterThanOrEqual(ackedSeq[i] ?? 0);
            expect(res.body.ackedSeq).toBeLessThanOrEqual(Math.max(ackedSeq[i] ?? 0, batch.at(-1)?.seq ?? 0));
            ackedSeq[i] = res.body.ackedSeq;
          };
          for (const [i, a, b] of schedule) {
            const size = boxes[i]?.length ?? 0;
            const from = size ? a % size : 0;
            await deliver(i, from, from + 1 + (b % 6)); // overlapping windows: replays, prefixes, gaps
          }
          for (const [i, box] of boxes.entries()) await deliver(i, 0, box.length);

          const expected = model(acked());
          const server = clientView(await t.pullAll('admin'));
          const want = Object.fromEntries(
            [...expected].map(([key, state]) => [
              key,
              canonicalJson({
                deleted: isDeleted(state),
                fields: isDeleted(state) ? {} : state.fields,
                // Each field's HLC comes with the pull, so a client can merge per field (tombstones carry none).
                hlcs: isDeleted(state) ? {} : state.hlcs,
              }),
            ]),
          );
          expect(server).toEqual(want);
          // Every replica that pulls from scratch, in pages, holds the same data as the server.
          for (const name of ['alice', 'mia']) expect(clientView(await t.pullAll(name, 3))).toEqual(server);
        },
      ),
      { numRuns: 60, interruptAfterTimeLimit: 15_000 },
    );
  });
});

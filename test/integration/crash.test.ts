import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { encodeHlc } from '../../shared/hlc/hlc';
import { runCli } from '../support/cli';
import { startRealServer } from '../support/server';

const clientId = '0193a000-0000-7000-8000-00000000c0de';
const BATCH = 50;
const accountId = (n: number) => `0193a000-0000-7000-8000-${n.toString(16).padStart(12, '0')}`;

/** Batch k (seqs k*BATCH+1 …) creates BATCH accounts, each named after its seq. */
const batch = (k: number) =>
  Array.from({ length: BATCH }, (_, i) => {
    const seq = k * BATCH + i + 1;
    return {
      seq,
      hlc: encodeHlc({ wall: seq, counter: 0, node: 'crash' }),
      entity: 'account',
      id: accountId(seq),
      op: 'upsert',
      fields: { name: `seq ${seq}` },
    };
  });

describe('crash safety: SIGKILL in the middle of a stream of pushes', () => {
  it('keeps every acknowledged mutation, never half a batch, and the client resumes', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'leadcard-crash-'));
    let server = await startRealServer({ dataDir });
    expect(
      (
        await runCli(
          ['user', 'add', 'alice', '--role', 'rep', '--team', 'east', '--password-stdin', '--data', dataDir],
          'a long password',
        )
      ).code,
    ).toBe(0);
    const token = (await runCli(['token', 'create', 'alice', '--data', dataDir])).stdout.trim();
    const push = (url: string, k: number) =>
      fetch(`${url}/api/v1/sync/push`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ clientId, mutations: batch(k) }),
      });

    // The client streams batches in order (as the extension's outbox does); the server is killed mid-stream,
    // after a few acknowledgements, while a push is in flight.
    let acked = 0;
    let killed = false;
    const pusher = (async () => {
      for (let k = 0; ; k++) {
        try {
          const res = await push(server.url, k);
          expect(res.status).toBe(200);
          acked = ((await res.json()) as { ackedSeq: number }).ackedSeq;
        } catch {
          if (killed) return; // connection refused or reset: the server is gone
          throw new Error('push failed before the kill');
        }
      }
    })();
    while (acked < 3 * BATCH) await new Promise((resolve) => setTimeout(resolve, 5));
    await new Promise((resolve) => setTimeout(resolve, Math.random() * 20));
    const exited = new Promise((resolve) => server.process.once('exit', resolve));
    killed = true;
    server.process.kill('SIGKILL');
    await exited;
    await pusher;
    expect(acked).toBeGreaterThanOrEqual(3 * BATCH);

    server = await startRealServer({ dataDir });
    try {
      const all: { id: string; fields: { name: string } }[] = [];
      let since = 0;
      for (;;) {
        const page = (await (
          await fetch(`${server.url}/api/v1/sync/pull?since=${since}&limit=5000`, {
            headers: { authorization: `Bearer ${token}` },
          })
        ).json()) as {
          changes: { id: string; fields: { name: string } }[];
          cursor: number;
          more: boolean;
        };
        all.push(...page.changes);
        since = page.cursor;
        if (!page.more) break;
      }
      const seqs = all.map((c) => Number(c.fields.name.slice(4))).sort((a, b) => a - b);
      // Every acknowledged seq is there; what is there is a whole number of batches, from seq 1 without holes.
      expect(seqs.length).toBeGreaterThanOrEqual(acked);
      expect(seqs.length % BATCH).toBe(0);
      expect(seqs).toEqual(Array.from({ length: seqs.length }, (_, i) => i + 1));
      // The client resumes: a replay of the last batch it sent is harmless, the next batch applies.
      const applied = seqs.length / BATCH;
      const replay = await push(server.url, applied - 1);
      expect(await replay.json()).toEqual({ ackedSeq: seqs.length });
      const resumed = await push(server.url, applied);
      expect(await resumed.json()).toEqual({ ackedSeq: seqs.length + BATCH });
    } finally {
      await server.stop();
    }
  }, 120_000);
});

import { Hono } from 'hono';
import { pullQuery } from '../../shared/schema/sync/pull';
import { pushRequest } from '../../shared/schema/sync/push';
import type { AppDeps } from '../deps';
import { type Env, readJson, requireUser, validate } from '../http';
import { HttpError } from '../http-error';

/** Rows read from storage per step of a streamed pull: bounds the memory one pull holds at once. */
export const PULL_CHUNK = 500;

/** `POST /api/v1/sync/push` and `GET /api/v1/sync/pull` (DESIGN §8, §9). */
export function syncRoutes(deps: AppDeps) {
  return new Hono<Env>()
    .use('*', requireUser(deps))
    .post('/push', async (c) => {
      const batch = await readJson(c, pushRequest);
      const now = deps.now();
      const outcome = await deps.storage.push({
        actor: c.var.user,
        clientId: batch.clientId,
        mutations: batch.mutations,
        now: now.toISOString(),
        lapseFrom: (status) => deps.lapse(status, now),
        score: await deps.scoring?.scorer(),
      });
      if (outcome.kind === 'gap')
        throw new HttpError(409, 'seq-gap', `expected seq ${outcome.expected} (acked ${outcome.ackedSeq})`, {
          field: 'mutations.0.seq',
        });
      if (outcome.kind === 'forbidden')
        throw new HttpError(403, 'forbidden', `you may not change ${outcome.entity} ${outcome.id}`, {
          field: `mutations.${outcome.index}`,
        });
      if (outcome.kind === 'refused')
        throw new HttpError(outcome.status, outcome.code, outcome.message, {
          field: `mutations.${outcome.index}.fields.${outcome.field}`,
        });
      for (const accountId of outcome.changedAccounts) await deps.rescore(accountId);
      return c.json({ ackedSeq: outcome.ackedSeq });
    })
    .get('/pull', async (c) => {
      const query = validate(pullQuery, c.req.query());
      const user = c.var.user;
      const encoder = new TextEncoder();
      let cursor = query.since;
      let sent = 0;
      let started = false;
      let finished = false;
      // Streams `{"changes":[…],"cursor":N,"more":B}` chunk by chunk: at most PULL_CHUNK rows in memory, and no
      // database cursor held open between chunks (each chunk is a keyset query `version > cursor`).
      const body = new ReadableStream<Uint8Array>({
        async pull(controller) {
          if (finished) return;
          const want = Math.min(PULL_CHUNK, query.limit - sent);
          const last = want === query.limit - sent;
          // On the last chunk one extra row says whether there is more.
          const rows = want > 0 ? await deps.storage.pullChunk(user, cursor, last ? want + 1 : want) : [];
          const more = rows.length > want;
          const page = more ? rows.slice(0, want) : rows;
          let text = started ? '' : '{"changes":[';
          for (const change of page) {
            text += (sent > 0 ? ',' : '') + JSON.stringify(change);
            sent++;
            cursor = change.version;
          }
          started = true;
          if (last || page.length < want) {
            text += `],"cursor":${cursor},"more":${more}}`;
            finished = true;
            controller.enqueue(encoder.encode(text));
            controller.close();
            return;
          }
          controller.enqueue(encoder.encode(text));
        },
      });
      return new Response(body, { headers: { 'content-type': 'application/json; charset=utf-8' } });
    });
}

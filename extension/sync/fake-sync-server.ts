import type { Change } from '../../shared/schema/sync/pull';
import { pushRequest } from '../../shared/schema/sync/push';

interface ServerRecord {
  entity: Change['entity'];
  id: string;
  fields: Record<string, unknown>;
  hlcs: Record<string, string>;
  deletedHlc: string | null;
  version: number;
}

/**
 * An in-memory sync server for unit tests, as a `fetch`: push and pull of DESIGN §9 with per-field
 * last-writer-wins by HLC (the same rule as the real server), idempotent by acked seq per client. `online`
 * false makes every request fail like a server that is away.
 */
export function fakeSyncServer(
  options: {
    token?: string;
    refuse?: (fields: Record<string, unknown>) => boolean;
    /** Answer pulls like a server older than `Change.hlcs` (no field HLCs). */
    withoutHlcs?: boolean;
    /** The status `POST /api/v1/ownership/interest` answers (200: recorded on a protected card). */
    interestStatus?: number;
  } = {},
) {
  const records = new Map<string, ServerRecord>();
  const acked = new Map<string, number>();
  let version = 0;
  const server = {
    online: true,
    requests: 0,
    records,
    /** The interest requests the server answered 200 to, in order. */
    interests: [] as unknown[],
    fetch: (async (input: string | URL | Request, init?: RequestInit) => {
      server.requests++;
      if (!server.online) throw new TypeError('Failed to fetch');
      const url = new URL(String(input));
      const auth = new Headers(init?.headers).get('authorization');
      if (auth !== `Bearer ${options.token ?? 'token-1'}`)
        return json(401, { error: { code: 'unauthorized', message: 'token expired' } });
      if (url.pathname === '/api/v1/sync/push') {
        const parsed = pushRequest.safeParse(JSON.parse(String(init?.body)));
        if (!parsed.success)
          return json(400, { error: { code: 'invalid', message: parsed.error.issues[0]?.message, field: 'x' } });
        const { clientId, mutations } = parsed.data;
        let ackedSeq = acked.get(clientId) ?? 0;
        // Like the real server: a refused mutation refuses the whole batch (nothing half-written) and names itself.
        const refused = mutations.findIndex((m) => m.seq > ackedSeq && options.refuse?.(m.fields));
        if (refused >= 0)
          return json(403, {
            error: { code: 'forbidden', message: 'you may not change this card', field: `mutations.${refused}` },
          });
        for (const m of mutations) {
          if (m.seq <= ackedSeq) continue;
          if (m.seq !== ackedSeq + 1) return json(409, { error: { code: 'gap', message: 'gap' } });
          const key = `${m.entity}/${m.id}`;
          const record = records.get(key) ?? {
            entity: m.entity,
            id: m.id,
            fields: {},
            hlcs: {},
            deletedHlc: null,
            version: 0,
          };
          let changed = false;
          if (m.op === 'delete') {
            if (record.deletedHlc === null || m.hlc > record.deletedHlc) {
              record.deletedHlc = m.hlc;
              for (const [field, hlc] of Object.entries(record.hlcs)) {
                if (hlc <= m.hlc) {
                  delete record.hlcs[field];
                  delete record.fields[field];
                }
              }
              changed = true;
            }
          } else {
            for (const [field, value] of Object.entries(m.fields)) {
              if (record.deletedHlc !== null && m.hlc <= record.deletedHlc) continue;
              const current = record.hlcs[field];
              if (current === undefined || m.hlc > current) {
                record.fields[field] = value;
                record.hlcs[field] = m.hlc;
                changed = true;
              }
            }
          }
          if (changed) record.version = ++version;
          records.set(key, record);
          ackedSeq = m.seq;
        }
        acked.set(clientId, ackedSeq);
        return json(200, { ackedSeq });
      }
      if (url.pathname === '/api/v1/ownership/interest') {
        const status = options.interestStatus ?? 200;
        if (status !== 200) return json(status, { error: { code: 'refused', message: `HTTP ${status}` } });
        server.interests.push(JSON.parse(String(init?.body)));
        return json(200, { status: 'protected', owner: '王芳', until: '2026-12-20T00:00:00.000Z', recorded: true });
      }
      if (url.pathname === '/api/v1/sync/pull') {
        const since = Number(url.searchParams.get('since') ?? 0);
        const limit = Number(url.searchParams.get('limit') ?? 1000);
        const newer = [...records.values()].filter((r) => r.version > since).sort((a, b) => a.version - b.version);
        const page = newer.slice(0, limit);
        const changes: Change[] = page.map((r) => ({
          entity: r.entity,
          id: r.id,
          version: r.version,
          deleted: r.deletedHlc !== null && Object.keys(r.hlcs).length === 0,
          fields: structuredClone(r.fields),
          ...(options.withoutHlcs ? {} : { hlcs: { ...r.hlcs } }),
        }));
        const cursor = page.length > 0 ? (page[page.length - 1]?.version ?? since) : Math.max(since, 0);
        return json(200, { changes, cursor, more: newer.length > page.length });
      }
      return json(404, { error: { code: 'not-found', message: url.pathname } });
    }) as typeof fetch,
  };
  return server;
}

function json(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
}

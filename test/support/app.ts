import { randomUUID } from 'node:crypto';
import { createApp } from '../../server/app';
import { generateToken, hashToken } from '../../server/auth/secrets';
import { openSqliteStorage } from '../../server/db/sqlite';
import type { Role, User } from '../../server/db/storage';
import { type AppDeps, makeDeps } from '../../server/deps';
import { reportsReady } from '../../server/routes/reports';
import { encodeHlc } from '../../shared/hlc/hlc';
import type { Mutation } from '../../shared/schema/sync/mutation';

/** The cast of the tests: two teams, reps, a manager, an admin. */
export const people: { name: string; role: Role; team: string | null }[] = [
  { name: 'admin', role: 'admin', team: null },
  { name: 'alice', role: 'rep', team: 'east' },
  { name: 'carol', role: 'rep', team: 'east' },
  { name: 'mia', role: 'manager', team: 'east' },
  { name: 'dave', role: 'rep', team: 'west' },
  { name: 'wendy', role: 'manager', team: 'west' },
];

/** A parsed JSON response body: tests check its shape with expect(), not with types. */
// biome-ignore lint/suspicious/noExplicitAny: response bodies are asserted by expect(), typing them adds nothing
export type Json = any;

export interface TestApp {
  app: ReturnType<typeof createApp>;
  deps: AppDeps;
  tokens: Record<string, string>;
  users: Record<string, User>;
  clock: { now: Date; advanceDays(days: number): void };
  /** JSON request as `name` (a user of `people`), returning status and parsed body. */
  call(
    name: string | null,
    method: string,
    path: string,
    body?: unknown,
  ): Promise<{ status: number; body: Json; headers: Headers }>;
  push(name: string, clientId: string, mutations: Mutation[]): Promise<{ status: number; body: Json }>;
  /** Every change visible to `name` since 0, following `more`. */
  pullAll(name: string, limit?: number): Promise<Json[]>;
}

/** The app over an in-memory SQLite storage, with the cast's API tokens and a clock the test moves. */
export async function makeTestApp(overrides: Partial<AppDeps> = {}): Promise<TestApp> {
  const storage = openSqliteStorage(':memory:');
  await storage.migrate();
  const clock = {
    now: new Date('2026-11-22T09:00:00.000Z'),
    advanceDays(days: number) {
      this.now = new Date(this.now.getTime() + days * 86_400_000);
    },
  };
  const deps = makeDeps(storage, { now: () => clock.now, ...overrides });
  const tokens: Record<string, string> = {};
  const users: Record<string, User> = {};
  for (const person of people) {
    const user = await storage.createUser({
      id: randomUUID(),
      ...person,
      passwordHash: 'not-a-hash',
      createdAt: clock.now.toISOString(),
    });
    if (user === 'exists') throw new Error('duplicate test user');
    users[person.name] = user;
    const token = generateToken();
    await storage.createToken({
      id: randomUUID(),
      userName: person.name,
      kind: 'api',
      hash: hashToken(token),
      label: null,
      createdAt: clock.now.toISOString(),
      expiresAt: null,
    });
    tokens[person.name] = token;
  }
  const app = createApp(deps);
  // The report endpoints answer 503 warming-up until their index's first build is done (task H8): tests query at once.
  await reportsReady(storage);
  const call: TestApp['call'] = async (name, method, path, body) => {
    const headers: Record<string, string> = {};
    if (name) headers.authorization = `Bearer ${tokens[name]}`;
    if (body !== undefined) headers['content-type'] = 'application/json';
    const res = await app.request(path, {
      method,
      headers,
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : null, headers: res.headers };
  };
  return {
    app,
    deps,
    tokens,
    users,
    clock,
    call,
    push: (name, clientId, mutations) => call(name, 'POST', '/api/v1/sync/push', { clientId, mutations }),
    async pullAll(name, limit = 1000) {
      const all: Json[] = [];
      let since = 0;
      for (;;) {
        const res = await call(name, 'GET', `/api/v1/sync/pull?since=${since}&limit=${limit}`);
        if (res.status !== 200) throw new Error(`pull ${res.status} ${JSON.stringify(res.body)}`);
        all.push(...res.body.changes);
        since = res.body.cursor;
        if (!res.body.more) return all;
      }
    },
  };
}

/** An HLC at `ms` milliseconds (counter, node) for hand-written mutations. */
export const hlcAt = (ms: number, node = 'dev1', counter = 0) => encodeHlc({ wall: ms, counter, node });

/** Builds a contiguous run of mutations starting at `firstSeq`. */
export function mutations(firstSeq: number, items: Omit<Mutation, 'seq'>[]): Mutation[] {
  return items.map((item, i) => ({ ...item, seq: firstSeq + i }));
}

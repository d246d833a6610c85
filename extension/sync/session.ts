import { z } from 'zod';
import { requestJson, ServerError } from './server-error';

/** The rep's sign-in, kept in `browser.storage.local` (never in IndexedDB, never synced). */
export const session = z.object({
  serverUrl: z.string(),
  name: z.string(),
  token: z.string(),
  signedInAt: z.string(),
  /**
   * The user's role and team as the server answered the sign-in: the popup offers a manager's stage-gate override
   * only to a manager or admin (the server still decides). Absent in a session kept before they were learnt: a rep
   * until the next sign-in, which is the safe reading (the override button hides, nothing is allowed by it).
   */
  role: z.enum(['rep', 'manager', 'admin']).optional(),
  team: z.string().nullable().optional(),
  /** Settings versions (CONVENTIONS 8): bump with a migration in `sessionFrom` when the shape changes. */
  version: z.literal(1),
});
export type Session = z.infer<typeof session>;

export const SESSION_KEY = 'leadcard.session';

/** The part of `browser.storage.local` the session needs (a Map-backed fake in tests). */
export interface KeyValueStorage {
  get(key: string): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
  remove(key: string): Promise<void>;
}

export async function loadSession(storage: KeyValueStorage): Promise<Session | null> {
  const stored = (await storage.get(SESSION_KEY))[SESSION_KEY];
  const parsed = session.safeParse(stored);
  return parsed.success ? parsed.data : null;
}

export async function saveSession(storage: KeyValueStorage, value: Session): Promise<void> {
  await storage.set({ [SESSION_KEY]: value });
}

export async function clearSession(storage: KeyValueStorage): Promise<void> {
  await storage.remove(SESSION_KEY);
}

/**
 * The server's base URL as the rep typed it, cleaned: `leadcard.acme.cn:8787/` → `https://leadcard.acme.cn:8787`.
 * A bare host gets https, except loopback (a server on the rep's own machine speaks plain http). Null if not a URL.
 */
export function serverUrlOf(input: string): string | null {
  let text = input.trim();
  if (text === '') return null;
  if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(text)) {
    const loopback = /^(localhost|127\.\d+\.\d+\.\d+|\[::1\])(:|\/|$)/i.test(text);
    text = `${loopback ? 'http' : 'https'}://${text}`;
  }
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return null;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
  if (url.username || url.password || url.search || url.hash) return null;
  return `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
}

/** The optional host permission the server needs: `http://127.0.0.1:8787` → `http://127.0.0.1/*` (any port). */
export function hostPermissionOf(serverUrl: string): string {
  const url = new URL(serverUrl);
  return `${url.protocol}//${url.hostname}/*`;
}

const loginAnswer = z.object({
  token: z.string().min(1).optional(),
  deviceToken: z.string().min(1).optional(),
  user: z
    .object({ role: z.enum(['rep', 'manager', 'admin']), team: z.string().nullable() })
    .partial()
    .optional(),
});

/** Signs in as a device (`POST /api/v1/auth/login` with `device: "extension"`) and returns the session to keep. */
export async function signIn(
  fetchFn: typeof fetch,
  serverUrl: string,
  name: string,
  password: string,
  nowIso: string,
): Promise<Session> {
  const body = await requestJson(fetchFn, `${serverUrl}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ name, password, device: 'extension' }),
  });
  const parsed = loginAnswer.safeParse(body);
  const token = parsed.success ? (parsed.data.token ?? parsed.data.deviceToken) : undefined;
  if (!token) throw new ServerError('rejected', 'the server answered the sign-in without a device token');
  const user = parsed.success ? parsed.data.user : undefined;
  return {
    serverUrl,
    name,
    token,
    signedInAt: nowIso,
    ...(user?.role ? { role: user.role } : {}),
    ...(user?.team !== undefined ? { team: user.team } : {}),
    version: 1,
  };
}

const meAnswer = z.object({
  user: z.object({ role: z.enum(['rep', 'manager', 'admin']), team: z.string().nullable() }),
});

/**
 * The session with the role and team the server has now (`GET /api/v1/auth/me`): a rep promoted to manager, or a
 * session kept before roles were learnt, gets the manager's override without signing in again. Throws a
 * ServerError like every request (offline, auth, rejected — an older server without the route answers 404).
 */
export async function refreshedSession(fetchFn: typeof fetch, current: Session): Promise<Session> {
  const body = await requestJson(fetchFn, `${current.serverUrl}/api/v1/auth/me`, {
    headers: { authorization: `Bearer ${current.token}` },
  });
  const parsed = meAnswer.safeParse(body);
  if (!parsed.success) throw new ServerError('rejected', 'the server answered who you are in an unknown shape');
  return { ...current, role: parsed.data.user.role, team: parsed.data.user.team };
}

/**
 * Refreshes the kept session's role and team and saves it when they changed; null when nothing changed or the
 * server could not say (offline, signed out: the kept role stands, and the server still rules on an override).
 */
export async function sessionWithFreshRole(
  fetchFn: typeof fetch,
  storage: KeyValueStorage,
  current: Session,
): Promise<Session | null> {
  let fresh: Session;
  try {
    fresh = await refreshedSession(fetchFn, current);
  } catch (error) {
    if (error instanceof ServerError) return null;
    throw error;
  }
  if (fresh.role === current.role && fresh.team === current.team) return null;
  // Saved only if the rep did not sign out or in meanwhile (the token says which sign-in this was).
  if ((await loadSession(storage))?.token !== current.token) return null;
  await saveSession(storage, fresh);
  return fresh;
}

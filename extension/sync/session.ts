import { z } from 'zod';
import { requestJson, ServerError } from './server-error';

/** The rep's sign-in, kept in `browser.storage.local` (never in IndexedDB, never synced). */
export const session = z.object({
  serverUrl: z.string(),
  name: z.string(),
  token: z.string(),
  signedInAt: z.string(),
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

const loginAnswer = z.object({ token: z.string().min(1).optional(), deviceToken: z.string().min(1).optional() });

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
  return { serverUrl, name, token, signedInAt: nowIso, version: 1 };
}

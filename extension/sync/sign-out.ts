import { eraseStore } from '../store/open';
import { clearSession, type KeyValueStorage, type Session } from './session';

/**
 * Signs this device out: revokes the device token on the server when it can be reached (best effort: an
 * unreachable server must not keep the rep signed in), forgets it locally, and erases the local cards only when
 * the rep confirmed it.
 */
export async function signOut(fetchFn: typeof fetch, storage: KeyValueStorage, session: Session, erase: boolean) {
  try {
    await fetchFn(`${session.serverUrl}/api/v1/auth/logout`, {
      method: 'POST',
      headers: { authorization: `Bearer ${session.token}` },
      signal: AbortSignal.timeout(5_000),
    });
  } catch {
    // Offline: the token stays valid on the server until an admin revokes it; locally it is gone either way.
  }
  await clearSession(storage);
  if (erase) await eraseStore();
}

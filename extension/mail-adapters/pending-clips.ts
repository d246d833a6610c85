import type { MailClip } from './mail-clip-types';

/** The part of `browser.storage.session` the pending clips need (a test passes a Map-backed one). */
export interface SessionArea {
  get: (key: string) => Promise<Record<string, unknown>>;
  set: (items: Record<string, unknown>) => Promise<void>;
}

const KEY = 'mailClips';
/** Clips wait here only until the rep saves or closes the preview; a bound keeps a forgotten pile small. */
const KEEP = 20;

/**
 * Clips parsed in the background and waiting for their preview. Kept in session storage (memory only, gone when
 * the browser closes: a mail is not stored until the rep saves it) so that the service worker may stop meanwhile.
 */
export function pendingClips(area: SessionArea) {
  const all = async () => ((await area.get(KEY))[KEY] ?? []) as MailClip[];
  return {
    async put(clip: MailClip): Promise<void> {
      const rest = (await all()).filter((c) => c.id !== clip.id);
      await area.set({ [KEY]: [...rest, clip].slice(-KEEP) });
    },
    async get(id: string): Promise<MailClip | null> {
      return (await all()).find((c) => c.id === id) ?? null;
    },
  };
}

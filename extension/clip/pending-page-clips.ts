import type { ClipMode } from './clip-draft';
import type { PageCapture } from './page-capture';

/** A page clip the background captured (shortcut, context menu), waiting for its preview window. */
export interface PendingPageClip {
  id: string;
  mode: ClipMode;
  capture: PageCapture;
}

/** The part of `browser.storage.session` the pending clips need (a Map-backed fake in tests). */
export interface SessionArea {
  get: (key: string) => Promise<Record<string, unknown>>;
  set: (items: Record<string, unknown>) => Promise<void>;
}

const KEY = 'pageClips';
/** Clips wait only until their preview window reads them; a bound keeps a forgotten pile small. */
const KEEP = 10;

/**
 * Captures waiting for their preview. Session storage: memory only, gone when the browser closes (a page is not
 * stored until the rep saves a lead from it), and it outlives a stopped service worker.
 */
export function pendingPageClips(area: SessionArea) {
  const all = async () => ((await area.get(KEY))[KEY] ?? []) as PendingPageClip[];
  return {
    async put(clip: PendingPageClip): Promise<void> {
      const rest = (await all()).filter((c) => c.id !== clip.id);
      await area.set({ [KEY]: [...rest, clip].slice(-KEEP) });
    },
    async get(id: string): Promise<PendingPageClip | null> {
      return (await all()).find((c) => c.id === id) ?? null;
    },
  };
}

import { browser } from 'wxt/browser';
import type { OpenMessage } from './capture/mail/open-message';
import type { MailChip, MailClip } from './mail-adapters/mail-clip-types';
import type { CardSummary } from './store/lookup';
import type { SyncState } from './sync/sync-state';

/**
 * The one typed message table between the extension's pages and content scripts and the background (which owns
 * sync and the badge). Content scripts never open IndexedDB (it would be the web page's): they ask here.
 */
export interface Messages {
  /** Sync now (the popup's button, the options page after sign-in); answers the state after the round. */
  'sync.now': { request: Record<string, never>; response: SyncState };
  /** A local change was written: sync in a moment. */
  'sync.soon': { request: Record<string, never>; response: null };
  /** Signed in or out: reset the sync state, refresh the badges. */
  'session.changed': { request: Record<string, never>; response: SyncState };
  /** Caller-ID for a mail adapter: the cards of a sender's address. */
  'lookup.email': { request: { email: string }; response: CardSummary[] };
  /** Caller-ID for a page: the cards of a URL's registrable domain. */
  'lookup.domain': { request: { url: string }; response: CardSummary[] };
  /** The caller-ID chip beside a webmail sender (Gmail, Outlook on the web): known customer, or "Clip sender". */
  'mail.chip': { request: { email: string }; response: MailChip };
  /** Clip the open webmail message: the background parses it and opens the clip preview; answers the clip's id. */
  'mail.clip': { request: { site: 'gmail' | 'outlook'; message: OpenMessage }; response: { clipId: string } };
  /** The clip preview asks for a clip the background parsed (null when it is gone). */
  'mail.pending': { request: { clipId: string }; response: MailClip | null };
}
export type MessageType = keyof Messages;
export type Request<K extends MessageType> = Messages[K]['request'];
export type Response<K extends MessageType> = Messages[K]['response'];

interface Envelope<K extends MessageType = MessageType> {
  leadcard: K;
  payload: Request<K>;
}
type Answer<T> = { ok: true; value: T } | { ok: false; error: string };

export type Handlers = {
  [K in MessageType]: (payload: Request<K>, sender: { tab?: { id?: number; url?: string } }) => Promise<Response<K>>;
};

export const messageTypes: readonly MessageType[] = [
  'sync.now',
  'sync.soon',
  'session.changed',
  'lookup.email',
  'lookup.domain',
  'mail.chip',
  'mail.clip',
  'mail.pending',
];

function isEnvelope(message: unknown): message is Envelope {
  return (
    typeof message === 'object' &&
    message !== null &&
    messageTypes.includes((message as { leadcard?: MessageType }).leadcard as MessageType)
  );
}

/** Sends one message to the background and returns its typed answer (or throws the background's error). */
export async function sendMessage<K extends MessageType>(type: K, payload: Request<K>): Promise<Response<K>> {
  const envelope: Envelope<K> = { leadcard: type, payload };
  const answer = (await browser.runtime.sendMessage(envelope)) as Answer<Response<K>> | undefined;
  if (!answer) throw new Error(`no answer to ${type}`);
  if (!answer.ok) throw new Error(answer.error);
  return answer.value;
}

/** Registers the background's handlers; answers through `sendResponse` (works in Chrome and Firefox alike). */
export function listenForMessages(handlers: Handlers): () => void {
  const listener = (
    message: unknown,
    sender: { tab?: { id?: number; url?: string } },
    sendResponse: (a: unknown) => void,
  ) => {
    if (!isEnvelope(message)) return false;
    const handler = handlers[message.leadcard] as (p: unknown, s: typeof sender) => Promise<unknown>;
    handler(message.payload, sender).then(
      (value) => sendResponse({ ok: true, value }),
      (error: unknown) => sendResponse({ ok: false, error: error instanceof Error ? error.message : String(error) }),
    );
    return true;
  };
  browser.runtime.onMessage.addListener(listener);
  return () => browser.runtime.onMessage.removeListener(listener);
}

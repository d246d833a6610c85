import { browser } from 'wxt/browser';
import { pickLocale } from '../../shared/i18n';
import { uuidv7 } from '../../shared/id/uuidv7';
import { parsedOpenMessage } from '../capture/mail/parsed-open-message';
import type { Handlers } from '../messages';
import type { LeadcardDb } from '../store/db';
import type { StoreEnv } from '../store/meta';
import { mailChipFor } from './mail-chip';
import { pendingClips } from './pending-clips';

/**
 * The background's side of the mail adapters: the chip's lookup in IndexedDB, and clipping (the raw message is
 * parsed here with the mail core, kept in session storage, and its preview opened in a small window, which needs
 * no user gesture, unlike the side panel, whose `open()` a content script's message cannot call).
 */
export function mailHandlers(
  db: LeadcardDb,
  env: StoreEnv,
  me: () => Promise<string | null>,
): Pick<Handlers, 'mail.chip' | 'mail.clip' | 'mail.pending'> {
  const clips = pendingClips({
    get: (key) => browser.storage.session.get(key),
    set: (items) => browser.storage.session.set(items),
  });
  return {
    'mail.chip': async ({ email }) =>
      mailChipFor(db, email, pickLocale(browser.i18n.getUILanguage()), await me(), new Date(env.now()).toISOString()),
    'mail.clip': async ({ site, message }) => {
      const parsed = parsedOpenMessage(message);
      const id = uuidv7(env.now(), env.randomBytes);
      const source = message.messageId ?? message.pageMessageId;
      await clips.put({ id, site, source, parsed, repAddress: message.account ?? null });
      await browser.windows.create({
        url: browser.runtime.getURL(`/sidepanel.html?clip=${id}`),
        type: 'popup',
        width: 460,
        height: 760,
      });
      return { clipId: id };
    },
    'mail.pending': ({ clipId }) => clips.get(clipId),
  };
}

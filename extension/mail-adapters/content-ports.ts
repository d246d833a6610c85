import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { sendMessage } from '../messages';
import type { AdapterPorts } from './mail-adapter';

/** The adapter's ports in a real content script: the page's document, the message table, WXT's context timers. */
export function contentPorts(ctx: ContentScriptContext): AdapterPorts {
  return {
    document,
    send: sendMessage,
    timers: {
      setTimeout: (run, ms) => ctx.setTimeout(run, ms),
      clearTimeout: (id) => clearTimeout(id),
    },
    onRefocus: (run) => {
      ctx.addEventListener(window, 'focus', run);
      ctx.addEventListener(document, 'visibilitychange', () => {
        if (document.visibilityState === 'visible') run();
      });
    },
  };
}

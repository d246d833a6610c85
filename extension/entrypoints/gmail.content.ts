import { contentPorts } from '../mail-adapters/content-ports';
import { startMailAdapter } from '../mail-adapters/mail-adapter';
import { gmailSite } from '../mail-adapters/mail-sites';

/** Gmail's caller-ID chip and "Clip sender" (DESIGN §7): one of the only two standing content scripts. */
export default defineContentScript({
  matches: ['https://mail.google.com/*'],
  runAt: 'document_idle',
  main(ctx) {
    const stop = startMailAdapter(gmailSite, contentPorts(ctx));
    ctx.onInvalidated(stop);
  },
});

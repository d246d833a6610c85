import { contentPorts } from '../mail-adapters/content-ports';
import { startMailAdapter } from '../mail-adapters/mail-adapter';
import { outlookSite } from '../mail-adapters/mail-sites';

/** Outlook on the web's caller-ID chip and "Clip sender" (DESIGN §7): work, home and Microsoft 365 addresses. */
export default defineContentScript({
  matches: ['https://outlook.office.com/*', 'https://outlook.office365.com/*', 'https://outlook.live.com/*'],
  runAt: 'document_idle',
  main(ctx) {
    const stop = startMailAdapter(outlookSite, contentPorts(ctx));
    ctx.onInvalidated(stop);
  },
});

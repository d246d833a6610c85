import type { ParsedEmail } from '../capture/mail/parsed-email';

/**
 * The caller-ID chip beside a webmail sender, ready to show: the background looks the sender up in IndexedDB and
 * words it in the rep's language, so the content script carries no store, no catalog and no formatting code.
 * Every string is captured or derived data: the chip shows it as text only.
 */
export type MailChip =
  | {
      kind: 'known';
      /** The grade shown on the chip: 甲/乙/丙 (A/B/C), else the score, else `•` (not scored yet). */
      grade: string;
      /** hot / warm / cold colour, grey when not scored. */
      color: string;
      /** The customer's name (the card's account). */
      name: string;
      /** One line each: score and band, owner, last contact, next meeting. */
      details: string[];
      /** The label of the chip's button that clips this message onto the card. */
      clipLabel: string;
    }
  | { kind: 'unknown'; clipLabel: string };

/** Where a clip came from: a webmail page, or an `.eml` file the rep dropped or picked. */
export type MailClipSite = 'gmail' | 'outlook' | 'eml';

/** One mail parsed by the mail core, waiting in the clip preview for the rep to edit and save. */
export interface MailClip {
  id: string;
  site: MailClipSite;
  /** The message id the activity is recorded under (RFC Message-ID, else the site's own id); dedupes re-clips. */
  source: string | null;
  parsed: ParsedEmail;
  /** The rep's own address as the webmail page shows it (the signed-in account), when it does. */
  repAddress?: string | null;
}

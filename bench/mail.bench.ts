import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import PostalMime from 'postal-mime';
import { MailError } from '../extension/capture/mail/mail-error';
import { parseEmail } from '../extension/capture/mail/parsed-email';
import { replyText } from '../extension/capture/mail/reply-text';
import { compareInterleaved, median } from './measure';
import type { Benchmark } from './types';

const root = join(import.meta.dirname, '..');
const fixturesDir = join(root, 'test/fixtures/mail');
const mails = readdirSync(fixturesDir)
  .filter((f) => f.endsWith('.eml') && !f.startsWith('malformed-'))
  .map((f) => new Uint8Array(readFileSync(join(fixturesDir, f))));

// The 767 KB long-quote guard of github/email_reply_parser, read in place beside the repository when it is there.
const longQuotePath = join(root, '../shared/corpora/email_reply_parser/test/emails/email_long_quote.txt');
const longQuote = (() => {
  try {
    return readFileSync(longQuotePath, 'utf8');
  } catch {
    return null;
  }
})();

async function parseQuietly(raw: Uint8Array) {
  try {
    await parseEmail(raw);
  } catch (error) {
    if (!(error instanceof MailError)) throw error;
  }
}

export const benchmarks: Benchmark[] = [
  {
    name: 'parse-email: one mail, parsed and split (median over the fixtures)',
    target: 'informative',
    async run() {
      // Per fixture: our whole pipeline against postal-mime's MIME parse alone, interleaved; then the median.
      const ours: number[] = [];
      const plain: number[] = [];
      for (const raw of mails) {
        const { measured, baseline } = await compareInterleaved(
          () => parseQuietly(raw),
          () => PostalMime.parse(raw),
          { repeats: 15, warmup: 3 },
        );
        ours.push(measured);
        plain.push(baseline);
      }
      return {
        measured: median(ours),
        baseline: median(plain),
        detail: `${mails.length} fixture mails (zh/en, GBK/Big5/UTF-8/windows-1252, HTML-only); baseline: postal-mime parse alone`,
      };
    },
  },
  {
    name: 'parse-email: reply split of the 767 KB long quote',
    target: 'informative',
    async run() {
      if (!longQuote) throw new Error(`corpus file missing: ${longQuotePath}`);
      const text = longQuote;
      const { measured, baseline } = await compareInterleaved(
        () => replyText(text),
        // The least any splitter must do: look at every line once.
        () => text.split('\n').filter((line) => !line.startsWith('>')),
        { repeats: 9, warmup: 2 },
      );
      return { measured, baseline, detail: `${text.length} chars; baseline: one pass dropping ">" lines` };
    },
  },
];

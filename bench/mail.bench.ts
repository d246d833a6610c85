import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
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

/**
 * DESIGN §12: each mail content script (they run on every mail opened) under 50 KB gzipped. The injected page
 * extractors run only on the rep's action, so their size is shown against the same figure but not held to it.
 */
const BUDGET_KB = 50;
const outputDir = join(root, '.output/chrome-mv3');
const entrypointsDir = join(root, 'extension/entrypoints');
/** The built files to weigh, named from the entrypoints: `gmail.content.ts` → `content-scripts/gmail.js`. */
const builtScripts = readdirSync(entrypointsDir)
  .flatMap((f) => {
    const content = /^(.+)\.content\.tsx?$/.exec(f);
    if (content) return [{ label: `${content[1]} content script`, path: `content-scripts/${content[1]}.js` }];
    const extractor = /^(extractor[\w-]*)\.tsx?$/.exec(f);
    return extractor ? [{ label: `injected ${extractor[1]}`, path: `${extractor[1]}.js` }] : [];
  })
  .sort((a, b) => a.path.localeCompare(b.path));

let built: Promise<void> | null = null;
/** The Chrome build, made once per run when `.output/chrome-mv3` is missing (sizes are of what ships). */
function ensureBuilt(): Promise<void> {
  built ??= (async () => {
    if (existsSync(join(outputDir, 'manifest.json'))) return;
    process.stderr.write('.output/chrome-mv3 is missing: running `npx wxt build` to weigh the scripts …\n');
    try {
      execFileSync('npx', ['wxt', 'build'], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
    } catch (error) {
      throw new Error(
        `.output/chrome-mv3 is missing and \`npx wxt build\` failed (${(error as Error).message}); size skipped`,
      );
    }
  })();
  return built;
}

async function parseQuietly(raw: Uint8Array) {
  try {
    await parseEmail(raw);
  } catch (error) {
    if (!(error instanceof MailError)) throw error;
  }
}

export const benchmarks: Benchmark[] = [
  ...builtScripts.map(
    ({ label, path }): Benchmark => ({
      name: `size: ${label}, gzipped, vs the 50 KB budget`,
      ...(label.includes('content script') ? { target: '≤ 1.0×', maxRatio: 1 } : { target: 'informative' }),
      unit: 'KB',
      async run() {
        await ensureBuilt();
        const file = join(outputDir, path);
        if (!existsSync(file))
          throw new Error(`${path} is not in .output/chrome-mv3 (build it with \`npx wxt build\`)`);
        const bytes = readFileSync(file);
        const gzipped = gzipSync(bytes, { level: 9 }).length;
        const builtAt = statSync(file).mtime.toISOString().slice(0, 16).replace('T', ' ');
        return {
          measured: gzipped / 1024,
          baseline: BUDGET_KB,
          detail: `.output/chrome-mv3/${path}: ${(bytes.length / 1024).toFixed(1)} KB raw, ${gzipped} B gzip -9 (built ${builtAt} UTC); baseline the 50 KB budget`,
        };
      },
    }),
  ),
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

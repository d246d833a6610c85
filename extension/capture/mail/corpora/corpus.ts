import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll } from 'vitest';
import { replyText, trimBlankLines } from '../reply-text';
import { dashedNameLine, isSignatureDelimiter } from '../signature-block';
import { isDeviceTagline } from '../signature-lines';

/** The third-party corpora live beside the repository (`<repo>/../shared/corpora`) and are read in place. */
const repoRoot = fileURLToPath(new URL('../../../../', import.meta.url));
export const corporaRoot = resolve(repoRoot, '../shared/corpora');

export interface Corpus {
  dir: string;
  exists: boolean;
  /** `describe` title that says plainly when the corpus is missing and the suite did not run. */
  title: string;
  text(path: string): string;
  bytes(path: string): Uint8Array;
  expected<T>(): T;
}

export function corpus(name: string): Corpus {
  const dir = resolve(corporaRoot, name);
  const exists = existsSync(resolve(dir, 'SOURCE.md')) || existsSync(resolve(dir, 'EXPECTED.json'));
  return {
    dir,
    exists,
    title: exists ? `corpus ${name}` : `corpus ${name} NOT RUN: ${dir} is missing`,
    text: (path) => readFileSync(resolve(dir, path), 'utf8'),
    bytes: (path) => new Uint8Array(readFileSync(resolve(dir, path))),
    expected: <T>() => JSON.parse(readFileSync(resolve(dir, 'EXPECTED.json'), 'utf8')) as T,
  };
}

/**
 * Counts passes per corpus and prints the rate when the file's tests are done: `corpus talon: 45/50 passed (90.0%)`.
 * `check` records the outcome and returns it so the caller's test can assert on it.
 */
export function passRate(name: string) {
  let passed = 0;
  let total = 0;
  const failed: string[] = [];
  afterAll(() => {
    if (total === 0) return;
    const rate = ((100 * passed) / total).toFixed(1);
    const tail = failed.length ? `; not passing: ${failed.join(', ')}` : '';
    console.log(`corpus ${name}: ${passed}/${total} passed (${rate}%)${tail}`);
  });
  return {
    check(id: string, ok: boolean): boolean {
      total++;
      if (ok) passed++;
      else failed.push(id);
      return ok;
    },
  };
}

/**
 * What the reply parsers of the corpora call the visible text: the sender's lines with quotes and forwards removed
 * and a delimited signature (`-- `) and device taglines dropped, sign-offs kept.
 */
export function visibleText(text: string): string {
  let lines = replyText(text)
    .text.split('\n')
    .map((line) => line.trimEnd());
  // The reference parsers also start a signature at a short rule ("--", "====") or an underscore rule (list footers).
  const cut = lines.findIndex((line) => isSignatureDelimiter(line) || /^\s*(?:-{2,4}|={2,4}|_{2,})\s*$/.test(line));
  if (cut >= 0) lines = lines.slice(0, cut);
  lines = lines.filter((line) => !isDeviceTagline(line));
  const dashed = dashedNameLine(lines);
  if (dashed >= 0) lines = lines.slice(0, dashed);
  return trimBlankLines(lines).join('\n').trim();
}

/** One assertion on a fragment of the reference parser's output (github/email_reply_parser and its ports). */
export interface FragmentText {
  index: number;
  equals?: string;
  trimmed_equals?: string;
  matches?: string;
  trimmed_matches?: string;
  flags?: string;
  contains?: string;
  not_contains?: string;
  content_equals?: string;
}

export interface FragmentCase {
  id: string;
  input?: string;
  input_inline?: string;
  input_transform?: { replace: [string, string] };
  fragments?: { count?: number; hidden?: (boolean | null)[]; quoted?: (boolean | null)[] };
  fragment_text?: FragmentText[];
  visible_text?: { equals?: string; trimmed_equals?: string; contains?: string[]; not_contains?: string[] };
}

/**
 * The portable reading of a fragment-model case: fragment 0 is the start of the visible text; a fragment known to be
 * hidden must not show in it, one known to be visible must; `visible_text` compares directly; `count: 1` alone means
 * nothing may be removed. Fragment counts and signature flags are the reference parser's own business.
 * Returns the failed assertion, or null when the case passes.
 */
export function fragmentCaseFailure(c: FragmentCase, input: string): string | null {
  const visible = visibleText(input);
  const hidden = c.fragments?.hidden ?? [];
  const quoted = c.fragments?.quoted ?? [];
  // Own text below a quote (bottom posting) follows fragment 0 in the visible text.
  const laterVisible =
    hidden.some((h, i) => i > 0 && h === false && quoted[i] !== true) ||
    (c.fragment_text ?? []).some((f) => f.index >= 2) ||
    (c.fragments?.count ?? 0) > 2;
  for (const f of c.fragment_text ?? []) {
    // A quoted fragment is never the sender's text here, even where the reference parser leaves it visible
    // (it hides only what is below the last visible line).
    const isHidden = quoted[f.index] === true ? true : f.index === 0 ? false : hidden[f.index];
    const exact = (f.equals ?? f.trimmed_equals ?? f.content_equals)
      ?.split('\n')
      .map((line) => line.trimEnd())
      .join('\n');
    const pattern = f.matches ?? f.trimmed_matches;
    if (f.index === 0 && exact !== undefined && isHidden === false) {
      const want = exact.trim();
      const ok = laterVisible ? visible === want || visible.startsWith(`${want}\n`) : visible === want;
      if (!ok) {
        const same = commonPrefixLength(want, visible);
        return `fragment 0 differs at ${same}: expected …${JSON.stringify(want.slice(same, same + 200))}, got …${JSON.stringify(visible.slice(same, same + 200))}`;
      }
    } else if (pattern !== undefined && isHidden !== undefined && isHidden !== null) {
      const found = new RegExp(pattern, f.flags ?? 'm').test(visible);
      if (found === isHidden) return `fragment ${f.index} /${pattern}/ should ${isHidden ? 'not ' : ''}be visible`;
    } else if (f.index === 0 && pattern !== undefined && isHidden === false) {
      if (!new RegExp(pattern, f.flags ?? 'm').test(visible)) return `visible text should match /${pattern}/`;
    } else if (f.index === 0 && f.contains !== undefined && !visible.includes(f.contains)) {
      return `visible text should contain ${JSON.stringify(f.contains)}`;
    } else if (f.index === 0 && f.not_contains !== undefined && visible.includes(f.not_contains)) {
      return `visible text should not contain ${JSON.stringify(f.not_contains)}`;
    }
  }
  const v = c.visible_text;
  const lineEnds = (s: string) =>
    s
      .split('\n')
      .map((line) => line.trimEnd())
      .join('\n')
      .trim();
  if (v?.equals !== undefined && visible !== lineEnds(v.equals)) {
    return `visible text should be ${JSON.stringify(v.equals)}, got ${JSON.stringify(visible)}`;
  }
  if (v?.trimmed_equals !== undefined && visible !== lineEnds(v.trimmed_equals)) {
    return `visible text should be ${JSON.stringify(v.trimmed_equals)}, got ${JSON.stringify(visible)}`;
  }
  for (const s of v?.contains ?? [])
    if (!visible.includes(s)) return `visible text should contain ${JSON.stringify(s)}`;
  for (const s of v?.not_contains ?? [])
    if (visible.includes(s)) return `visible text should not contain ${JSON.stringify(s)}`;
  if (c.fragments?.count === 1 && !c.fragment_text && !v && visible !== lineEnds(input.replace(/\r\n?/g, '\n'))) {
    return 'a one-fragment mail should come out whole';
  }
  return null;
}

function commonPrefixLength(a: string, b: string): number {
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  return i;
}

/** The input of a fragment-model case: a file or an inline string, with the data-provider replacement applied. */
export function fragmentCaseInput(c: FragmentCase, read: (path: string) => string): string {
  let text = c.input !== undefined ? read(c.input) : (c.input_inline ?? '');
  if (c.input_transform) text = text.split(c.input_transform.replace[0]).join(c.input_transform.replace[1]);
  return text;
}

export const withoutWhitespace = (s: string) => s.replace(/\s/g, '');

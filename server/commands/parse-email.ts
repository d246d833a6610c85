import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { MailError } from '../../extension/capture/mail/mail-error';
import { parseEmail } from '../../extension/capture/mail/parsed-email';

export const parseEmailUsage = 'parse-email FILE.eml [--region CN]';

/**
 * `leadcard parse-email FILE.eml [--region CN]`: prints the parsed mail as JSON (DESIGN §9). A file that cannot be
 * read or is not a mail is bad input (exit 1, one line on stderr); a wrong argument list is a usage error (exit 2).
 * Writes its own one-line errors, so that it needs nothing from cli.ts (no import cycle).
 */
export async function parseEmailCommand(
  args: string[],
  out: Pick<NodeJS.WriteStream, 'write'> = process.stdout,
  err: Pick<NodeJS.WriteStream, 'write'> = process.stderr,
): Promise<number> {
  const fail = (code: 1 | 2, message: string) => {
    err.write(`leadcard parse-email: ${message}\n`);
    return code;
  };
  let values: { region: string };
  let positionals: string[];
  try {
    ({ values, positionals } = parseArgs({
      args,
      allowPositionals: true,
      options: { region: { type: 'string', default: 'CN' } },
    }));
  } catch (error) {
    return fail(2, `${(error as Error).message}\nUsage: leadcard ${parseEmailUsage}`);
  }
  if (positionals.length !== 1) return fail(2, `expects exactly one FILE.eml\nUsage: leadcard ${parseEmailUsage}`);
  if (!/^[A-Z]{2}$/.test(values.region))
    return fail(2, `--region must be two capital letters such as CN, got "${values.region}"`);
  const file = positionals[0]!;
  let raw: Uint8Array;
  try {
    raw = await readFile(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory' : (error as Error).message;
    return fail(1, `cannot read ${file}: ${why}`);
  }
  try {
    const parsed = await parseEmail(raw, { defaultRegion: values.region });
    out.write(`${JSON.stringify(parsed, null, 2)}\n`);
    return 0;
  } catch (error) {
    if (error instanceof MailError) return fail(1, `${file}: ${error.message}`);
    throw error;
  }
}

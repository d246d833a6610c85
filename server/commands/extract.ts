import { readFileSync, statSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { extractLinkedPage } from '../../extension/capture/extract-linked-page';
import { htmlDocument } from '../../extension/capture/html-document';
import { CliError } from '../cli-error';

/** Pages beyond this size are not contact pages; reading them would only cost memory. */
const MAX_BYTES = 50 * 1024 * 1024;

/**
 * `leadcard extract FILE.html [--url URL] [--region CC]`: prints `{ contacts, organisation }` (DESIGN §9) for a
 * saved page, running the extension's extraction engine on a DOM built by linkedom.
 */
export async function extractCommand(args: string[], out: (text: string) => void = (t) => process.stdout.write(t)) {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { url: { type: 'string' }, region: { type: 'string' } },
  });
  if (positionals.length !== 1) throw new CliError(2, 'expects exactly one FILE.html');
  const file = positionals[0]!;
  let url = pathToFileURL(file).href;
  if (values.url !== undefined) {
    try {
      url = new URL(values.url).href;
    } catch {
      throw new CliError(2, `--url is not a valid URL: "${values.url}"`);
    }
  }
  if (values.region !== undefined && !/^[A-Za-z]{2}$/.test(values.region))
    throw new CliError(2, `--region must be a two-letter region code, got "${values.region}"`);
  const html = readHtml(file);
  // Without --region the engine infers it from the page (ccTLD, <html lang>), CN when nothing says.
  // A saved page is read offline: `data:` vCards count, linked .vcf files are not fetched.
  const result = await extractLinkedPage(htmlDocument(html), url, { defaultRegion: values.region?.toUpperCase() });
  out(`${JSON.stringify(result, null, 2)}\n`);
  return 0;
}

/** The file's text, or a CliError(1) naming what is wrong with it. */
function readHtml(file: string): string {
  let size: number;
  try {
    const stat = statSync(file);
    if (stat.isDirectory()) throw new CliError(1, `${file} is a directory, not an HTML file`);
    size = stat.size;
  } catch (error) {
    if (error instanceof CliError) throw error;
    throw new CliError(
      1,
      `cannot read ${file}: ${(error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message}`,
    );
  }
  if (size > MAX_BYTES) throw new CliError(1, `${file} is ${size} bytes, over the ${MAX_BYTES}-byte limit`);
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch (error) {
    throw new CliError(1, `cannot read ${file}: ${(error as Error).message}`);
  }
  // NUL bytes never occur in HTML text: an image, archive or other binary file was given.
  if (bytes.subarray(0, 8192).includes(0)) throw new CliError(1, `${file} is a binary file, not HTML`);
  return new TextDecoder(sniffCharset(bytes)).decode(bytes);
}

/** The declared charset (BOM, then `<meta charset>`), UTF-8 by default; GB labels read as gb18030. */
function sniffCharset(bytes: Buffer): string {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return 'utf-8';
  const head = bytes.subarray(0, 4096).toString('latin1');
  const label = /<meta[^>]{0,200}charset\s*=\s*["']?([\w-]{1,40})/i.exec(head)?.[1]?.toLowerCase() ?? 'utf-8';
  if (/^(?:gb2312|gbk|gb18030|x-gbk)$/.test(label)) return 'gb18030';
  try {
    new TextDecoder(label);
    return label;
  } catch {
    return 'utf-8';
  }
}

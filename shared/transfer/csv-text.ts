import Papa from 'papaparse';

/**
 * The records of a CSV text (RFC 4180: quoted fields, doubled quotes, line breaks inside quotes), a leading BOM
 * dropped (Excel writes one). Papa Parse runs in node and in the browser alike, so the CLI and the options page
 * read a file the same way. The delimiter is always a comma: guessing it would split `+8675588886666;ext=801`.
 * Throws with the first row Papa Parse could not read.
 */
export function csvRecords(text: string): string[][] {
  const result = Papa.parse<string[]>(text.replace(/^\uFEFF/, ''), { delimiter: ',', skipEmptyLines: true });
  const fatal = result.errors.find((e) => e.type === 'Quotes');
  if (fatal) throw new Error(`row ${(fatal.row ?? 0) + 1}: ${fatal.message}`);
  return result.data;
}

/** CSV text of `rows` (fields with commas, quotes or line breaks quoted), with a BOM so Excel reads it as UTF-8. */
export function csvText(rows: readonly (readonly string[])[]): string {
  return `\uFEFF${Papa.unparse(
    rows.map((row) => [...row]),
    { newline: '\n' },
  )}\n`;
}

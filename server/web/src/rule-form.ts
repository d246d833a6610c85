/** A path into the rule document: object keys and array indexes, as the server's error `field` names them. */
export type RulePath = readonly (string | number)[];

/** `rules.leadScore.bands.hot` for ['leadScore', 'bands', 'hot'] (the field name of a 400 from PUT /api/v1/rules). */
export function fieldName(path: RulePath): string {
  return ['rules', ...path].join('.');
}

/** A copy of `document` with the value at `path` replaced (the editor never mutates what it was given). */
export function setAt(document: unknown, path: RulePath, value: unknown): unknown {
  if (path.length === 0) return value;
  const [head, ...rest] = path as [string | number, ...(string | number)[]];
  if (Array.isArray(document)) {
    const copy = [...document];
    copy[head as number] = setAt(copy[head as number], rest, value);
    return copy;
  }
  const record = (document ?? {}) as Record<string, unknown>;
  return { ...record, [head]: setAt(record[head], rest, value) };
}

/** What an input's text becomes: a number (NaN when empty or unreadable: it goes out as null and the server names
 * the field), or a list of words split at commas. */
export function parseInput(kind: 'number' | 'text' | 'list', text: string): unknown {
  if (kind === 'number') {
    const trimmed = text.trim();
    return trimmed === '' ? Number.NaN : Number(trimmed);
  }
  if (kind === 'list')
    return text
      .split(/[,，]/)
      .map((word) => word.trim())
      .filter((word) => word !== '');
  return text;
}

/** One changed value between two rule documents, by its path: `{ path: 'leadScore.bands.hot', from: 70, to: 75 }`. */
export type RuleChange = { path: string; from: unknown; to: unknown };

/**
 * The changes from one rule set to another, leaf by leaf (arrays by index; an added or removed entry has
 * `from` or `to` undefined), for `GET /api/v1/rules/:version/diff/:other`. Paths are in document order.
 */
export function diffRules(from: unknown, to: unknown, path = ''): RuleChange[] {
  if (from === to) return [];
  const bothArrays = Array.isArray(from) && Array.isArray(to);
  const bothObjects = isRecord(from) && isRecord(to) && !Array.isArray(from) && !Array.isArray(to);
  if (!bothArrays && !bothObjects) return [{ path, from, to }];
  const a = from as Record<string, unknown>;
  const b = to as Record<string, unknown>;
  const keys = bothArrays
    ? Array.from({ length: Math.max((from as unknown[]).length, (to as unknown[]).length) }, (_, i) => String(i))
    : [...new Set([...Object.keys(a), ...Object.keys(b)])];
  return keys.flatMap((key) => diffRules(a[key], b[key], path ? `${path}.${key}` : key));
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

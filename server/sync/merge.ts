/**
 * Per-field last-writer-wins by HLC (DESIGN §8). A record's state is its fields, the HLC of each field's last
 * write, and the HLC of its latest delete. The state after any set of mutations is the same whatever order they
 * arrive in (and however often), because every rule below is a max over a total order:
 * - a field keeps the value of the write with the greatest HLC; equal HLCs (two writers can't share one, but a
 *   replay can) keep the greater canonical JSON, so ties are deterministic;
 * - a delete (tombstone) at HLC d drops every field written at or before d and ignores such writes later on;
 *   a write after d brings the record back with the fields written after d.
 * Dropping the older fields is the purge of DESIGN §11: a deleted card keeps only its id and version.
 */
export interface RecordState {
  fields: Record<string, unknown>;
  hlcs: Record<string, string>;
  deletedHlc: string | null;
}

export const emptyState = (): RecordState => ({ fields: {}, hlcs: {}, deletedHlc: null });

/** A record is deleted when a tombstone exists and no field was written after it. */
export function isDeleted(state: RecordState): boolean {
  return state.deletedHlc !== null && Object.keys(state.hlcs).length === 0;
}

/** JSON with object keys sorted, so equal values compare equal whatever key order the writer used. */
export function canonicalJson(value: unknown): string {
  if (value === undefined) return 'null';
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

/** Applies an upsert's partial fields; returns the new state, or null when nothing changed. */
export function mergeUpsert(state: RecordState, hlc: string, fields: Record<string, unknown>): RecordState | null {
  if (state.deletedHlc !== null && hlc <= state.deletedHlc) return null;
  let next: RecordState | null = null;
  for (const [field, value] of Object.entries(fields)) {
    if (value === undefined) continue;
    const current = state.hlcs[field];
    const wins =
      current === undefined ||
      hlc > current ||
      (hlc === current && canonicalJson(value) > canonicalJson(state.fields[field]));
    if (!wins) continue;
    next ??= { fields: { ...state.fields }, hlcs: { ...state.hlcs }, deletedHlc: state.deletedHlc };
    next.fields[field] = value;
    next.hlcs[field] = hlc;
  }
  return next;
}

/** Applies a delete; returns the new state, or null when an equal or later tombstone is already there. */
export function mergeDelete(state: RecordState, hlc: string): RecordState | null {
  if (state.deletedHlc !== null && hlc <= state.deletedHlc) return null;
  const next: RecordState = { fields: {}, hlcs: {}, deletedHlc: hlc };
  for (const [field, written] of Object.entries(state.hlcs)) {
    if (written > hlc) {
      next.fields[field] = state.fields[field];
      next.hlcs[field] = written;
    }
  }
  return next;
}

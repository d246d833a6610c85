import { z } from 'zod';
import { entityName } from '../entities';
import { hlcString, recordId } from '../primitives';

export const DEFAULT_PULL_LIMIT = 1000;
export const MAX_PULL_LIMIT = 5000;

/** `GET /api/v1/sync/pull?since=CURSOR&limit=N` (query strings). */
export const pullQuery = z.strictObject({
  since: z.coerce.number().int('must be a whole number').min(0, 'must be ≥ 0').default(0),
  limit: z.coerce
    .number()
    .int('must be a whole number')
    .min(1, 'must be ≥ 1')
    .max(MAX_PULL_LIMIT, `must be ≤ ${MAX_PULL_LIMIT}`)
    .default(DEFAULT_PULL_LIMIT),
});
export type PullQuery = z.infer<typeof pullQuery>;

/**
 * A pulled change: the record's whole current state (server-owned fields included), or a tombstone.
 * `hlcs` (an addition to DESIGN §9's shape) gives the HLC of each client-written field's last write, so a client
 * merges per field: a pulled field applies unless the device's own unsynced write of it is newer. Server-owned
 * fields have no HLC; a tombstone has `{}`. Absent from servers that predate it.
 */
export const change = z.object({
  entity: entityName,
  id: recordId,
  version: z.number().int(),
  deleted: z.boolean(),
  fields: z.record(z.string(), z.unknown()),
  hlcs: z.record(z.string(), hlcString).optional(),
});
export type Change = z.infer<typeof change>;

export const pullResponse = z.object({
  changes: z.array(change),
  cursor: z.number().int().min(0),
  more: z.boolean(),
});
export type PullResponse = z.infer<typeof pullResponse>;

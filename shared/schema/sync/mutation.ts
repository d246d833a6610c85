import { z } from 'zod';
import { entityFields, entityName } from '../entities';
import { issuePath } from '../errors';
import { hlcString, recordId } from '../primitives';

/** Each entity's partial schema, built once: `.partial()` per mutation made a push of 10k mutations 10× slower. */
const partialFields = Object.fromEntries(
  Object.entries(entityFields).map(([name, schema]) => [name, schema.partial()]),
) as { [K in keyof typeof entityFields]: ReturnType<(typeof entityFields)[K]['partial']> };

/**
 * One change made on a device: `upsert` carries only the fields that changed (partial), `delete` carries `{}`.
 * The fields are checked against the entity's schema, so an unknown or malformed field names itself:
 * `mutations.3.fields.name: must be at most 300 characters`.
 */
export const mutation = z
  .strictObject({
    seq: z.number().int('must be a whole number').min(1, 'must be ≥ 1'),
    hlc: hlcString,
    entity: entityName,
    id: recordId,
    op: z.enum(['upsert', 'delete']),
    fields: z.record(z.string(), z.unknown()),
  })
  .superRefine((m, ctx) => {
    if (m.op === 'delete') {
      if (Object.keys(m.fields).length > 0)
        ctx.addIssue({ code: 'custom', path: ['fields'], message: 'a delete sends fields: {}' });
      return;
    }
    const parsed = partialFields[m.entity].safeParse(m.fields);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        ctx.addIssue({ code: 'custom', path: ['fields', ...issuePath(issue).map(String)], message: issue.message });
      }
    }
  });
export type Mutation = z.infer<typeof mutation>;

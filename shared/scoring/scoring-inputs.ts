import type { z } from 'zod';
import {
  accountFields,
  activityFields,
  complaintFields,
  contactFields,
  type EntityName,
  surveyFields,
  transactionFields,
} from '../schema/entities';
import type { AccountRelated, GradeableAccount } from './grade-account';

/**
 * Stored records are partial (a push carries only the fields that changed) and not every writer is this version
 * of the client: these read the scoring inputs out of stored `fields` one field at a time, with a neutral default
 * for a field that is missing or invalid, and drop a child record whose dates or amounts cannot be read.
 */

const account = accountFields.shape;
const DEFAULTS: Omit<GradeableAccount, 'id'> = {
  status: 'lead',
  employees: null,
  industry: null,
  region: null,
  source: 'other',
  needs: {},
  business: {},
  contract: {},
  strategic: false,
  credit: {},
};

/** The scoring inputs of a stored account: `gradeableAccount(id, storedFields)`. */
export function gradeableAccount(id: string, fields: Record<string, unknown>): GradeableAccount {
  return {
    id,
    status: read(account.status, fields.status, DEFAULTS.status),
    employees: read(account.employees, fields.employees, DEFAULTS.employees),
    industry: read(account.industry, fields.industry, DEFAULTS.industry),
    region: read(account.region, fields.region, DEFAULTS.region),
    source: read(account.source, fields.source, DEFAULTS.source),
    needs: read(account.needs, fields.needs, DEFAULTS.needs),
    business: read(account.business, fields.business, DEFAULTS.business),
    contract: read(account.contract, fields.contract, DEFAULTS.contract),
    strategic: read(account.strategic, fields.strategic, DEFAULTS.strategic),
    credit: read(account.credit, fields.credit, DEFAULTS.credit),
  };
}

// The stored records carry every other field too: read the scoring ones and strip the rest.
const contactInput = contactFields.pick({ title: true }).partial().strip();
const activityInput = activityFields.pick({ type: true, at: true }).strip();
const transactionInput = transactionFields
  .pick({ at: true, amount: true, paidAt: true })
  .partial({ paidAt: true })
  .strip();
const complaintInput = complaintFields.pick({ at: true }).strip();
const surveyInput = surveyFields.pick({ at: true, satisfaction: true, repeatPurchase: true, referral: true }).strip();

/** Sorts an account's stored child records into the inputs of `gradeAccount`. */
export function relatedRecords(
  records: Iterable<{ entity: EntityName; fields: Record<string, unknown> }>,
): AccountRelated {
  const related = {
    contacts: [] as { title: string | null }[],
    activities: [] as z.infer<typeof activityInput>[],
    transactions: [] as z.infer<typeof transactionInput>[],
    complaints: [] as z.infer<typeof complaintInput>[],
    surveys: [] as z.infer<typeof surveyInput>[],
  };
  for (const { entity, fields } of records) {
    switch (entity) {
      case 'contact': {
        const parsed = contactInput.safeParse(fields);
        related.contacts.push({ title: parsed.success ? (parsed.data.title ?? null) : null });
        break;
      }
      case 'activity':
        push(related.activities, activityInput, fields);
        break;
      case 'transaction':
        push(related.transactions, transactionInput, fields);
        break;
      case 'complaint':
        push(related.complaints, complaintInput, fields);
        break;
      case 'survey':
        push(related.surveys, surveyInput, fields);
        break;
      default:
        break;
    }
  }
  return related;
}

function read<S extends z.ZodType>(schema: S, value: unknown, fallback: z.infer<S>): z.infer<S> {
  if (value === undefined) return fallback;
  const parsed = schema.safeParse(value);
  return parsed.success ? parsed.data : fallback;
}

function push<S extends z.ZodType>(list: z.infer<S>[], schema: S, fields: Record<string, unknown>): void {
  const parsed = schema.safeParse(fields);
  if (parsed.success) list.push(parsed.data);
}

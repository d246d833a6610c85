import type { z } from 'zod';

/**
 * The path of the field an issue is about. zod reports an unknown key on the object that holds it
 * (`path: ['mutations', 0, 'fields'], keys: ['bogus']`); the field is the (first) key itself,
 * `mutations.0.fields.bogus`, so a client learns which of its fields to drop.
 */
export function issuePath(issue: z.core.$ZodIssue): PropertyKey[] {
  const unknownKey = issue.code === 'unrecognized_keys' ? issue.keys[0] : undefined;
  return unknownKey === undefined ? issue.path : [...issue.path, unknownKey];
}

/** The first problem of a failed parse, as the HTTP error body names it: `{ field: 'mutations.0.fields.name', message }`. */
export function describeZodError(error: z.ZodError): { field: string; message: string } {
  const issue = error.issues[0];
  if (!issue) return { field: '', message: 'invalid input' };
  const field = issuePath(issue).map(String).join('.');
  return { field, message: field ? `${field}: ${issue.message}` : issue.message };
}

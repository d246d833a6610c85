import type { z } from 'zod';

/** The first problem of a failed parse, as the HTTP error body names it: `{ field: 'mutations.0.fields.name', message }`. */
export function describeZodError(error: z.ZodError): { field: string; message: string } {
  const issue = error.issues[0];
  if (!issue) return { field: '', message: 'invalid input' };
  const field = issue.path.map(String).join('.');
  return { field, message: field ? `${field}: ${issue.message}` : issue.message };
}

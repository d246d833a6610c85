import { z } from 'zod';

/** Where a captured field came from (DESIGN §9, `leadcard extract`). */
export const evidenceSource = z.enum([
  'json-ld',
  'microdata',
  'h-card',
  'vcard',
  'mailto',
  'tel',
  'text',
  'meta',
  'email-header',
  'signature',
]);
export type EvidenceSource = z.infer<typeof evidenceSource>;

export const candidateKind = z.enum(['person', 'organisation', 'role-address']);
export type CandidateKind = z.infer<typeof candidateKind>;

/**
 * A lead found on a page or in a mail, before the rep edits and saves it.
 * `phones` are E.164 (`+8613800138000`, an extension as `+8675588886666;ext=801`);
 * `evidence` maps each filled field (`name`, `title`, `org`, `emails`, `phones`, `website`, `address`) to the
 * sources that gave it, e.g. `{ name: ['json-ld', 'h-card'], phones: ['tel'] }`.
 */
export const candidate = z.object({
  name: z.string().max(200).nullable(),
  title: z.string().max(200).nullable(),
  org: z.string().max(300).nullable(),
  emails: z.array(z.string().max(320)).max(50),
  phones: z.array(z.string().max(40)).max(50),
  website: z.string().max(2048).nullable(),
  address: z.string().max(1000).nullable(),
  kind: candidateKind,
  evidence: z.record(z.string(), z.array(evidenceSource)),
});
export type Candidate = z.infer<typeof candidate>;

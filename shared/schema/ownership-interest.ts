import { z } from 'zod';
import { text } from './primitives';

const key = z.string().trim().min(1, 'must not be empty').max(320, 'must be at most 320 characters');

/**
 * `POST /api/v1/ownership/interest` (DESIGN §5): a rep clipped a customer a colleague protects. The server finds
 * the card by the same keys as the duplicate check (`GET /api/v1/ownership`) and records the interest on it for
 * the owner and the manager, instead of a second card.
 */
export const interestRequest = z.strictObject({
  email: key.optional(),
  phone: key.optional(),
  domain: key.optional(),
  /** The customer's (company's) name, compared without legal suffixes. */
  name: key.optional(),
  /** The page the rep clipped from. */
  url: text(2048).optional(),
  note: text(1000).optional(),
});
export type InterestRequest = z.infer<typeof interestRequest>;

/**
 * The answer says no more than the duplicate check would: the status and the owner's name (and date), plus
 * whether an interest was recorded (only on a `protected` card; otherwise the rep may clip it normally).
 */
export const interestResponse = z.object({
  status: z.enum(['free', 'pool', 'yours', 'protected']),
  owner: z.string().nullish(),
  until: z.string().nullish(),
  recorded: z.boolean(),
});
export type InterestResponse = z.infer<typeof interestResponse>;

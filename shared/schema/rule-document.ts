import { z } from 'zod';
import { isoDateTime, requiredText } from './primitives';

/**
 * The envelope of a rule document (DESIGN §4): rules are data, versioned, zod-validated. The `rules` content is
 * defined by shared/scoring; this envelope wraps whichever rules schema it is given.
 */
export const ruleDocumentEnvelope = <T extends z.ZodType>(rules: T) =>
  z.strictObject({
    version: z.number().int('must be a whole number').min(1, 'must be ≥ 1'),
    createdAt: isoDateTime,
    createdBy: requiredText(200),
    rules,
  });

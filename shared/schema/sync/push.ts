import { z } from 'zod';
import { mutation } from './mutation';

export const MAX_PUSH_MUTATIONS = 5000;

/** `POST /api/v1/sync/push`: a batch from one device, seqs ascending and contiguous. */
export const pushRequest = z
  .strictObject({
    clientId: z.uuid('must be a UUID'),
    mutations: z.array(mutation).max(MAX_PUSH_MUTATIONS, `at most ${MAX_PUSH_MUTATIONS} mutations per batch`),
  })
  .superRefine((batch, ctx) => {
    for (let i = 1; i < batch.mutations.length; i++) {
      const previous = batch.mutations[i - 1]?.seq ?? 0;
      if (batch.mutations[i]?.seq !== previous + 1) {
        ctx.addIssue({
          code: 'custom',
          path: ['mutations', i, 'seq'],
          message: `must be ${previous + 1} (seqs are contiguous)`,
        });
        return;
      }
    }
  });
export type PushRequest = z.infer<typeof pushRequest>;

/** `ackedSeq`: the highest seq of this client the server has applied. */
export const pushResponse = z.object({ ackedSeq: z.number().int().min(0) });
export type PushResponse = z.infer<typeof pushResponse>;

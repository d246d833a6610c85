import type { InterestRequest, InterestResponse } from '../../shared/schema/ownership-interest';
import { canSee } from '../access';
import type { AccountView, LookupKey, User } from '../db/storage';
import type { AppDeps } from '../deps';
import { ownershipStatus } from './ownership';

/** Cards a duplicate check considers per request (as `GET /api/v1/ownership`). */
const CANDIDATES = 5;
/** The card's latest activities looked at for a repeated interest, and how long an interest counts as recent. */
const RECENT_ACTIVITIES = 50;
const REPEAT_WINDOW_MS = 24 * 60 * 60_000;

/**
 * Records a rep's interest in a customer a colleague protects (DESIGN §5) as an `ownership` activity on that card:
 * the owner and the manager pull it like any change of the card; the rep, who may not see the card, gets only the
 * duplicate check's answer. Nothing is recorded when no matching card is protected from the rep.
 */
export async function recordInterest(
  deps: AppDeps,
  actor: User,
  keys: LookupKey[],
  request: Pick<InterestRequest, 'url' | 'note'>,
): Promise<InterestResponse> {
  const found = await deps.storage.findAccounts(keys, CANDIDATES);
  const candidates: AccountView[] = [];
  for (const { accountId } of found) {
    const account = await deps.storage.account(accountId);
    if (account && !account.deleted) candidates.push(account);
  }
  // The best-ranked card protected from the rep gets the interest (the one the duplicate check warned of).
  const protectedCard = candidates.find(
    (a) => ownershipStatus(actor, a).status === 'protected' && !canSee(actor, a.ownership),
  );
  if (!protectedCard) {
    const order = { yours: 0, pool: 1, protected: 2, free: 3 } as const;
    const answers = candidates.map((a) => ownershipStatus(actor, a)).sort((a, b) => order[a.status] - order[b.status]);
    return { ...(answers[0] ?? { status: 'free' }), recorded: false };
  }
  const now = deps.now();
  const owner = protectedCard.ownership.owner;
  const answer = { ...ownershipStatus(actor, protectedCard), recorded: true };
  // A resend (the answer to the first try was lost) or the same page clipped again the same day adds nothing.
  const recent = await deps.storage.accountChildren(protectedCard.id, RECENT_ACTIVITIES);
  const since = now.getTime() - REPEAT_WINDOW_MS;
  const repeated = recent.some(
    (r) =>
      r.entity === 'activity' &&
      r.fields.type === 'ownership' &&
      r.fields.by === actor.name &&
      r.fields.source === (request.url ?? null) &&
      Date.parse(String(r.fields.at)) > since,
  );
  if (repeated) return answer;
  const written = await deps.storage.writeAsServer({
    records: [
      {
        entity: 'activity',
        id: deps.newId(),
        accountId: protectedCard.id,
        hlc: deps.hlc.now(),
        createdBy: actor.id,
        fields: {
          accountId: protectedCard.id,
          contactId: null,
          type: 'ownership',
          at: now.toISOString(),
          by: actor.name,
          summary: `interest: ${actor.name} clipped this customer${owner ? ` (protected by ${owner})` : ''}`,
          body: request.note ?? null,
          source: request.url ?? null,
          next: null,
        },
      },
    ],
    now: now.toISOString(),
  });
  // A new record id cannot lose to a newer write; anything else is a storage fault, not the rep's.
  if (written !== 'written') throw new Error('an interest activity was not written');
  await deps.rescore(protectedCard.id);
  return answer;
}

import { useState } from 'preact/hooks';
import { type Locale, t } from '../../shared/i18n';
import type { StoredRecord } from '../store/db';
import { requestJson, ServerError } from '../sync/server-error';
import type { Session } from '../sync/session';
import { formatTime } from './format';

/** Where an account stands for the rep (DESIGN §5): not yet synced, yours, protected by a colleague, or in the pool. */
export type OwnershipStatus =
  | { kind: 'unsynced' }
  | { kind: 'yours' }
  | { kind: 'protected'; owner: string; until: string | null }
  | { kind: 'pool' };

/** The status from the card's server-owned fields: `owner` absent until the first pull, null in the pool. */
export function ownershipStatus(account: StoredRecord, me: string | null): OwnershipStatus {
  const f = account.fields;
  if (!('owner' in f) || f.owner === undefined) return { kind: 'unsynced' };
  if (f.owner === null || f.owner === '') return { kind: 'pool' };
  if (f.owner === me) return { kind: 'yours' };
  const until = f.lockedOwner === true ? null : typeof f.lapsesAt === 'string' ? f.lapsesAt : null;
  return { kind: 'protected', owner: String(f.owner), until };
}

/** `POST /api/v1/accounts/:id/claim` with the device token; a refusal (the lead cap) is a `rejected` ServerError. */
export async function claimAccount(fetchFn: typeof fetch, session: Session, accountId: string): Promise<unknown> {
  return requestJson(fetchFn, `${session.serverUrl}/api/v1/accounts/${encodeURIComponent(accountId)}/claim`, {
    method: 'POST',
    headers: { authorization: `Bearer ${session.token}`, 'content-type': 'application/json' },
    body: '{}',
  });
}

/** Ownership status on the card, with a Claim button for an account in the public pool (公海). */
export function Claim({
  account,
  me,
  locale,
  claim,
}: {
  account: StoredRecord;
  me: string | null;
  locale: Locale;
  /** Claims through the server (absent when not signed in). */
  claim?: (accountId: string) => Promise<unknown>;
}) {
  const status = ownershipStatus(account, me);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<string | null>(null);

  async function run() {
    if (!claim) {
      setMessage(t(locale, 'extension2.claim.signIn'));
      return;
    }
    setBusy(true);
    try {
      await claim(account.id);
      setMessage(t(locale, 'extension2.claim.claimed'));
    } catch (error) {
      if (!(error instanceof ServerError)) throw error;
      setMessage(
        error.kind === 'offline'
          ? t(locale, 'extension2.claim.offline')
          : t(locale, 'extension2.claim.refused', { reason: error.message }),
      );
    } finally {
      setBusy(false);
    }
  }

  const text =
    status.kind === 'yours'
      ? t(locale, 'extension2.claim.yours')
      : status.kind === 'pool'
        ? t(locale, 'extension2.claim.pool')
        : status.kind === 'unsynced'
          ? t(locale, 'extension2.claim.unsynced')
          : status.until
            ? t(locale, 'extension2.claim.protected', { owner: status.owner, until: formatTime(status.until, locale) })
            : t(locale, 'extension2.claim.protectedNoDate', { owner: status.owner });
  return (
    <section class="ownership" data-testid="ownership" data-status={status.kind}>
      <span>{text}</span>{' '}
      {status.kind === 'pool' ? (
        <button type="button" disabled={busy} onClick={() => void run()} data-testid="claim">
          {t(locale, busy ? 'extension2.claim.claiming' : 'extension2.claim.button')}
        </button>
      ) : null}
      {message ? (
        <p role="status" data-testid="claim-message">
          {message}
        </p>
      ) : null}
    </section>
  );
}

import { type Locale, t } from '../../shared/i18n';
import type { Stage } from '../../shared/scoring/rules';
import { requestJson, ServerError } from '../sync/server-error';
import type { Session } from '../sync/session';

export interface StageOverrideRequest {
  opportunityId: string;
  stage: Stage;
  reason: string;
  lostReason?: string;
}

/**
 * A manager's override of skipped key nodes (DESIGN §6) through `POST /api/v1/opportunities/:id/stage`: the server
 * checks the role and its own copy of the gates and records the override on the opportunity. Not queued in the
 * outbox like other edits: only the server may allow it, so an offline override would be a promise it can break.
 * Throws a ServerError (`offline`, `auth`, `rejected` with the server's status and message).
 */
export async function overrideStageOnServer(
  fetchFn: typeof fetch,
  session: Pick<Session, 'serverUrl' | 'token'>,
  request: StageOverrideRequest,
): Promise<unknown> {
  const url = `${session.serverUrl}/api/v1/opportunities/${encodeURIComponent(request.opportunityId)}/stage`;
  return requestJson(fetchFn, url, {
    method: 'POST',
    headers: { authorization: `Bearer ${session.token}`, 'content-type': 'application/json' },
    body: JSON.stringify({
      stage: request.stage,
      override: { reason: request.reason },
      ...(request.lostReason ? { lostReason: request.lostReason } : {}),
    }),
  });
}

/** Why an override did not happen, in the manager's words: offline, not yet on the server, signed out, or refused. */
export function overrideFailureText(error: unknown, locale: Locale): string {
  if (!(error instanceof ServerError))
    return t(locale, 'extension2.opportunity.overrideRefused', { reason: String(error) });
  if (error.kind === 'offline') return t(locale, 'extension2.opportunity.overrideOffline');
  if (error.kind === 'auth') return t(locale, 'extension2.opportunity.overrideSignIn');
  // The server has not seen this opportunity yet (created here, still in the outbox): it cannot rule on it.
  if (error.status === 404) return t(locale, 'extension2.opportunity.overrideNotSynced');
  return t(locale, 'extension2.opportunity.overrideRefused', { reason: error.message });
}

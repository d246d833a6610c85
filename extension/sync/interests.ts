import { isFreeMailDomain, registrableDomain } from '../../shared/normalise/domain';
import { type InterestRequest, interestResponse } from '../../shared/schema/ownership-interest';
import { type ClipInterest, clipInterests, dropInterest } from '../clip/save-clip';
import type { LeadcardDb } from '../store/db';
import { requestJson, ServerError } from './server-error';
import type { SyncOptions, SyncTarget } from './sync-client';

const clip = (text: string | null | undefined, max: number) => (text ? text.slice(0, max) : undefined);

/**
 * The request that records one interest on the server, by the keys the duplicate check used (the first email,
 * phone, the company's domain, the company's name); null when it has none (nothing could find the card).
 */
export function interestRequestOf(interest: ClipInterest): InterestRequest | null {
  const domain = [interest.website, ...interest.emails]
    .map((s) => (s ? registrableDomain(s) : null))
    .find((d): d is string => d !== null && !isFreeMailDomain(d));
  const keys = {
    email: clip(interest.emails[0], 320),
    phone: clip(interest.phones[0], 320),
    domain: clip(domain, 320),
    name: clip(interest.org, 320),
  };
  if (Object.values(keys).every((v) => v === undefined)) return null;
  // The person the rep clipped goes along as the note: the owner sees whom the colleague was after.
  const request = { ...keys, url: clip(interest.url, 2048), note: clip(interest.name, 1000) };
  return Object.fromEntries(Object.entries(request).filter(([, v]) => v !== undefined)) as InterestRequest;
}

/**
 * Sends the rep's pending interests (DESIGN §5) to `POST /api/v1/ownership/interest`, oldest first, dropping each
 * one the server acknowledges. One the server can never take (400: no key it can read, 403) is dropped too; a
 * server that is away or busy (offline, 429) or too old to know the endpoint (404) keeps the rest for the next
 * sync; a refused token fails the sync like a push would. Returns how many were acknowledged.
 */
export async function sendInterests(
  db: LeadcardDb,
  target: SyncTarget,
  options: Pick<SyncOptions, 'fetch'>,
): Promise<number> {
  let sent = 0;
  for (const interest of await clipInterests(db)) {
    const request = interestRequestOf(interest);
    if (request) {
      try {
        const body = await requestJson(
          options.fetch,
          `${target.serverUrl.replace(/\/+$/, '')}/api/v1/ownership/interest`,
          {
            method: 'POST',
            headers: { 'content-type': 'application/json', authorization: `Bearer ${target.token}` },
            body: JSON.stringify(request),
          },
        );
        if (!interestResponse.safeParse(body).success) return sent;
        sent++;
      } catch (error) {
        if (!(error instanceof ServerError) || error.kind === 'auth') throw error;
        if (error.kind === 'offline' || error.status === 404) return sent;
      }
    }
    await dropInterest(db, interest);
  }
  return sent;
}

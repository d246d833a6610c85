import { z } from 'zod';
import { isFreeMailDomain, registrableDomain } from '../../shared/normalise/domain';
import type { Candidate } from '../../shared/schema/candidate';

/** `GET /api/v1/ownership` (DESIGN §5, §9): only a status and the owner's name, never the card. */
export const ownershipAnswer = z.object({
  status: z.enum(['free', 'pool', 'yours', 'protected']),
  owner: z.string().nullish(),
  until: z.string().nullish(),
});
export type OwnershipAnswer = z.infer<typeof ownershipAnswer>;

/**
 * The server's duplicate check of one lead: `checked` with its answer; `offline` (no network: the check runs
 * at sync); `signed-out` (no server to ask); `failed` (the server did not answer usefully).
 */
export type OwnershipCheck =
  | { state: 'checked'; answer: OwnershipAnswer }
  | { state: 'offline' }
  | { state: 'signed-out' }
  | { state: 'failed'; reason: string };

/** The keys a clip is checked by, one request each (the endpoint takes one): emails, phones, domain, company. */
export function ownershipQueries(candidate: Candidate): string[] {
  const queries: string[] = [];
  for (const email of candidate.emails.slice(0, 3)) queries.push(`email=${encodeURIComponent(email)}`);
  for (const phone of candidate.phones.slice(0, 3)) queries.push(`phone=${encodeURIComponent(phone)}`);
  const domains = new Set(
    [candidate.website, ...candidate.emails]
      .map((s) => (s ? registrableDomain(s) : null))
      .filter((d): d is string => d !== null && !isFreeMailDomain(d)),
  );
  for (const domain of [...domains].slice(0, 2)) queries.push(`domain=${encodeURIComponent(domain)}`);
  const company = candidate.org ?? (candidate.kind === 'organisation' ? candidate.name : null);
  if (company) queries.push(`name=${encodeURIComponent(company)}`);
  return queries;
}

// A colleague's protection decides the clip; then the rep's own card, then the pool, then free.
const SEVERITY = { protected: 0, yours: 1, pool: 2, free: 3 } as const;

/**
 * Asks the rep's server whether this lead already exists, by every key it has, and keeps the most telling answer
 * (protected by a colleague beats the rep's own, beats the pool, beats free).
 */
export async function checkOwnership(
  fetchFn: typeof fetch,
  session: { serverUrl: string; token: string } | null,
  candidate: Candidate,
  online: boolean,
  timeoutMs = 4000,
): Promise<OwnershipCheck> {
  if (!session) return { state: 'signed-out' };
  if (!online) return { state: 'offline' };
  const queries = ownershipQueries(candidate);
  if (queries.length === 0) return { state: 'checked', answer: { status: 'free' } };
  const signal = AbortSignal.timeout(timeoutMs);
  try {
    const answers = await Promise.all(
      queries.map(async (query) => {
        const res = await fetchFn(`${session.serverUrl}/api/v1/ownership?${query}`, {
          headers: { authorization: `Bearer ${session.token}` },
          signal,
        });
        // A key the server cannot read (400: a phone it does not parse) says nothing either way.
        if (res.status === 400) return { status: 'free' as const };
        if (!res.ok) throw new Error(`HTTP ${res.status}`);
        return ownershipAnswer.parse(await res.json());
      }),
    );
    answers.sort((a, b) => SEVERITY[a.status] - SEVERITY[b.status]);
    return { state: 'checked', answer: answers[0] ?? { status: 'free' } };
  } catch (error) {
    if (error instanceof TypeError) return { state: 'offline' };
    return { state: 'failed', reason: error instanceof Error ? error.message : String(error) };
  }
}

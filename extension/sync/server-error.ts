/**
 * Why a request to the sync server failed, sorted by what the rep or the client can do about it:
 * `offline` — the server is away (network error, 5xx, 429): retry with backoff, nothing for the rep to do;
 * `auth` — the token is missing, expired or revoked (401): the rep must sign in again;
 * `rejected` — the server refused the data (400, 403, 409, 413): the rep must see which change and why.
 */
export type FailureKind = 'offline' | 'auth' | 'rejected';

export class ServerError extends Error {
  constructor(
    readonly kind: FailureKind,
    message: string,
    readonly status: number | null = null,
    /** The field the server named (`mutations.3` when it refused the fourth mutation of a push). */
    readonly field: string | null = null,
  ) {
    super(message);
  }
}

/** The `{ error: { code, message, field } }` body of DESIGN §9: its message, or the status text. */
async function errorBody(response: Response): Promise<{ text: string; field: string | null }> {
  try {
    const body = (await response.json()) as { error?: { code?: string; message?: string; field?: string } };
    const e = body.error;
    if (e?.message) return { text: e.message, field: e.field ?? null };
  } catch {
    // Not JSON (a proxy's error page): the status says enough.
  }
  return { text: `HTTP ${response.status} ${response.statusText}`.trim(), field: null };
}

export async function failureOf(response: Response): Promise<ServerError> {
  const { text, field } = await errorBody(response);
  if (response.status === 401) return new ServerError('auth', text, 401, field);
  if (response.status >= 500 || response.status === 429 || response.status === 408)
    return new ServerError('offline', text, response.status, field);
  return new ServerError('rejected', text, response.status, field);
}

/** fetch, with a network failure turned into an `offline` ServerError and a non-2xx answer into its kind. */
export async function requestJson(
  fetchFn: typeof fetch,
  url: string,
  init: RequestInit,
  timeoutMs = 30_000,
): Promise<unknown> {
  return (await requestJsonDated(fetchFn, url, init, timeoutMs)).body;
}

/** requestJson, also giving the server's clock from the HTTP `Date` header (ms, null when absent). */
export async function requestJsonDated(
  fetchFn: typeof fetch,
  url: string,
  init: RequestInit,
  timeoutMs = 30_000,
): Promise<{ body: unknown; serverTime: number | null }> {
  let response: Response;
  try {
    response = await fetchFn(url, { ...init, signal: AbortSignal.timeout(timeoutMs) });
  } catch (error) {
    throw new ServerError('offline', error instanceof Error ? error.message : String(error));
  }
  if (!response.ok) throw await failureOf(response);
  const date = Date.parse(response.headers.get('date') ?? '');
  try {
    return { body: await response.json(), serverTime: Number.isNaN(date) ? null : date };
  } catch {
    throw new ServerError('offline', `${url}: the answer is not JSON`, response.status);
  }
}

/** A refused API call: the HTTP status and the §9 error body's code and message. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    /**
     * The rest of the error body (a refused stage move lists the `missing` gates; reports warming up say how far
     * they are, `progress`) and the seconds the answer's Retry-After header asks to wait.
     */
    readonly details: {
      missing?: { stage: string; gate: string }[];
      progress?: { done: number; total: number };
      retryAfter?: number;
    } = {},
    /** The request field the error names (`rules.leadScore.bands.hot`), if any. */
    readonly field: string | null = null,
  ) {
    super(message);
  }
}

/** Calls the server's JSON API with the session cookie (same origin); throws ApiError on a non-2xx answer. */
export async function api<T>(path: string, init: { method?: string; body?: unknown } = {}): Promise<T> {
  const response = await fetch(path, {
    method: init.method ?? 'GET',
    credentials: 'same-origin',
    headers: init.body === undefined ? {} : { 'content-type': 'application/json' },
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
  const body = (await response.json().catch(() => null)) as {
    error?: { code: string; message: string; field?: string | null };
    missing?: { stage: string; gate: string }[];
    progress?: { done: number; total: number };
  } | null;
  if (!response.ok)
    throw new ApiError(
      response.status,
      body?.error?.code ?? 'http',
      body?.error?.message ?? response.statusText,
      { missing: body?.missing, progress: body?.progress, retryAfter: secondsOf(response.headers.get('retry-after')) },
      body?.error?.field ?? null,
    );
  return body as T;
}

/** A query string from the set values only: `query({ owner: 'li', team: undefined })` → "?owner=li". */
export function query(params: Record<string, string | number | undefined>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params))
    if (value !== undefined && value !== '') search.set(key, String(value));
  const text = search.toString();
  return text ? `?${text}` : '';
}

/** How far the server's reports are prepared, in percent (99 at most: 100 is the data itself). */
export type Warming = { percent: number };

/** Waits `ms` milliseconds (tests pass a wait that returns at once). */
export type Wait = (ms: number) => Promise<void>;
const sleep: Wait = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * `api(path)`, asking again while the server answers 503 warming-up (its report index is still being built after a
 * start, issue 9): each such answer is reported to `onWarming` and retried after its Retry-After seconds, until
 * the data or another error comes. Stops without an answer (rejects with an AbortError) once `signal` aborts.
 */
export async function apiWhenReady<T>(
  path: string,
  options: { onWarming: (warming: Warming) => void; signal?: AbortSignal; wait?: Wait },
): Promise<T> {
  const wait = options.wait ?? sleep;
  for (;;) {
    options.signal?.throwIfAborted();
    try {
      return await api<T>(path);
    } catch (error) {
      if (!(error instanceof ApiError && error.status === 503 && error.code === 'warming-up')) throw error;
      options.onWarming({ percent: percentOf(error.details.progress) });
      await wait((error.details.retryAfter ?? DEFAULT_RETRY_SECONDS) * 1000);
    }
  }
}

/** Seconds to wait when a warming-up answer names none; and the longest wait honoured (a bad header). */
const DEFAULT_RETRY_SECONDS = 2;
const MAX_RETRY_SECONDS = 60;

/** A Retry-After header's delay in seconds (the date form is not used by this server), else undefined. */
function secondsOf(header: string | null): number | undefined {
  if (header === null || !/^\d+$/.test(header.trim())) return undefined;
  return Math.min(MAX_RETRY_SECONDS, Math.max(1, Number(header)));
}

function percentOf(progress: { done: number; total: number } | undefined): number {
  if (!progress || !(progress.total > 0)) return 0;
  return Math.max(0, Math.min(99, Math.floor((progress.done * 100) / progress.total)));
}

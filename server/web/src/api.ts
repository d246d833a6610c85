/** A refused API call: the HTTP status and the §9 error body's code and message. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    /** The rest of the error body (a refused stage move lists the `missing` gates). */
    readonly details: { missing?: { stage: string; gate: string }[] } = {},
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
  } | null;
  if (!response.ok)
    throw new ApiError(
      response.status,
      body?.error?.code ?? 'http',
      body?.error?.message ?? response.statusText,
      { missing: body?.missing },
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

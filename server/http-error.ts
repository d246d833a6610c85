/** An error with its HTTP status and the §9 body `{ error: { code, message, field } }`; converted in app.onError. */
export class HttpError extends Error {
  readonly field: string | null;
  readonly headers: Record<string, string>;

  constructor(
    readonly status: 400 | 401 | 403 | 404 | 409 | 413 | 429 | 500,
    readonly code: string,
    message: string,
    options: { field?: string; cause?: unknown; headers?: Record<string, string> } = {},
  ) {
    super(message, { cause: options.cause });
    this.field = options.field ?? null;
    this.headers = options.headers ?? {};
  }
}

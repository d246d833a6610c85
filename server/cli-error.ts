/** Exit codes of DESIGN §9: 0 success, 1 bad input, 2 usage error. */
export class CliError extends Error {
  constructor(
    readonly exitCode: 1 | 2,
    message: string,
  ) {
    super(message);
  }
}

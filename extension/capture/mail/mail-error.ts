/** What is wrong with a file that is not a mail Leadcard can read; the UI shows `mail.problem.<problem>`. */
export type MailProblem = 'empty' | 'blank' | 'too-large' | 'binary' | 'not-a-mail' | 'no-mail-headers' | 'mime';

/** A file that is not a mail Leadcard can read; the message names the problem in one line (English, for the CLI). */
export class MailError extends Error {
  override readonly name = 'MailError';
  constructor(
    readonly problem: MailProblem,
    message: string,
  ) {
    super(message);
  }
}

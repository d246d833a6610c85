import { describe, expect, test } from 'vitest';
import { t } from '../../../shared/i18n';
import type { MailProblem } from './mail-error';

const problems: MailProblem[] = ['empty', 'blank', 'too-large', 'binary', 'not-a-mail', 'no-mail-headers', 'mime'];

describe('MailError problems', () => {
  test.each(problems)('%s has a message in both languages naming the file', (problem) => {
    for (const locale of ['en', 'zh-CN'] as const) {
      const text = t(locale, `mail.problem.${problem}`, { file: 'quote.eml' });
      expect(text).toContain('quote.eml');
      expect(text).not.toContain('{');
    }
  });
});

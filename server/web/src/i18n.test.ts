import { describe, expect, it } from 'vitest';
import type { MessageKey } from '../../../shared/i18n';
import { explainLine } from './explain';
import { wordsFor } from './i18n';

describe('wordsFor', () => {
  it('translates known keys in both languages', () => {
    expect(wordsFor('en').t('manager.nav.pipeline')).toBe('Pipeline');
    expect(wordsFor('zh-CN').t('manager.nav.pipeline')).toBe('销售漏斗');
  });

  it('shows a key it does not know (say, a reason a newer server sends) instead of failing', () => {
    expect(wordsFor('zh-CN').t('scoring.reason.keyAccount.vip' as MessageKey)).toBe('scoring.reason.keyAccount.vip');
  });
});

describe('explainLine', () => {
  const { t } = wordsFor('zh-CN');
  it('renders a line in the page’s language from its key and params', () => {
    expect(explainLine({ key: 'scoring.churn.recency', params: { days: 120 }, text: 'No purchase…' }, t)).toContain(
      '120',
    );
  });
  it('falls back to the English text for an unknown key', () => {
    expect(explainLine({ key: 'scoring.nope' as never, params: {}, text: 'English text' }, t)).toBe('English text');
  });
});

import type { Locale } from '../../../shared/i18n';
import { useWords } from './i18n';

/** The zh-CN / en switch; the caller remembers the choice. */
export function LanguageSwitch(props: { onLocale: (locale: Locale) => void }) {
  const { locale, t } = useWords();
  return (
    <label class="language">
      {t('manager.language')}{' '}
      <select
        value={locale}
        onChange={(event) => props.onLocale(event.currentTarget.value === 'zh-CN' ? 'zh-CN' : 'en')}
      >
        <option value="zh-CN" lang="zh-CN">
          中文
        </option>
        <option value="en" lang="en">
          English
        </option>
      </select>
    </label>
  );
}

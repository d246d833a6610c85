import type { ComponentChildren } from 'preact';
import { useWords } from './i18n';
import type { Loaded } from './use-api';

/**
 * Shows the loading or error state of a request, else renders its data. While the server prepares its reports
 * after a start (use-api retries meanwhile), shows how far it is rather than a bare "Loading…".
 */
export function Status<T>(props: { state: Loaded<T>; children: (data: T) => ComponentChildren }) {
  const { t } = useWords();
  const { data, error, loading, warming } = props.state;
  if (error !== null)
    return (
      <p class="error" role="alert">
        {t('manager.error', { reason: error })}
      </p>
    );
  if (data === null && warming)
    return (
      <div class="warming" aria-busy="true" data-testid="warming">
        <p class="muted">{t('manager.warming', { percent: warming.percent })}</p>
        <div
          class="warming-bar"
          role="progressbar"
          aria-label={t('manager.warmingBar')}
          aria-valuemin={0}
          aria-valuemax={100}
          aria-valuenow={warming.percent}
        >
          {/* The width is set through the style object (CSSOM), which the page's CSP (no inline styles) allows. */}
          <span style={{ width: `${warming.percent}%` }} />
        </div>
      </div>
    );
  if (data === null || (loading && data === null))
    return (
      <p class="muted" aria-busy="true">
        {t('manager.loading')}
      </p>
    );
  return <>{props.children(data)}</>;
}

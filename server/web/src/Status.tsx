import type { ComponentChildren } from 'preact';
import { useWords } from './i18n';
import type { Loaded } from './use-api';

/** Shows the loading or error state of a request, else renders its data. */
export function Status<T>(props: { state: Loaded<T>; children: (data: T) => ComponentChildren }) {
  const { t } = useWords();
  const { data, error, loading } = props.state;
  if (error !== null)
    return (
      <p class="error" role="alert">
        {t('manager.error', { reason: error })}
      </p>
    );
  if (data === null || (loading && data === null))
    return (
      <p class="muted" aria-busy="true">
        {t('manager.loading')}
      </p>
    );
  return <>{props.children(data)}</>;
}

import { useWords } from './i18n';

/** Previous / next over a server-paginated list (`offset`, `limit`, `total`). */
export function Pager(props: { offset: number; limit: number; total: number; onOffset: (offset: number) => void }) {
  const { t } = useWords();
  const { offset, limit, total } = props;
  if (total <= limit) return null;
  return (
    <nav
      class="pager"
      aria-label={t('manager.pageOf', { from: offset + 1, to: Math.min(total, offset + limit), total })}
    >
      <button type="button" disabled={offset === 0} onClick={() => props.onOffset(Math.max(0, offset - limit))}>
        {t('manager.previous')}
      </button>
      <span>{t('manager.pageOf', { from: offset + 1, to: Math.min(total, offset + limit), total })}</span>
      <button type="button" disabled={offset + limit >= total} onClick={() => props.onOffset(offset + limit)}>
        {t('manager.next')}
      </button>
    </nav>
  );
}

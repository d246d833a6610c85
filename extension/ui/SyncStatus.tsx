import { type Locale, t } from '../../shared/i18n';
import type { SyncState } from '../sync/sync-state';
import { formatTime } from './format';

/** synced · pending N · offline · error with the reason · last sync time (DESIGN §8). */
export function syncStateText(state: SyncState, locale: Locale): string {
  const time = (iso: string | null) => (iso ? formatTime(iso, locale) : '');
  switch (state.status) {
    case 'signed-out':
      return t(locale, 'extension.sync.signedOut');
    case 'syncing':
      return state.pulled
        ? t(locale, 'extension.sync.pulling', { count: state.pulled })
        : t(locale, 'extension.sync.syncing');
    case 'offline':
      return t(locale, 'extension.sync.offline', { reason: state.reason ?? '', time: time(state.nextAttemptAt) });
    case 'error':
      if (state.failure === 'auth') return t(locale, 'extension.sync.auth', { reason: state.reason ?? '' });
      // A change to a card the rep may no longer see: say which card and why, not only the server's words.
      if (state.refusedCard)
        return t(locale, 'extension.sync.refusedLostAccess', { card: state.refusedCard, reason: state.reason ?? '' });
      if (state.refusedCard === '')
        return t(locale, 'extension.sync.refusedLostAccessUnnamed', { reason: state.reason ?? '' });
      return t(locale, 'extension.sync.error', { reason: state.reason ?? '' });
    case 'pending':
      return t(locale, 'extension.sync.pending', { count: state.pending });
    case 'synced':
      return state.lastSyncAt
        ? t(locale, 'extension.sync.synced', { time: time(state.lastSyncAt) })
        : t(locale, 'extension.sync.never');
  }
}

export function SyncStatus({
  state,
  pending,
  locale,
  onSyncNow,
  onSignIn,
  onDiscard,
}: {
  state: SyncState;
  /** The outbox count read live (the stored state's count is as of the last round). */
  pending: number;
  locale: Locale;
  onSyncNow: () => void;
  onSignIn: () => void;
  /** Drops the change the server refused (shown only then). */
  onDiscard: (seq: number) => void;
}) {
  const shown: SyncState =
    (state.status === 'synced' || state.status === 'pending') && pending !== state.pending
      ? { ...state, status: pending > 0 ? 'pending' : 'synced', pending }
      : { ...state, pending };
  return (
    <footer class={`sync sync-${shown.status}`} data-testid="sync-state" data-status={shown.status}>
      <span>{syncStateText(shown, locale)}</span>
      {shown.status === 'error' && shown.failure === 'rejected' && shown.refusedSeq ? (
        <button type="button" onClick={() => onDiscard(shown.refusedSeq as number)} data-testid="discard">
          {t(locale, 'extension.sync.discard')}
        </button>
      ) : null}
      {shown.status === 'signed-out' || shown.failure === 'auth' ? (
        <button type="button" onClick={onSignIn}>
          {t(locale, 'extension.sync.signIn')}
        </button>
      ) : (
        <button type="button" onClick={onSyncNow} disabled={shown.status === 'syncing'}>
          {t(locale, 'extension.sync.now')}
        </button>
      )}
    </footer>
  );
}

import { type Locale, t } from '../../shared/i18n';
import type { HeldCard } from '../sync/held-cards';
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

/** One held card's line: which card, and why it does not sync yet. Text only, never HTML. */
export function heldCardText(card: HeldCard, locale: Locale): string {
  const name = card.name ?? t(locale, 'extension.sync.heldUnnamed');
  return card.reason === 'clash'
    ? t(locale, 'extension.sync.heldClash', { card: name })
    : t(locale, 'extension.sync.heldChecking', { card: name });
}

/**
 * The clipped cards the push holds back (outbox-hold.ts): "pending N" alone would not say why they do not leave.
 * Each line opens its card, where the clash banner waits for the rep's decision. Kept outside the status footer,
 * whose own button is "sync now".
 */
function HeldCards({
  held,
  locale,
  onOpenCard,
}: {
  held: HeldCard[];
  locale: Locale;
  onOpenCard: (accountId: string) => void;
}) {
  return (
    <section class="sync-held" data-testid="sync-held">
      <span>{t(locale, 'extension.sync.heldTitle')}</span>
      <ul>
        {held.map((card) => (
          <li key={card.accountId}>
            <button
              type="button"
              class="link"
              data-testid="held-card"
              data-reason={card.reason}
              onClick={() => onOpenCard(card.accountId)}
            >
              {heldCardText(card, locale)}
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}

export function SyncStatus({
  state,
  pending,
  locale,
  onSyncNow,
  onSignIn,
  onDiscard,
  held = [],
  onOpenCard,
}: {
  state: SyncState;
  /** The outbox count read live (the stored state's count is as of the last round). */
  pending: number;
  locale: Locale;
  onSyncNow: () => void;
  onSignIn: () => void;
  /** Drops the change the server refused (shown only then). */
  onDiscard: (seq: number) => void;
  /** The clipped cards held back from the push and why (listed only when a card can be opened from here). */
  held?: HeldCard[];
  onOpenCard?: (accountId: string) => void;
}) {
  const shown: SyncState =
    (state.status === 'synced' || state.status === 'pending') && pending !== state.pending
      ? { ...state, status: pending > 0 ? 'pending' : 'synced', pending }
      : { ...state, pending };
  return (
    <>
      {held.length > 0 && onOpenCard ? <HeldCards held={held} locale={locale} onOpenCard={onOpenCard} /> : null}
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
    </>
  );
}

import { useState } from 'preact/hooks';
import { type Locale, t } from '../../shared/i18n';
import { type Clash, clashOf, keepClashingCard, removeClashingCard } from '../clip/pending-check';
import type { LeadcardDb } from '../store/db';
import type { StoreEnv } from '../store/meta';
import { useStored } from './use-stored';

/** `2026-12-20…` → `12-20`: the day the protection lapses, short enough for the popup. */
const day = (iso: string) => (/^\d{4}-\d{2}-\d{2}/.test(iso) ? iso.slice(5, 10) : iso);

/**
 * The clash the check at sync found (DESIGN §5): a colleague protects the customer this card duplicates. Two
 * ways out: record the interest and remove the copy, or keep the card knowingly. Text only, never HTML.
 */
export function ClashBanner(props: {
  clash: Clash;
  locale: Locale;
  busy?: boolean;
  onRemove: () => void;
  onKeep: () => void;
}) {
  const { clash, locale } = props;
  const owner = clash.owner ?? t(locale, 'clash.unknownOwner');
  return (
    <section class="banner warn" role="alert" data-testid="clash-banner">
      <p data-testid="clash-text">
        {clash.until
          ? t(locale, 'clash.title', { owner, until: day(clash.until) })
          : t(locale, 'clash.titleNoDate', { owner })}
      </p>
      <p>
        <button type="button" data-testid="clash-remove" disabled={props.busy} onClick={props.onRemove}>
          {t(locale, 'clash.remove')}
        </button>{' '}
        <button type="button" data-testid="clash-keep" disabled={props.busy} onClick={props.onKeep}>
          {t(locale, 'clash.keep')}
        </button>
      </p>
    </section>
  );
}

/**
 * The clash banner of one card, read from the store and read again whenever the store's `meta` changes: a clash
 * the background's sync finds while the card is open appears at once, without reopening the card. "Remove my
 * copy" queues the interest and deletes the card through the store; "keep my card" records the decision; either
 * way the clash leaves the store and the banner goes with it. Nothing when no clash.
 */
export function CardClash(props: { db: LeadcardDb; env: StoreEnv; accountId: string; locale: Locale }) {
  const { db, env, accountId } = props;
  const clash = useStored(db, ['meta'], () => clashOf(db, accountId), [accountId], null);
  const [busy, setBusy] = useState(false);
  if (!clash) return null;
  const act = (action: () => Promise<unknown>) => {
    setBusy(true);
    void action().finally(() => setBusy(false));
  };
  return (
    <ClashBanner
      clash={clash}
      locale={props.locale}
      busy={busy}
      onRemove={() => act(() => removeClashingCard(db, env, accountId))}
      onKeep={() => act(() => keepClashingCard(db, env, accountId))}
    />
  );
}

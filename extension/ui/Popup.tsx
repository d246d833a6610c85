import { useEffect, useState } from 'preact/hooks';
import { type Locale, pickLocale, t } from '../../shared/i18n';
import { loadCard } from '../store/card';
import type { LeadcardDb } from '../store/db';
import { discardQueuedChange } from '../store/discard';
import { findByDomain, searchCards } from '../store/lookup';
import type { StoreEnv } from '../store/meta';
import { heldCards } from '../sync/held-cards';
import { readSyncState } from '../sync/scheduler';
import { initialSyncState } from '../sync/sync-state';
import { CardView } from './CardView';
import { Claim } from './Claim';
import { Complaint } from './Complaint';
import { EditCardForm } from './EditCardForm';
import { LogForm } from './LogForm';
import { NewCardForm } from './NewCardForm';
import { Opportunities, type Role } from './Opportunities';
import { SearchResults } from './SearchView';
import { Survey } from './Survey';
import { SyncStatus } from './SyncStatus';
import type { StageOverrideRequest } from './stage-override';
import { useLive } from './use-live';
import { useStored } from './use-stored';

type View = { kind: 'search' } | { kind: 'card'; id: string } | { kind: 'new' };

/** What the popup needs from the browser, passed in so the component does not reach for globals. */
export interface PopupPorts {
  db: LeadcardDb;
  env: StoreEnv;
  /** The rep's name when signed in (activities record who logged them). */
  me: string | null;
  /** The URL of the tab the popup was opened over, for caller-ID (opens on that customer's card). */
  tabUrl: () => Promise<string | undefined>;
  syncNow: () => void;
  syncSoon: () => void;
  openOptions: () => void;
  /** "Clip this page": read the tab's leads into the clip preview (absent where there is no tab to clip). */
  clipPage?: () => void;
  /** The signed-in user's role (a manager may override a skipped stage gate); a rep when absent. */
  role?: Role;
  /** Claims a pool account through the server (absent when not signed in). */
  claim?: (accountId: string) => Promise<unknown>;
  /** A manager's stage-gate override, asked of the server (absent when not signed in). */
  overrideStage?: (request: StageOverrideRequest) => Promise<unknown>;
}

/** The toolbar popup: search, the card, logging the day's work, and the sync state. */
export function Popup({ ports, language = navigator.language }: { ports: PopupPorts; language?: string }) {
  const locale: Locale = pickLocale(language);
  const { db, env } = ports;
  const [view, setView] = useState<View>({ kind: 'search' });
  const [query, setQuery] = useState('');

  // Caller-ID: a tab on a known customer's site opens the popup on that card.
  useEffect(() => {
    void ports.tabUrl().then(async (url) => {
      if (!url || !/^https?:/.test(url)) return;
      const [card] = await findByDomain(db, url);
      if (card) setView((current) => (current.kind === 'search' ? { kind: 'card', id: card.id } : current));
    });
  }, [db]);

  const results = useLive(() => searchCards(db, query), [db, query], []);
  const cardId = view.kind === 'card' ? view.id : null;
  const card = useLive(
    () => (cardId ? loadCard(db, cardId, new Date(env.now()).toISOString()) : Promise.resolve(null)),
    [db, cardId],
    null,
  );
  const syncState = useLive(() => readSyncState(db), [db], initialSyncState);
  const pending = useLive(() => db.outbox.count(), [db], 0);
  // H11: the clipped cards the push holds back, re-read when the sync settles a check or the rep decides.
  const held = useStored(db, ['meta', 'accounts'], () => heldCards(db), [], []);

  return (
    <main lang={locale} class="popup">
      <header class="top">
        <h1 data-testid="product-name">{t(locale, 'app.name')}</h1>
        {view.kind !== 'search' ? (
          <button type="button" class="link" onClick={() => setView({ kind: 'search' })} data-testid="back">
            {t(locale, 'extension.card.back')}
          </button>
        ) : null}
      </header>

      {view.kind === 'search' ? (
        <section>
          <input
            type="search"
            class="search"
            aria-label={t(locale, 'extension.search.label')}
            placeholder={t(locale, 'extension.search.placeholder')}
            value={query}
            onInput={(e) => setQuery(e.currentTarget.value)}
            data-testid="search"
            // biome-ignore lint/a11y/noAutofocus: the popup exists to type a search into.
            autoFocus
          />
          <SearchResults
            query={query}
            results={results}
            locale={locale}
            onOpen={(id) => setView({ kind: 'card', id })}
          />
          <button type="button" onClick={() => setView({ kind: 'new' })} data-testid="new-card-button">
            {t(locale, 'extension.search.new')}
          </button>
          {ports.clipPage ? (
            <button type="button" onClick={ports.clipPage} data-testid="clip-page-button">
              {t(locale, 'clip.button')}
            </button>
          ) : null}
        </section>
      ) : null}

      {view.kind === 'new' ? (
        <NewCardForm
          db={db}
          env={env}
          locale={locale}
          initialName={query}
          onCreated={(id) => {
            ports.syncSoon();
            setView({ kind: 'card', id });
          }}
          onCancel={() => setView({ kind: 'search' })}
        />
      ) : null}

      {view.kind === 'card' && card ? (
        <>
          <CardView card={card} locale={locale} me={ports.me} store={{ db, env }} />
          <Claim
            account={card.account}
            me={ports.me}
            locale={locale}
            claim={
              ports.claim
                ? async (id) => {
                    await ports.claim?.(id);
                    ports.syncNow();
                  }
                : undefined
            }
          />
          <EditCardForm
            key={card.account.id}
            db={db}
            env={env}
            account={card.account}
            locale={locale}
            onSaved={ports.syncSoon}
          />
          <LogForm
            db={db}
            env={env}
            accountId={card.account.id}
            by={ports.me ?? ''}
            locale={locale}
            onSaved={ports.syncSoon}
          />
          <Opportunities
            db={db}
            env={env}
            accountId={card.account.id}
            opportunities={card.opportunities}
            locale={locale}
            role={ports.role}
            onSaved={ports.syncSoon}
            overrideStage={
              ports.overrideStage
                ? async (request) => {
                    await ports.overrideStage?.(request);
                    // The server wrote the move: pull it now so the card shows the new stage.
                    ports.syncNow();
                  }
                : undefined
            }
          />
          <Complaint
            db={db}
            env={env}
            accountId={card.account.id}
            complaints={card.complaints}
            locale={locale}
            onSaved={ports.syncSoon}
          />
          <Survey
            db={db}
            env={env}
            accountId={card.account.id}
            surveys={card.surveys}
            locale={locale}
            onSaved={ports.syncSoon}
          />
        </>
      ) : null}

      <SyncStatus
        state={syncState}
        pending={pending}
        locale={locale}
        onSyncNow={ports.syncNow}
        onSignIn={ports.openOptions}
        held={held}
        onOpenCard={(id) => setView({ kind: 'card', id })}
        onDiscard={(seq) =>
          void discardQueuedChange(db, seq, new Date(env.now()).toISOString()).then(() => ports.syncNow())
        }
      />
    </main>
  );
}

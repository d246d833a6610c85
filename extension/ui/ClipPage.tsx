import { useEffect, useState } from 'preact/hooks';
import { type Locale, t } from '../../shared/i18n';
import type { Candidate } from '../../shared/schema/candidate';
import type { ClipMode } from '../clip/clip-draft';
import type { OwnershipCheck } from '../clip/ownership-check';
import type { PageCapture } from '../clip/page-capture';
import type { LeadcardDb } from '../store/db';
import type { StoreEnv } from '../store/meta';
import { ClipPreview } from './ClipPreview';

/** What the clip page needs from the browser, passed in so the component does not reach for globals. */
export interface ClipPagePorts {
  db: LeadcardDb;
  env: StoreEnv;
  /** The rep's name when signed in. */
  me: string | null;
  /** Reads the tab (or the capture the background made); `gone` when a pending clip is no longer there. */
  loadCapture: () => Promise<{ capture: PageCapture; mode: ClipMode } | 'gone'>;
  checkOwnership: (candidate: Candidate) => Promise<OwnershipCheck>;
  syncSoon: () => void;
  close: () => void;
}

type State =
  | { kind: 'reading' }
  | { kind: 'ready'; capture: PageCapture; mode: ClipMode }
  | { kind: 'gone' }
  | { kind: 'failed'; reason: string };

/** The clip page (in the popup after "Clip this page", or its own window after the shortcut or context menu). */
export function ClipPage({ ports, language = navigator.language }: { ports: ClipPagePorts; language?: string }) {
  const locale: Locale = language.toLowerCase().startsWith('zh') ? 'zh-CN' : 'en';
  const [state, setState] = useState<State>({ kind: 'reading' });
  useEffect(() => {
    ports.loadCapture().then(
      (loaded) => setState(loaded === 'gone' ? { kind: 'gone' } : { kind: 'ready', ...loaded }),
      (error: unknown) => setState({ kind: 'failed', reason: error instanceof Error ? error.message : String(error) }),
    );
  }, []);
  return (
    <main lang={locale} class="popup">
      <header class="top">
        <h1 data-testid="product-name">{t(locale, 'app.name')}</h1>
      </header>
      {state.kind === 'reading' ? <p role="status">{t(locale, 'clip.reading')}</p> : null}
      {state.kind === 'gone' ? <p role="alert">{t(locale, 'clip.gone')}</p> : null}
      {state.kind === 'failed' ? (
        <p role="alert" data-testid="clip-failed">
          {t(locale, 'clip.cannotRead', { reason: state.reason })}
        </p>
      ) : null}
      {state.kind === 'ready' ? (
        <ClipPreview
          db={ports.db}
          env={ports.env}
          locale={locale}
          capture={state.capture}
          mode={state.mode}
          by={ports.me ?? ''}
          checkOwnership={ports.checkOwnership}
          onSaved={ports.syncSoon}
          onClose={ports.close}
        />
      ) : null}
    </main>
  );
}

import { useEffect, useState } from 'preact/hooks';
import { type Locale, pickLocale, t } from '../../shared/i18n';
import type { ParsedEmail } from '../capture/mail/parsed-email';
import type { LeadcardDb } from '../store/db';
import type { StoreEnv } from '../store/meta';
import { EmlDrop } from '../ui/EmlDrop';
import { MailClipPreview } from './MailClipPreview';
import type { MailClip } from './mail-clip-types';

/** What the side panel needs from the browser, passed in so the component reaches for no globals. */
export interface SidePanelPorts {
  db: LeadcardDb;
  env: StoreEnv;
  /** The rep's name when signed in (the `email` activity records who clipped it). */
  me: string | null;
  /** The clip a webmail page asked to preview (`?clip=ID`), fetched from the background; null when none. */
  pendingClip: () => Promise<MailClip | null | 'gone'>;
  parse: (raw: Uint8Array) => Promise<ParsedEmail>;
  newId: () => string;
  syncSoon: () => void;
}

/**
 * The side panel (also opened as a small window by "Clip sender" in Gmail and Outlook): the clip previews of the
 * mail being clipped and of `.eml` files dropped or picked here, one after another.
 */
export function MailSidePanel({ ports, language = navigator.language }: { ports: SidePanelPorts; language?: string }) {
  const locale: Locale = pickLocale(language);
  const [clips, setClips] = useState<MailClip[]>([]);
  const [gone, setGone] = useState(false);

  useEffect(() => {
    void ports.pendingClip().then((clip) => {
      if (clip === 'gone') setGone(true);
      else if (clip) setClips((all) => [clip, ...all]);
    });
  }, []);

  const drop = (id: string) => setClips((all) => all.filter((c) => c.id !== id));
  return (
    <main lang={locale} class="popup side-panel">
      <header class="top">
        <h1>{t(locale, 'mail.panel.title')}</h1>
      </header>
      {gone ? <p class="hint">{t(locale, 'mail.panel.gone')}</p> : null}
      {clips.map((clip) => (
        <MailClipPreview
          key={clip.id}
          db={ports.db}
          env={ports.env}
          locale={locale}
          clip={clip}
          by={ports.me ?? ''}
          onSaved={ports.syncSoon}
          onDismiss={() => drop(clip.id)}
        />
      ))}
      <EmlDrop
        locale={locale}
        parse={ports.parse}
        newId={ports.newId}
        onClip={(clip) => setClips((all) => [...all, clip])}
      />
    </main>
  );
}

import { useState } from 'preact/hooks';
import { type Locale, t } from '../../shared/i18n';
import type { ParsedEmail } from '../capture/mail/parsed-email';
import { type EmlFile, type EmlResult, readEmlBatch } from '../mail-adapters/eml-batch';
import type { MailClip } from '../mail-adapters/mail-clip-types';

/**
 * `.eml` files by hand: drop them here or pick them; each readable file becomes a clip preview (`onClip`), a batch
 * shows its progress, and a broken file shows its one-line error without stopping the rest.
 */
export function EmlDrop({
  locale,
  parse,
  newId,
  onClip,
}: {
  locale: Locale;
  parse: (raw: Uint8Array) => Promise<ParsedEmail>;
  newId: () => string;
  onClip: (clip: MailClip) => void;
}) {
  const [progress, setProgress] = useState<{ done: number; total: number } | null>(null);
  const [errors, setErrors] = useState<string[]>([]);
  const [over, setOver] = useState(false);

  async function read(list: FileList | null) {
    const files: EmlFile[] = [...(list ?? [])].map((file) => ({
      name: file.name,
      bytes: async () => new Uint8Array(await file.arrayBuffer()),
    }));
    if (files.length === 0) return;
    setErrors([]);
    setProgress({ done: 0, total: files.length });
    await readEmlBatch(files, {
      parse,
      locale,
      newId,
      onProgress: (done, total, result: EmlResult) => {
        setProgress({ done, total });
        if ('clip' in result) onClip(result.clip);
        else setErrors((all) => [...all, result.error]);
      },
    });
  }

  return (
    // biome-ignore lint/a11y/noStaticElementInteractions: dropping files has no keyboard form; the file input inside is the accessible way in.
    <section
      class={over ? 'eml-drop over' : 'eml-drop'}
      data-testid="eml-drop"
      onDragOver={(e) => {
        e.preventDefault();
        setOver(true);
      }}
      onDragLeave={() => setOver(false)}
      onDrop={(e) => {
        e.preventDefault();
        setOver(false);
        void read(e.dataTransfer?.files ?? null);
      }}
    >
      <h2>{t(locale, 'mail.eml.title')}</h2>
      <label>
        {t(locale, 'mail.eml.drop')} <span class="link">{t(locale, 'mail.eml.pick')}</span>
        <input
          type="file"
          accept=".eml,message/rfc822"
          multiple
          data-testid="eml-input"
          class="visually-hidden"
          onChange={(e) => {
            const input = e.currentTarget;
            void read(input.files).then(() => {
              input.value = '';
            });
          }}
        />
      </label>
      {progress ? (
        <p data-testid="eml-progress" data-done={progress.done} data-total={progress.total}>
          <progress value={progress.done} max={progress.total} /> {t(locale, 'mail.eml.progress', progress)}
          {errors.length > 0 ? ` · ${t(locale, 'mail.eml.failed', { count: errors.length })}` : ''}
        </p>
      ) : null}
      <ul class="eml-errors">
        {errors.map((error) => (
          <li class="error" key={error} data-testid="eml-error">
            {error}
          </li>
        ))}
      </ul>
    </section>
  );
}

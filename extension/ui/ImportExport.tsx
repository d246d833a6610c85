import { useState } from 'preact/hooks';
import { type Locale, t } from '../../shared/i18n';
import type { ImportPlan, PlannedRow } from '../../shared/transfer/import-plan';
import { isProvisional } from '../../shared/transfer/import-plan';
import type { LeadcardDb } from '../store/db';
import { exportCards, exportCsv, exportJson } from '../store/export-cards';
import { applyImport, ImportStoppedError, previewImport } from '../store/import-cards';
import type { StoreEnv } from '../store/meta';

/** The store the options page imports into and exports from, and what to do after an import is written. */
export interface TransferPorts {
  db: LeadcardDb;
  env: StoreEnv;
  /** Called after an import is written (asks the background to sync soon). */
  onImported?: () => void;
  /** Starts a download of `text` as `fileName` (a Blob URL and a link by default). */
  download?: (fileName: string, mime: string, text: string) => void;
}

function downloadViaBlob(fileName: string, mime: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: mime }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.click();
  // The click has started the download; the URL can go once the event loop has moved on.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

function rowText(row: PlannedRow, locale: Locale): string {
  if (row.action === 'invalid') return t(locale, 'extension2.transfer.invalid', { reason: row.message });
  if (row.action === 'new') return t(locale, 'extension2.transfer.new');
  if (isProvisional(row.accountId))
    return t(locale, 'extension2.transfer.mergeEarlier', { line: row.accountId.slice('new:'.length) });
  return t(locale, 'extension2.transfer.merge', { reasons: row.reasons.map((r) => r.value).join(', ') });
}

/** Import (CSV or vCard, previewed as new / merge / invalid before anything is written) and export (JSON, CSV). */
export function ImportExport({ ports, locale }: { ports: TransferPorts; locale: Locale }) {
  const [plan, setPlan] = useState<{ file: string; plan: ImportPlan } | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const download = ports.download ?? downloadViaBlob;

  async function choose(event: Event) {
    const input = event.currentTarget as HTMLInputElement;
    const file = input.files?.[0];
    if (!file) return;
    setMessage(null);
    setBusy(t(locale, 'extension2.transfer.reading', { file: file.name }));
    try {
      setPlan({ file: file.name, plan: await previewImport(ports.db, file.name, await file.text()) });
    } finally {
      setBusy(null);
      input.value = '';
    }
  }

  async function importNow() {
    if (!plan) return;
    setBusy(t(locale, 'extension2.transfer.importing'));
    try {
      const outcome = await applyImport(ports.db, ports.env, plan.plan);
      setMessage(t(locale, 'extension2.transfer.imported', { ...outcome }));
      setPlan(null);
      ports.onImported?.();
    } catch (error) {
      // A batch failed whole: say where, what was saved before it, and that the rest was not imported.
      if (error instanceof ImportStoppedError) {
        setPlan(null);
        ports.onImported?.();
        setMessage(
          t(locale, 'extension2.transfer.stoppedAt', {
            line: error.line,
            reason: error.reason,
            created: error.imported.created,
            merged: error.imported.merged,
            from: error.firstLineNotImported,
          }),
        );
      } else setMessage(t(locale, 'extension2.transfer.failed', { reason: (error as Error).message }));
    } finally {
      setBusy(null);
    }
  }

  async function exportAs(format: 'json' | 'csv') {
    const cards = await exportCards(ports.db);
    const stamp = new Date(ports.env.now()).toISOString();
    if (format === 'json') download('leadcard-export.json', 'application/json', exportJson(cards, stamp));
    else download('cards.csv', 'text/csv;charset=utf-8', exportCsv(cards));
    setMessage(t(locale, 'extension2.transfer.exported', { count: cards.length }));
  }

  const writable = plan ? plan.plan.counts.new + plan.plan.counts.merge : 0;
  return (
    <section class="transfer" data-testid="import-export">
      <h2>{t(locale, 'extension2.transfer.title')}</h2>
      <p class="hint">{t(locale, 'extension2.transfer.importHint')}</p>
      <label>
        {t(locale, 'extension2.transfer.file')}
        <input type="file" accept=".csv,.vcf,.vcard,text/csv,text/vcard" onChange={choose} data-testid="import-file" />
      </label>
      {plan ? (
        <div data-testid="import-preview">
          <p data-testid="import-counts">
            {t(locale, 'extension2.transfer.preview', {
              file: plan.file,
              new: plan.plan.counts.new,
              merge: plan.plan.counts.merge,
              invalid: plan.plan.counts.invalid,
            })}
          </p>
          <ol class="plan">
            {plan.plan.rows.map((row) => (
              <li key={row.line} class={`plan-${row.action}`} data-testid={`import-row-${row.action}`}>
                {t(locale, 'extension2.transfer.line', { line: row.line })}
                {row.action === 'invalid' ? '' : ` · ${String(row.draft.account.name ?? '')}`}
                {' — '}
                {rowText(row, locale)}
              </li>
            ))}
          </ol>
          <button type="button" disabled={busy !== null || writable === 0} onClick={importNow} data-testid="import-run">
            {t(locale, 'extension2.transfer.import', { count: writable })}
          </button>
          <button type="button" onClick={() => setPlan(null)}>
            {t(locale, 'extension2.transfer.cancel')}
          </button>
        </div>
      ) : null}
      <p>
        <button type="button" onClick={() => void exportAs('json')} data-testid="export-json">
          {t(locale, 'extension2.transfer.exportJson')}
        </button>{' '}
        <button type="button" onClick={() => void exportAs('csv')} data-testid="export-csv">
          {t(locale, 'extension2.transfer.exportCsv')}
        </button>
      </p>
      {busy ? <p class="hint">{busy}</p> : null}
      {message ? (
        <p role="status" data-testid="transfer-message">
          {message}
        </p>
      ) : null}
    </section>
  );
}

import { useEffect, useState } from 'preact/hooks';
import { type Locale, t } from '../../shared/i18n';
import { describeChange, describeReasons } from '../../shared/match/describe-match';
import { type ClipPlan, clipPlan } from '../store/clip-plan';
import type { LeadcardDb } from '../store/db';
import type { StoreEnv } from '../store/meta';
import { ClipFormFooter, useClipSaving } from '../ui/ClipFormFooter';
import { formatTime } from '../ui/format';
import { type ClipForm, candidateOf, formOf, mailCandidate } from './clip-form';
import type { MailClip } from './mail-clip-types';
import { saveMailClip } from './save-mail-clip';

const fields: [keyof ClipForm, Parameters<typeof t>[1]][] = [
  ['name', 'mail.preview.name'],
  ['title', 'mail.preview.jobTitle'],
  ['org', 'mail.preview.org'],
  ['emails', 'mail.preview.emails'],
  ['phones', 'mail.preview.phones'],
  ['website', 'mail.preview.website'],
  ['address', 'mail.preview.address'],
];

type Outcome = { kind: 'saved' | 'duplicate'; name: string } | null;

/**
 * The editable clip preview of one mail (webmail or `.eml`): the lead prefilled from the signature and the
 * headers, where saving would put it (merge into a known card and why, or a new card), and the mail itself.
 * Saving stores the card and an `email` activity under the message id. Everything shown is text, never HTML.
 */
export function MailClipPreview({
  db,
  env,
  locale,
  clip,
  by,
  onSaved,
  onDismiss,
}: {
  db: LeadcardDb;
  env: StoreEnv;
  locale: Locale;
  clip: MailClip;
  by: string;
  onSaved: (accountId: string) => void;
  onDismiss?: () => void;
}) {
  const { parsed } = clip;
  const base = mailCandidate(parsed);
  const [form, setForm] = useState<ClipForm>(() => formOf(base));
  const [plan, setPlan] = useState<ClipPlan | null>(null);
  const { errors, setErrors, busy, run } = useClipSaving(locale);
  const [outcome, setOutcome] = useState<Outcome>(null);
  const [takeFromMail, setTakeFromMail] = useState<ReadonlySet<string>>(new Set());

  // Where the clip would go, recomputed as the rep edits (the store is local: this is a few index reads).
  useEffect(() => {
    const { candidate } = candidateOf(form, base);
    let live = true;
    if (candidate) void clipPlan(db, candidate).then((next) => live && setPlan(next));
    else setPlan(null);
    return () => {
      live = false;
    };
  }, [db, form]);

  async function submit(event: Event) {
    event.preventDefault();
    const { candidate, problems } = candidateOf(form, base);
    if (!candidate) {
      setErrors(
        problems.map((p) =>
          p.kind === 'badPhone'
            ? t(locale, 'mail.preview.badPhone', { value: p.value })
            : t(locale, 'mail.preview.noName'),
        ),
      );
      return;
    }
    await run(async () => {
      const repAddresses = clip.repAddress ? [clip.repAddress] : [];
      const saved = await saveMailClip(db, env, {
        candidate,
        parsed,
        source: clip.source,
        by,
        takeFromMail,
        repAddresses,
      });
      const account = await db.accounts.get(saved.accountId);
      setOutcome({ kind: saved.duplicate ? 'duplicate' : 'saved', name: String(account?.fields.name ?? '') });
      onSaved(saved.accountId);
    });
  }

  const from = parsed.from ? parsed.from.name || parsed.from.address : '?';
  const matchLine = plan
    ? plan.account
      ? t(locale, 'mail.preview.merge', {
          name: String(plan.account.fields.name ?? ''),
          reasons: describeReasons(
            locale,
            plan.match.account.action === 'merge' ? plan.match.account.match.reasons : [],
          ),
        })
      : t(locale, 'mail.preview.new')
    : '';
  const conflicts = plan
    ? [
        ...plan.plan.contact.map((change) => ({
          change,
          key: `contact.${change.field}`,
          label: fieldKey(change.field),
        })),
        // The account's name is the company's.
        ...plan.plan.account.map((change) => ({
          change,
          key: `account.${change.field}`,
          label: change.field === 'name' ? ('mail.preview.org' as const) : fieldKey(change.field),
        })),
      ].filter(({ change }) => change.action === 'conflict')
    : [];

  return (
    <form class="mail-clip" onSubmit={submit} data-testid="mail-clip" data-clip={clip.id}>
      <h2>{t(locale, 'mail.preview.title', { from })}</h2>
      <p class="meta">
        {t(locale, 'mail.preview.subject')}:{' '}
        <span data-testid="mail-subject">{parsed.subject ?? t(locale, 'mail.preview.noSubject')}</span>
        {parsed.date ? ` · ${formatTime(parsed.date, locale)}` : ''}
      </p>
      {fields.map(([name, label]) => (
        <label key={name}>
          {t(locale, label)}
          <input
            name={name}
            value={form[name]}
            title={name === 'emails' || name === 'phones' ? t(locale, 'mail.preview.listHint') : undefined}
            onInput={(e) => setForm({ ...form, [name]: e.currentTarget.value })}
          />
        </label>
      ))}
      <p class="hint" data-testid="mail-match">
        {matchLine}
      </p>
      {conflicts.map(({ change, key, label }) => (
        <label class="hint" key={key} data-testid="mail-conflict">
          <input
            type="checkbox"
            name={key}
            checked={takeFromMail.has(key)}
            onChange={(e) => {
              const next = new Set(takeFromMail);
              if (e.currentTarget.checked) next.add(key);
              else next.delete(key);
              setTakeFromMail(next);
            }}
          />{' '}
          {describeChange(locale, change, () => t(locale, label))} {t(locale, 'mail.preview.takeFromMail')}
        </label>
      ))}
      <details>
        <summary>{t(locale, 'mail.preview.body')}</summary>
        <pre class="mail-body" data-testid="mail-body">
          {parsed.body}
        </pre>
        {parsed.quoted ? <p class="hint">{t(locale, 'mail.preview.quoted')}</p> : null}
      </details>
      <ClipFormFooter
        errors={errors}
        busy={busy}
        saveLabel={t(locale, 'mail.preview.save')}
        savingLabel={t(locale, 'mail.preview.saving')}
        close={onDismiss ? { label: t(locale, 'mail.preview.dismiss'), onClose: onDismiss } : undefined}
      >
        {outcome ? (
          <p role="status" data-testid="mail-saved" data-outcome={outcome.kind}>
            {t(locale, outcome.kind === 'saved' ? 'mail.preview.saved' : 'mail.preview.duplicate', {
              name: outcome.name,
            })}
          </p>
        ) : null}
      </ClipFormFooter>
    </form>
  );
}

function fieldKey(field: string): Parameters<typeof t>[1] {
  switch (field) {
    case 'title':
      return 'mail.preview.jobTitle';
    case 'name':
    case 'emails':
    case 'phones':
    case 'website':
    case 'address':
      return `mail.preview.${field}`;
    default:
      return 'mail.preview.org';
  }
}

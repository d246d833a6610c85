import { useEffect, useState } from 'preact/hooks';
import { type Locale, type MessageKey, t } from '../../shared/i18n';
import { describeChange, describeReasons } from '../../shared/match/describe-match';
import type { AccountField, ContactField, FieldChange } from '../../shared/match/merge-plan';
import type { Candidate } from '../../shared/schema/candidate';
import { buyingRole, leadSource } from '../../shared/schema/entities';
import {
  type ClipDraft,
  type ClipFields,
  type ClipMode,
  type ClipProblem,
  candidateOfDraft,
  draftsOf,
} from '../clip/clip-draft';
import type { OwnershipCheck } from '../clip/ownership-check';
import type { PageCapture } from '../clip/page-capture';
import { type ConflictChoices, recordInterest, saveClip } from '../clip/save-clip';
import { type ClipPlan, clipPlan, conflictKey } from '../store/clip-plan';
import type { LeadcardDb } from '../store/db';
import type { StoreEnv } from '../store/meta';
import { ClipFormFooter, useClipSaving } from './ClipFormFooter';

const textFields: [keyof ClipFields, MessageKey][] = [
  ['name', 'clip.field.name'],
  ['title', 'clip.field.title'],
  ['company', 'clip.field.company'],
  ['emails', 'clip.field.emails'],
  ['phones', 'clip.field.phones'],
  ['address', 'clip.field.address'],
  ['website', 'clip.field.website'],
  ['tags', 'clip.field.tags'],
];

export interface ClipPreviewProps {
  db: LeadcardDb;
  env: StoreEnv;
  locale: Locale;
  capture: PageCapture;
  mode: ClipMode;
  /** The rep (activities record who logged them). */
  by: string;
  /** The server's duplicate check of one lead (DESIGN §5). */
  checkOwnership: (candidate: Candidate) => Promise<OwnershipCheck>;
  onSaved?: (accountIds: string[]) => void;
  onOpenCard?: (accountId: string) => void;
  onClose?: () => void;
}

type Outcome = { names: string[]; interests: string[]; accountIds: string[] };

/**
 * The clip preview: what the page (or the selection) gave, one editable form per lead the rep keeps, where each
 * would go (new customer, or merges into a card, field by field, with a choice for every conflict) and the
 * server's duplicate check. Captured text is only ever rendered as text.
 */
export function ClipPreview(props: ClipPreviewProps) {
  const { db, env, locale, capture, mode } = props;
  const [drafts, setDrafts] = useState<ClipDraft[]>(() => draftsOf(capture, mode));
  const [choices, setChoices] = useState<ConflictChoices>({});
  const { errors, setErrors, busy, run } = useClipSaving(locale);
  const [outcome, setOutcome] = useState<Outcome | null>(null);

  const update = (key: string, change: Partial<ClipDraft>) =>
    setDrafts((all) => all.map((d) => (d.key === key ? { ...d, ...change } : d)));

  const found = mode === 'selection' && capture.selection ? capture.selection.contacts : capture.extraction.contacts;
  const headline =
    found.length === 0
      ? t(locale, 'clip.foundNone')
      : t(locale, mode === 'selection' ? 'clip.foundSelection' : 'clip.found', { count: found.length });

  async function submit(event: Event) {
    event.preventDefault();
    const kept = drafts.filter((d) => d.keep);
    if (kept.length === 0) {
      setErrors([t(locale, 'clip.nothingTicked')]);
      return;
    }
    const ready = kept.map((d) => ({ draft: d, ...candidateOfDraft(d.fields, d.base) }));
    const problems = ready.flatMap((r) => r.problems);
    if (problems.length > 0) {
      setErrors([...new Set(problems.map((p) => problemText(locale, p)))]);
      return;
    }
    await run(async () => {
      const done: Outcome = { names: [], interests: [], accountIds: [] };
      for (const { draft, candidate, extras } of ready) {
        if (!candidate) continue;
        // The check ran while the rep read the form; saving uses its answer (offline: the check runs at sync).
        const check = await props.checkOwnership(candidate);
        const label = candidate.name ?? candidate.org ?? candidate.emails[0] ?? '';
        if (check.state === 'checked' && check.answer.status === 'protected') {
          await recordInterest(db, env, {
            candidate,
            owner: check.answer.owner ?? null,
            until: check.answer.until ?? null,
            url: capture.url,
            by: props.by,
          });
          done.interests.push(t(locale, 'clip.interest', { owner: check.answer.owner ?? '?', name: label }));
          continue;
        }
        const saved = await saveClip(db, env, {
          candidate,
          extras,
          choices: prefixed(choices, draft.key),
          url: capture.url,
          title: capture.title,
          by: props.by,
          check,
        });
        done.names.push(label);
        if (!done.accountIds.includes(saved.accountId)) done.accountIds.push(saved.accountId);
      }
      setOutcome(done);
      setDrafts((all) => all.map((d) => ({ ...d, keep: false })));
      if (done.accountIds.length > 0) props.onSaved?.(done.accountIds);
    });
  }

  return (
    <form class="clip" onSubmit={submit} data-testid="clip-preview" data-mode={mode}>
      <h2>{t(locale, 'clip.title', { title: capture.title || capture.url })}</h2>
      <p class="hint" data-testid="clip-headline">
        {headline}
      </p>
      {drafts.map((draft) => (
        <DraftForm
          key={draft.key}
          {...props}
          draft={draft}
          choices={choices}
          onChange={(change) => update(draft.key, change)}
          onChoose={(key, value) => setChoices({ ...choices, [`${draft.key}:${key}`]: value })}
        />
      ))}
      <ClipFormFooter
        errors={errors}
        busy={busy}
        saveLabel={t(locale, 'clip.save')}
        savingLabel={t(locale, 'clip.saving')}
        saveTestId="clip-save"
        close={props.onClose ? { label: t(locale, 'clip.close'), onClose: props.onClose } : undefined}
      >
        {outcome ? (
          <div role="status" data-testid="clip-saved">
            {outcome.names.length > 0 ? <p>{t(locale, 'clip.saved', { names: outcome.names.join(', ') })}</p> : null}
            {outcome.interests.map((line) => (
              <p key={line} data-testid="clip-interest">
                {line}
              </p>
            ))}
            {props.onOpenCard && outcome.accountIds[0] ? (
              <button type="button" class="link" onClick={() => props.onOpenCard?.(outcome.accountIds[0]!)}>
                {t(locale, 'clip.openCard')}
              </button>
            ) : null}
          </div>
        ) : null}
      </ClipFormFooter>
    </form>
  );
}

/** The choices of one draft, without its `key:` prefix. */
function prefixed(choices: ConflictChoices, key: string): ConflictChoices {
  const out: ConflictChoices = {};
  for (const [k, v] of Object.entries(choices)) if (k.startsWith(`${key}:`)) out[k.slice(key.length + 1)] = v;
  return out;
}

function problemText(locale: Locale, problem: ClipProblem): string {
  return problem.kind === 'badPhone' ? t(locale, 'clip.badPhone', { value: problem.value }) : t(locale, 'clip.noName');
}

function DraftForm(
  props: ClipPreviewProps & {
    draft: ClipDraft;
    choices: ConflictChoices;
    onChange: (change: Partial<ClipDraft>) => void;
    onChoose: (key: string, value: 'card' | 'clip') => void;
  },
) {
  const { db, locale, draft, onChange } = props;
  const { fields } = draft;
  const [plan, setPlan] = useState<ClipPlan | null>(null);
  const [check, setCheck] = useState<OwnershipCheck | 'checking' | null>(null);
  const { candidate } = candidateOfDraft(fields, draft.base);
  const identity = candidate
    ? JSON.stringify([candidate.emails, candidate.phones, candidate.website, candidate.org])
    : '';

  // Where the lead would go, recomputed as the rep edits (a few local index reads).
  useEffect(() => {
    let live = true;
    if (draft.keep && candidate) void clipPlan(db, candidate).then((next) => live && setPlan(next));
    else setPlan(null);
    return () => {
      live = false;
    };
  }, [db, draft.keep, JSON.stringify(candidate)]);

  // The server's duplicate check, once per set of keys (not on every keystroke of a name).
  useEffect(() => {
    let live = true;
    if (!draft.keep || !candidate) {
      setCheck(null);
      return;
    }
    setCheck('checking');
    void props.checkOwnership(candidate).then((next) => live && setCheck(next));
    return () => {
      live = false;
    };
  }, [draft.keep, identity]);

  const set = (name: keyof ClipFields, value: string) => onChange({ fields: { ...fields, [name]: value } });
  const summary = [fields.name || fields.company, fields.title, fields.emails.split(',')[0]]
    .filter((s) => s && s.trim() !== '')
    .join(' · ');
  const kindNote =
    draft.base.kind === 'role-address'
      ? t(locale, 'clip.roleAddress')
      : draft.base.kind === 'organisation'
        ? t(locale, 'clip.organisation')
        : null;

  return (
    <fieldset class="clip-lead" data-testid="clip-lead" data-kind={draft.base.kind} data-keep={String(draft.keep)}>
      <legend>
        <label class="keep">
          <input
            type="checkbox"
            name="keep"
            checked={draft.keep}
            onChange={(e) => onChange({ keep: e.currentTarget.checked })}
          />{' '}
          {t(locale, 'clip.keep')}: <span data-testid="clip-lead-name">{summary}</span>
        </label>
      </legend>
      {kindNote ? <p class="hint">{kindNote}</p> : null}
      {draft.keep ? (
        <>
          {textFields.map(([name, label]) => (
            <label key={name}>
              {t(locale, label)}
              <input name={name} value={fields[name]} onInput={(e) => set(name, e.currentTarget.value)} />
            </label>
          ))}
          <label>
            {t(locale, 'clip.field.source')}
            <select name="source" value={fields.source} onChange={(e) => set('source', e.currentTarget.value)}>
              {leadSource.options.map((source) => (
                <option key={source} value={source}>
                  {t(locale, `clip.source.${source}`)}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t(locale, 'clip.field.buyingRole')}
            <select
              name="buyingRole"
              value={fields.buyingRole}
              onChange={(e) => set('buyingRole', e.currentTarget.value)}
            >
              <option value="">{t(locale, 'clip.role.none')}</option>
              {buyingRole.options.map((role) => (
                <option key={role} value={role}>
                  {t(locale, `clip.role.${role}`)}
                </option>
              ))}
            </select>
          </label>
          {plan ? <PlanLines {...props} plan={plan} /> : null}
          {check ? (
            <p class="hint" data-testid="clip-owner" data-state={check === 'checking' ? 'checking' : check.state}>
              {ownershipText(locale, check)}
            </p>
          ) : null}
        </>
      ) : null}
    </fieldset>
  );
}

function PlanLines(
  props: ClipPreviewProps & {
    draft: ClipDraft;
    plan: ClipPlan;
    choices: ConflictChoices;
    onChoose: (key: string, value: 'card' | 'clip') => void;
  },
) {
  const { locale, plan, draft } = props;
  const { match } = plan;
  const name = String(plan.account?.fields.name ?? plan.contact?.fields.name ?? '');
  const reasons =
    match.account.action === 'merge'
      ? match.account.match.reasons
      : match.contact.action === 'merge'
        ? match.contact.match.reasons
        : [];
  const merging = plan.account !== null || plan.contact !== null;
  const headline = merging
    ? t(locale, reasons.length > 0 ? 'clip.match.merge.reasons' : 'clip.match.merge', {
        name,
        reasons: describeReasons(locale, reasons),
      })
    : t(locale, 'clip.match.new');
  const label = (field: ContactField | AccountField) => t(locale, `clip.field.${field}` as MessageKey);
  const changes: Array<{ side: 'contact' | 'account'; change: FieldChange<ContactField | AccountField> }> = merging
    ? [
        ...plan.plan.contact
          .filter(() => plan.contact !== null)
          .map((change) => ({ side: 'contact' as const, change })),
        ...plan.plan.account
          .filter(() => plan.account !== null)
          .map((change) => ({ side: 'account' as const, change })),
      ]
    : [];
  return (
    <div class="clip-match" data-testid="clip-match" data-action={merging ? 'merge' : 'new'}>
      <p>{headline}</p>
      {merging && changes.length === 0 ? <p class="hint">{t(locale, 'clip.match.nothingNew')}</p> : null}
      <ul>
        {changes.map(({ side, change }) => {
          // The account's name is the company's; its label says so.
          const fieldLabel =
            side === 'account' && change.field === 'name' ? () => t(locale, 'clip.field.company') : label;
          const key = conflictKey(side, change.field);
          const chosen = props.choices[`${draft.key}:${key}`] ?? 'card';
          return (
            <li key={key} data-testid={change.action === 'conflict' ? 'clip-conflict' : 'clip-change'}>
              {describeChange(locale, change, fieldLabel)}
              {change.action === 'conflict' ? (
                <span class="choices">
                  {(['card', 'clip'] as const).map((value) => (
                    <label key={value}>
                      <input
                        type="radio"
                        name={`${draft.key}-${key}`}
                        value={value}
                        checked={chosen === value}
                        onChange={() => props.onChoose(key, value)}
                      />{' '}
                      {t(locale, value === 'card' ? 'clip.choice.card' : 'clip.choice.clip', {
                        value: value === 'card' ? change.current : change.incoming,
                      })}
                    </label>
                  ))}
                </span>
              ) : null}
            </li>
          );
        })}
      </ul>
    </div>
  );
}

function ownershipText(locale: Locale, check: OwnershipCheck | 'checking'): string {
  if (check === 'checking') return t(locale, 'clip.owner.checking');
  switch (check.state) {
    case 'offline':
      return t(locale, 'clip.owner.offline');
    case 'signed-out':
      return t(locale, 'clip.owner.signedOut');
    case 'failed':
      return t(locale, 'clip.owner.failed', { reason: check.reason });
    case 'checked': {
      const { status, owner, until } = check.answer;
      if (status !== 'protected') return t(locale, `clip.owner.${status}`);
      const date = until ? shortDate(locale, until) : null;
      return date
        ? t(locale, 'clip.owner.protected', { owner: owner ?? '?', until: date })
        : t(locale, 'clip.owner.protectedNoDate', { owner: owner ?? '?' });
    }
  }
}

/** `2026-12-20T…` → `12-20` (zh-CN) / `12/20` (en): the protection's end as reps say it. */
function shortDate(locale: Locale, iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  if (locale === 'zh-CN')
    return `${String(date.getMonth() + 1).padStart(2, '0')}-${String(date.getDate()).padStart(2, '0')}`;
  return new Intl.DateTimeFormat('en', { month: 'short', day: 'numeric' }).format(date);
}

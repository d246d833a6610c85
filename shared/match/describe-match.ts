import { type Locale, t } from '../i18n';
import type { AccountField, ContactField, FieldChange } from './merge-plan';
import type { MatchReason } from './types';

/** `describeReason('zh-CN', { kind: 'email', value: 'li@acme.cn' })` → `邮箱相同 li@acme.cn`. */
export function describeReason(locale: Locale, reason: MatchReason): string {
  return t(locale, `match.reason.${reason.kind}`, { value: reason.value });
}

/** All reasons as one line, joined with the locale's separator. */
export function describeReasons(locale: Locale, reasons: readonly MatchReason[]): string {
  return reasons.map((reason) => describeReason(locale, reason)).join(locale === 'zh-CN' ? '；' : '; ');
}

/**
 * One line per planned change, for the rep to read before saving. `fieldLabel` gives the field's name on screen
 * (the card's labels belong to the UI's catalog). Plain text: the values are captured and never rendered as HTML.
 */
export function describeChange(
  locale: Locale,
  change: FieldChange<ContactField | AccountField>,
  fieldLabel: (field: ContactField | AccountField) => string = (field) => field,
): string {
  const field = fieldLabel(change.field);
  switch (change.action) {
    case 'fill':
      return t(locale, 'match.field.fill', { field, value: change.value });
    case 'append':
      return t(locale, 'match.field.append', { field, values: change.values.join(locale === 'zh-CN' ? '、' : ', ') });
    case 'conflict':
      return t(locale, 'match.field.conflict', { field, current: change.current, incoming: change.incoming });
  }
}

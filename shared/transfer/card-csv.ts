/** The header of the card CSV that export writes and import reads back (the CLI's and the options page's). */
export const CARD_CSV_HEADER = [
  'company',
  'kind',
  'category',
  'status',
  'source',
  'industry',
  'region',
  'address',
  'website',
  'domains',
  'company phone',
  'tags',
  'notes',
  'contact',
  'title',
  'emails',
  'phones',
  'buying role',
] as const;

/** One CSV row per contact (or one for an account without contacts), in the order of `CARD_CSV_HEADER`. */
export function cardCsvRows(account: Record<string, unknown>, contacts: Record<string, unknown>[]): string[][] {
  const text = (value: unknown) => (typeof value === 'string' ? value : '');
  const list = (value: unknown) => (Array.isArray(value) ? value.map(String).join(', ') : '');
  const features = (account.features ?? {}) as { notes?: string };
  const base = [
    text(account.name),
    text(account.kind),
    text(account.category),
    text(account.status),
    text(account.source),
    text(account.industry),
    text(account.region),
    text(account.address),
    text(account.website),
    list(account.domains),
    list(account.phones),
    list(account.tags),
    text(features.notes),
  ];
  if (contacts.length === 0) return [[...base, '', '', '', '', '']];
  return contacts.map((c) => [
    ...base,
    text(c.name),
    text(c.title),
    list(c.emails),
    list(c.phones),
    text(c.buyingRole),
  ]);
}

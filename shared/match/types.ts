/**
 * The narrow views of existing cards that matching needs (DESIGN §3 "Identity and dedup"). Any Account or Contact
 * of the entity schema fits them; stored values may be in any format, matching normalises both sides.
 */
export type MatchableAccount = {
  id: string;
  name: string | null;
  /** Registrable domains or anything they can be read from (hosts, URLs). */
  domains: readonly string[];
  /** E.164 or any format `normalisePhone` reads. */
  phones: readonly string[];
  website?: string | null;
  address?: string | null;
};

export type MatchableContact = {
  id: string;
  accountId: string | null;
  name: string | null;
  title: string | null;
  emails: readonly string[];
  phones: readonly string[];
};

/** Why a candidate matches a card: the kind of key and its normalised value (`zhang@acme.cn`, `+8613800138000`). */
export type MatchReason = {
  kind: 'email' | 'phone' | 'domain' | 'company-name';
  value: string;
};

export type ContactMatch = { id: string; accountId: string | null; reasons: MatchReason[] };
/** `via`: the best matched contact that belongs to this account, or null when only the account's own keys matched. */
export type AccountMatch = { id: string; reasons: MatchReason[]; via: string | null };

/**
 * What to do with a clip. `contact` / `account`: `merge` into an existing card (the best match), `new` card, or
 * `none` (no contact for an organisation or a role address such as sales@; no account when nothing names one).
 * `others` lists every further card that matched, best first, for the rep to pick instead.
 */
export type MatchResult = {
  contact: { action: 'merge'; match: ContactMatch } | { action: 'new' } | { action: 'none' };
  account: { action: 'merge'; match: AccountMatch } | { action: 'new' } | { action: 'none' };
  others: { contacts: ContactMatch[]; accounts: AccountMatch[] };
};

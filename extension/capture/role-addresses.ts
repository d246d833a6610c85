import { isRoleAddress } from './fields';
import { addEvidence, emptyFound, type Found } from './found';

/**
 * Moves role mailboxes (noreply, support, info, sales, 客服 …) out of people: each becomes its own
 * `role-address` candidate carrying the organisation, so a rep never saves `info@` as a person's email
 * (DESIGN §7: decoys are not leads). A candidate left with nothing but its role addresses is dropped in favour
 * of those.
 */
export function splitRoleAddresses(list: Found[]): Found[] {
  const out: Found[] = [];
  const seen = new Set<string>();
  for (const c of list) {
    const roles = c.emails.filter((e) => isRoleAddress(e));
    if (roles.length === 0) {
      out.push(c);
      continue;
    }
    const emailSources = c.evidence.emails ?? [];
    c.emails = c.emails.filter((e) => !roles.includes(e));
    if (c.emails.length === 0) delete c.evidence.emails;
    const keep = c.name || c.emails.length > 0 || c.phones.length > 0 || c.title || c.address || c.website;
    if (keep || (c.kind === 'organisation' && c.org)) out.push(c);
    for (const email of roles) {
      if (seen.has(email)) continue;
      seen.add(email);
      const role = emptyFound('role-address', c.position, c.inFooter);
      role.emails.push(email);
      for (const s of emailSources) addEvidence(role, 'emails', s);
      if (c.org) {
        role.org = c.org;
        for (const s of c.evidence.org ?? []) addEvidence(role, 'org', s);
      }
      out.push(role);
    }
  }
  return out;
}

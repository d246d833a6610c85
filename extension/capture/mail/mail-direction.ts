import { isFreeMailDomain, registrableDomain } from '../../../shared/normalise/domain';
import { normaliseEmail } from '../../../shared/normalise/email';
import type { MailAddress } from './parsed-email';

/** Whether a clipped mail came from the customer (`in`) or was sent by the rep to them (`out`). */
export type MailDirection = 'in' | 'out';

/** Who is on which side: the rep's own addresses, and the customer card's addresses and company domains. */
export interface MailSides {
  /** The rep's own addresses (the webmail account, the sign-in), when known. */
  repAddresses?: readonly string[];
  /** The customer's contacts' addresses. */
  customerEmails: readonly string[];
  /** The customer's registrable domains (`tengda.com.cn`); free-mail domains are ignored. */
  customerDomains: readonly string[];
}

const normalised = (address: string) => normaliseEmail(address) ?? address.trim().toLowerCase();

/**
 * The direction of a mail on a customer's card, decided from its From address: the rep's own address → `out`; one of
 * the customer's addresses, or an address at one of the customer's (non-free-mail) domains → `in`; otherwise a mail
 * addressed TO the customer is the rep's → `out`; anything else (an unknown sender clipped as a lead) → `in`.
 *
 * `mailDirection({ from: { name: '', address: 'li@ours.cn' }, to: [{ name: '', address: 'zs@tengda.com.cn' }], cc: [] },
 *   { customerEmails: [], customerDomains: ['tengda.com.cn'] })` → `'out'`.
 */
export function mailDirection(
  mail: { from: MailAddress | null; to: readonly MailAddress[]; cc: readonly MailAddress[] },
  sides: MailSides,
): MailDirection {
  const rep = new Set((sides.repAddresses ?? []).map(normalised));
  const emails = new Set(sides.customerEmails.map(normalised));
  const domains = new Set(
    sides.customerDomains
      .map((d) => registrableDomain(d) ?? d.toLowerCase())
      .filter((d) => d !== '' && !isFreeMailDomain(d)),
  );
  const isCustomer = (address: string) => {
    const email = normalised(address);
    if (emails.has(email)) return true;
    const domain = registrableDomain(email);
    return domain !== null && domains.has(domain);
  };
  const from = mail.from ? normalised(mail.from.address) : null;
  if (from && rep.has(from)) return 'out';
  if (from && isCustomer(from)) return 'in';
  if ([...mail.to, ...mail.cc].some((r) => isCustomer(r.address))) return 'out';
  return 'in';
}

import { registrableDomain } from '../../shared/normalise/domain';
import { normaliseEmail } from '../../shared/normalise/email';
import { normalisePhoneString } from '../../shared/normalise/phone';
import type { AccountFields } from '../../shared/schema/entities';
import { newAccountFields } from '../store/new-records';

export interface NewCardInput {
  name: string;
  website: string;
  phone: string;
  contactName: string;
  contactEmail: string;
  contactPhone: string;
}

export type NewCardProblem = { field: keyof NewCardInput; kind: 'badPhone' | 'badEmail' | 'badDomain'; value: string };

export interface NewCard {
  account: AccountFields;
  contact: { name: string; emails: string[]; phones: string[] } | null;
}

/**
 * The new-card form as store fields: the website's registrable domain (for caller-ID), phones in E.164,
 * the address normalised; the problems name the field the rep must fix.
 */
export function newCardFrom(input: NewCardInput): { card: NewCard | null; problems: NewCardProblem[] } {
  const problems: NewCardProblem[] = [];
  const website = input.website.trim();
  const domain = website ? registrableDomain(website) : null;
  if (website && !domain) problems.push({ field: 'website', kind: 'badDomain', value: website });
  const phone = (field: 'phone' | 'contactPhone') => {
    const text = input[field].trim();
    if (!text) return [];
    const e164 = normalisePhoneString(text);
    if (!e164) problems.push({ field, kind: 'badPhone', value: text });
    return e164 ? [e164] : [];
  };
  const phones = phone('phone');
  const contactPhones = phone('contactPhone');
  const emailText = input.contactEmail.trim();
  const email = emailText ? normaliseEmail(emailText) : null;
  if (emailText && !email) problems.push({ field: 'contactEmail', kind: 'badEmail', value: emailText });
  if (problems.length > 0 || input.name.trim() === '') return { card: null, problems };
  const account = newAccountFields({
    name: input.name.trim(),
    domains: domain ? [domain] : [],
    website: website ? (/^https?:\/\//i.test(website) ? website : `https://${website}`) : null,
    phones,
  });
  const contactName = input.contactName.trim();
  const contact =
    contactName || email || contactPhones.length > 0
      ? { name: contactName || email || contactPhones[0] || '', emails: email ? [email] : [], phones: contactPhones }
      : null;
  return { card: { account, contact }, problems };
}

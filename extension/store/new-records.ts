import type { AccountFields, ActivityFields, ContactFields } from '../../shared/schema/entities';

/** A new card as the rep starts it in the popup: a lead from the web, everything else left to fill in later. */
export function newAccountFields(overrides: Partial<AccountFields> & Pick<AccountFields, 'name'>): AccountFields {
  return {
    kind: 'business',
    category: 'customer',
    channelRole: 'end',
    status: 'lead',
    leadStatus: 'new',
    disqualifyReason: null,
    domains: [],
    website: null,
    industry: null,
    employees: null,
    region: null,
    address: null,
    phones: [],
    source: 'web',
    tags: [],
    features: {},
    business: {},
    needs: {},
    contract: {},
    strategic: false,
    credit: {},
    currency: 'CNY',
    ...overrides,
  };
}

export function newContactFields(
  overrides: Partial<ContactFields> & Pick<ContactFields, 'accountId' | 'name'>,
): ContactFields {
  return {
    title: null,
    emails: [],
    phones: [],
    social: [],
    buyingRole: null,
    isPrimary: false,
    provenance: {},
    ...overrides,
  };
}

export function newActivityFields(
  overrides: Partial<ActivityFields> & Pick<ActivityFields, 'accountId' | 'type' | 'at' | 'by' | 'summary'>,
): ActivityFields {
  return { contactId: null, body: null, source: null, next: null, ...overrides };
}

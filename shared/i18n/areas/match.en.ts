export const matchEn = {
  'match.reason.email': 'same email {value}',
  'match.reason.phone': 'same phone {value}',
  'match.reason.domain': 'same domain {value}',
  'match.reason.company-name': 'same company name ({value})',
  'match.contact.merge': 'Adds to the existing contact {name}: {reasons}',
  'match.contact.new': 'New contact',
  'match.account.merge': 'Adds to the existing account {name}: {reasons}',
  'match.account.new': 'New account',
  'match.field.fill': '{field}: filled with “{value}”',
  'match.field.append': '{field}: adds {values}',
  'match.field.conflict': '{field}: the card says “{current}”, the clip says “{incoming}”. Which one?',
} as const;

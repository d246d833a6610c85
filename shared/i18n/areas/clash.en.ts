/** A card clipped offline that the check at sync found protected by a colleague (DESIGN §5). */
export const clashEn = {
  'clash.title': '{owner} protects this customer until {until}: your card duplicates theirs.',
  'clash.titleNoDate': '{owner} protects this customer: your card duplicates theirs.',
  'clash.remove': 'Record my interest and remove my copy',
  'clash.keep': 'Keep my card',
  'clash.unknownOwner': 'A colleague',
} as const;

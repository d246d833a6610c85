export const appEn = {
  'app.name': 'Leadcard',
  'app.tagline': 'Customer cards for B2B sales',
} as const;

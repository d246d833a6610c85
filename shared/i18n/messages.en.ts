/** English catalog. Keys are the source of truth for `MessageKey`; zh-CN must have every one. */
export const en = {
  'app.name': 'Leadcard',
  'app.tagline': 'Customer cards for B2B sales',
} as const;

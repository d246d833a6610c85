import { describe, expect, it } from 'vitest';
import { pendingPageClips } from './pending-page-clips';

const area = () => {
  const map = new Map<string, unknown>();
  return {
    get: async (key: string) => (map.has(key) ? { [key]: map.get(key) } : {}),
    set: async (items: Record<string, unknown>) => {
      for (const [k, v] of Object.entries(items)) map.set(k, v);
    },
  };
};
const capture = {
  url: 'u',
  title: 't',
  extraction: { contacts: [], organisation: null },
  selection: null,
  vcardLinks: 0,
};

describe('pendingPageClips', () => {
  it('keeps the last ten clips and finds them by id', async () => {
    const clips = pendingPageClips(area());
    for (let i = 0; i < 12; i++) await clips.put({ id: `c${i}`, mode: 'page', capture });
    expect(await clips.get('c0')).toBeNull();
    expect(await clips.get('c11')).toMatchObject({ id: 'c11', mode: 'page' });
    expect(await clips.get('c2')).not.toBeNull();
  });
});

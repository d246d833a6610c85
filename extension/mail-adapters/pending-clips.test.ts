import { describe, expect, it } from 'vitest';
import type { MailClip } from './mail-clip-types';
import { pendingClips, type SessionArea } from './pending-clips';

const memoryArea = (): SessionArea => {
  const items = new Map<string, unknown>();
  return {
    get: async (key) => (items.has(key) ? { [key]: structuredClone(items.get(key)) } : {}),
    set: async (values) => {
      for (const [key, value] of Object.entries(values)) items.set(key, structuredClone(value));
    },
  };
};
const clip = (id: string): MailClip => ({
  id,
  site: 'gmail',
  source: `gmail:${id}`,
  parsed: {
    from: null,
    to: [],
    cc: [],
    subject: id,
    date: null,
    messageId: null,
    body: '',
    quoted: false,
    signature: null,
  },
});

describe('pendingClips', () => {
  it('keeps clips by id until read, and only the newest 20', async () => {
    const clips = pendingClips(memoryArea());
    for (let i = 0; i < 25; i++) await clips.put(clip(`c${i}`));
    expect(await clips.get('c24')).toEqual(clip('c24'));
    expect(await clips.get('c5')).toEqual(clip('c5'));
    expect(await clips.get('c4')).toBeNull();
    expect(await clips.get('nope')).toBeNull();
  });
});

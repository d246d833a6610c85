import { describe, expect, it } from 'vitest';
import { type BackgroundClipPorts, clipFromBackground } from './background-triggers';
import type { ScriptingPort } from './capture-tab';
import type { PendingPageClip } from './pending-page-clips';

const capture = {
  url: 'https://www.example.cn/',
  title: 't',
  extraction: { contacts: [], organisation: null },
  selection: null,
  vcardLinks: 0,
};

function ports(scripting: ScriptingPort) {
  const pending: PendingPageClip[] = [];
  const windows: string[] = [];
  const value: BackgroundClipPorts = {
    scripting,
    pending: { put: async (clip) => void pending.push(clip) },
    newId: () => 'clip-1',
    pageUrl: (target) =>
      `clip.html?${new URLSearchParams(Object.entries(target).flatMap(([k, v]) => (v === undefined ? [] : [[k, String(v)]])))}`,
    openWindow: async (url) => void windows.push(url),
  };
  return { value, pending, windows };
}

describe('clipFromBackground (shortcut and context menu)', () => {
  it('keeps the capture for its preview window; a selection the page did not report comes from the menu', async () => {
    const p = ports({ executeScript: async () => [{ result: structuredClone(capture) }] });
    await clipFromBackground(p.value, { id: 4 }, 'selection', 0, '联系人：陈静\n手机：139 1688 2233');
    expect(p.windows).toEqual(['clip.html?clip=clip-1']);
    expect(p.pending).toHaveLength(1);
    expect(p.pending[0]?.mode).toBe('selection');
    expect(p.pending[0]?.capture.selection?.contacts.map((c) => [c.name, c.phones])).toEqual([
      ['陈静', ['+8613916882233']],
    ]);
  });

  it('opens the preview over a tab it cannot read, which then says why', async () => {
    const p = ports({ executeScript: () => Promise.reject(new Error('Cannot access a chrome:// URL')) });
    await clipFromBackground(p.value, { id: 4 }, 'page');
    expect(p.pending).toEqual([]);
    expect(p.windows).toEqual(['clip.html?tab=4&mode=page']);
  });

  it('does nothing without a tab (a devtools window)', async () => {
    const p = ports({ executeScript: async () => [] });
    await clipFromBackground(p.value, undefined, 'page');
    expect(p.windows).toEqual([]);
  });
});

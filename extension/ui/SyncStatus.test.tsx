import { parseHTML } from 'linkedom';
import { render } from 'preact';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { HeldCard } from '../sync/held-cards';
import { initialSyncState, type SyncState } from '../sync/sync-state';
import { SyncStatus } from './SyncStatus';

const g = globalThis as unknown as { document?: Document };
let saved: Document | undefined;
beforeEach(() => {
  saved = g.document;
  g.document = parseHTML('<!doctype html><html><body><div id="app"></div></body></html>').document;
});
afterEach(() => {
  g.document = saved;
});
const root = () => g.document?.getElementById('app') as unknown as Element;
const lines = () => [...root().querySelectorAll('[data-testid="held-card"]')].map((b) => b.textContent);

const pending: SyncState = { ...initialSyncState, status: 'pending', pending: 2, lastSyncAt: '2026-11-22T09:00:00Z' };
const held: HeldCard[] = [
  { accountId: 'a1', name: '恒泰', reason: 'clash' },
  { accountId: 'a2', name: null, reason: 'checking' },
];
const noop = () => {};

describe('SyncStatus: held cards', () => {
  it('says which cards are held and why, in both languages, and opens the card clicked', () => {
    const opened: string[] = [];
    const props = { state: pending, pending: 2, onSyncNow: noop, onSignIn: noop, onDiscard: noop };
    render(<SyncStatus {...props} locale="en" held={held} onOpenCard={(id) => opened.push(id)} />, root());
    expect(lines()).toEqual(['恒泰: clash, your decision needed', 'A clipped card: waiting for the duplicate check']);
    for (const button of root().querySelectorAll('[data-testid="held-card"]')) (button as HTMLButtonElement).click();
    expect(opened).toEqual(['a1', 'a2']);
    // The footer keeps its one button, "sync now", and its "pending N".
    expect(root().querySelectorAll('[data-testid="sync-state"] button')).toHaveLength(1);
    expect(root().querySelector('[data-testid="sync-state"]')?.textContent).toContain('2 change(s) waiting to sync');

    render(<SyncStatus {...props} locale="zh-CN" held={held} onOpenCard={noop} />, root());
    expect(lines()).toEqual(['恒泰：撞单，需要您决定', '一张剪藏的客户卡：等待查重']);
  });

  it('shows a hostile card name as text, and nothing when no card is held', () => {
    const hostile = '<img src=x onerror="alert(1)">';
    const props = { state: pending, pending: 1, locale: 'en' as const, onSyncNow: noop, onSignIn: noop };
    render(
      <SyncStatus
        {...props}
        onDiscard={noop}
        held={[{ accountId: 'a1', name: hostile, reason: 'checking' }]}
        onOpenCard={noop}
      />,
      root(),
    );
    expect(root().querySelector('img')).toBeNull();
    expect(lines()).toEqual([`${hostile}: waiting for the duplicate check`]);
    render(<SyncStatus {...props} onDiscard={noop} held={[]} onOpenCard={noop} />, root());
    expect(root().querySelector('[data-testid="sync-held"]')).toBeNull();
  });
});

import { parseHTML } from 'linkedom';
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Clash, clashes, clashOf, rememberPendingCheck, settlePendingCheck } from '../clip/pending-check';
import { saveClip } from '../clip/save-clip';
import { storedRecord } from '../store/local-change';
import { newAccountFields } from '../store/new-records';
import { openTestDb, testEnv } from '../store/test-db';
import { CardView } from './CardView';
import { CardClash, ClashBanner } from './ClashBanner';

const HOSTILE = '<img src=x onerror="alert(1)">';
const g = globalThis as unknown as { document?: Document };
let saved: Document | undefined;
beforeEach(() => {
  saved = g.document;
  g.document = parseHTML('<!doctype html><html><body><div id="app"></div></body></html>').document;
});
afterEach(() => {
  g.document = saved;
});

const clash = (overrides: Partial<Clash> = {}): Clash => ({
  accountId: '01935240-5400-7000-8000-000000000001',
  at: '2026-11-22T09:00:00.000Z',
  by: 'li',
  url: 'https://www.hengtai-tech.cn/',
  name: '张伟',
  org: null,
  emails: [],
  phones: [],
  website: null,
  queries: [],
  owner: '张伟',
  until: '2026-12-20T00:00:00.000Z',
  ...overrides,
});
const root = () => g.document?.getElementById('app') as unknown as Element;

describe('ClashBanner', () => {
  it('names the owner and the day, in both languages, and calls each action', () => {
    const calls: string[] = [];
    const props = { onRemove: () => calls.push('remove'), onKeep: () => calls.push('keep') };
    render(<ClashBanner clash={clash()} locale="zh-CN" {...props} />, root());
    expect(root().querySelector('[data-testid="clash-text"]')?.textContent).toBe(
      '张伟 保护此客户至 12-20：您的卡片与其重复。',
    );
    (root().querySelector('[data-testid="clash-remove"]') as HTMLButtonElement).click();
    (root().querySelector('[data-testid="clash-keep"]') as HTMLButtonElement).click();
    expect(calls).toEqual(['remove', 'keep']);
    render(<ClashBanner clash={clash({ owner: null, until: null })} locale="en" {...props} />, root());
    expect(root().querySelector('[data-testid="clash-text"]')?.textContent).toBe(
      'A colleague protects this customer: your card duplicates theirs.',
    );
    expect(root().querySelector('[data-testid="clash-remove"]')?.textContent).toBe(
      'Record my interest and remove my copy',
    );
  });

  it('shows a hostile owner name as text, never HTML', () => {
    render(<ClashBanner clash={clash({ owner: HOSTILE })} locale="en" onRemove={() => {}} onKeep={() => {}} />, root());
    expect(root().querySelector('img')).toBeNull();
    expect(root().textContent).toContain(HOSTILE);
  });

  it('appears on the card only when the card has a clash', () => {
    const account = storedRecord(
      'account',
      clash().accountId,
      newAccountFields({ name: '恒泰' }),
      '2026-11-22T00:00:00Z',
    );
    const card = {
      account,
      contacts: [],
      activities: [],
      opportunities: [],
      complaints: [],
      surveys: [],
      nextMeeting: null,
    };
    render(<CardView card={card} locale="en" me="li" />, root());
    expect(root().querySelector('[data-testid="clash-banner"]')).toBeNull();
    render(
      <CardView card={card} locale="en" me="li" clash={{ clash: clash(), onRemove: () => {}, onKeep: () => {} }} />,
      root(),
    );
    expect(root().querySelector('[data-testid="clash-banner"]')).not.toBeNull();
  });
});

const until = async (check: () => boolean | Promise<boolean>) => {
  for (let i = 0; i < 200 && !(await check()); i++) await new Promise((r) => setTimeout(r, 5));
};

describe('CardClash', () => {
  it('shows the stored clash and "remove my copy" deletes the card through the store', async () => {
    const db = openTestDb(`card-clash-${Math.random()}`);
    const env = testEnv();
    const candidate = {
      name: '张伟',
      title: null,
      org: '恒泰',
      emails: ['zw@hengtai-tech.cn'],
      phones: [],
      website: null,
      address: null,
      kind: 'person' as const,
      evidence: {},
    };
    const saved = await saveClip(db, env, {
      candidate,
      extras: { tags: [], source: 'web', buyingRole: null },
      choices: {},
      url: 'https://hengtai-tech.cn/',
      title: 'x',
      by: 'li',
      check: { state: 'offline' },
    });
    await db.transaction('rw', db.meta, () =>
      rememberPendingCheck(db, env, {
        accountId: saved.accountId,
        candidate,
        url: 'https://hengtai-tech.cn/',
        by: 'li',
      }),
    );
    render(<CardClash db={db} env={env} accountId={saved.accountId} locale="en" />, root());
    await new Promise((r) => setTimeout(r, 30));
    expect(root().querySelector('[data-testid="clash-banner"]')).toBeNull();
    render(null, root());
    await settlePendingCheck(db, saved.accountId, { owner: '王芳', until: '2026-12-20' });
    render(<CardClash db={db} env={env} accountId={saved.accountId} locale="en" />, root());
    await until(() => root().querySelector('[data-testid="clash-banner"]') !== null);
    expect(root().querySelector('[data-testid="clash-text"]')?.textContent).toBe(
      '王芳 protects this customer until 12-20: your card duplicates theirs.',
    );
    (root().querySelector('[data-testid="clash-remove"]') as HTMLButtonElement).click();
    await until(async () => (await db.accounts.get(saved.accountId)) === undefined);
    expect(await db.accounts.get(saved.accountId)).toBeUndefined();
    // Held back from the push since it was clipped, the copy leaves with its queued changes (no tombstones).
    expect(await db.outbox.count()).toBe(0);
    expect(await clashes(db)).toEqual([]);
    await until(() => root().querySelector('[data-testid="clash-banner"]') === null);
    expect(root().querySelector('[data-testid="clash-banner"]')).toBeNull();
    render(null, root());
    db.close();
  });

  // H11: the popup is already open on the card when the background's sync finds the clash.
  it('appears on the open card as soon as the check finds the clash, and goes when the rep keeps the card', async () => {
    const db = openTestDb(`card-clash-live-${Math.random()}`);
    const env = testEnv();
    const accountId = clash().accountId;
    const candidate = {
      name: '恒泰',
      title: null,
      org: null,
      emails: ['sales@hengtai-tech.cn'],
      phones: [],
      website: null,
      address: null,
      kind: 'organisation' as const,
      evidence: {},
    };
    await db.transaction('rw', db.meta, () =>
      rememberPendingCheck(db, env, { accountId, candidate, url: 'https://hengtai-tech.cn/', by: 'li' }),
    );
    // act() runs the card's effect now, so its first read (no clash yet) starts before the check settles; a
    // read of our own after it answers after it (the store answers in order).
    act(() => render(<CardClash db={db} env={env} accountId={accountId} locale="zh-CN" />, root()));
    expect(await clashOf(db, accountId)).toBeNull();
    // Another write to the store first: the banner must not appear for a change that is not this card's clash.
    await settlePendingCheck(db, 'another-card', { owner: 'wang', until: null });
    expect(await clashOf(db, accountId)).toBeNull();
    expect(root().querySelector('[data-testid="clash-banner"]')).toBeNull();

    // The sync settles this card's check as a clash; the card is not rendered again.
    await settlePendingCheck(db, accountId, { owner: '王芳', until: '2026-12-20' });
    await until(() => root().querySelector('[data-testid="clash-banner"]') !== null);
    expect(root().querySelector('[data-testid="clash-text"]')?.textContent).toBe(
      '王芳 保护此客户至 12-20：您的卡片与其重复。',
    );

    (root().querySelector('[data-testid="clash-keep"]') as HTMLButtonElement).click();
    await until(() => root().querySelector('[data-testid="clash-banner"]') === null);
    expect(root().querySelector('[data-testid="clash-banner"]')).toBeNull();
    expect(await clashes(db)).toEqual([]);
    render(null, root());
    db.close();
  });
});

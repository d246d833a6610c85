import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newOpportunityFields } from '../../extension/store/card-records';
import { makeAccount } from '../factories/entities';
import { addUser, deviceToken } from '../support/users';
import { OptionsPage, PopupPage } from './support/pages';
import { openProfile, type Profile } from './support/profile';
import { freePort, serveOnPort } from './support/servers';

const ACCOUNT = '0196a000-0000-7000-8000-0000000000e1';
const OPPORTUNITY = '0196a000-0000-7000-8000-0000000000e2';
const hlc = (i: number) => `${String(Date.parse('2026-11-22T09:00:00Z') + i).padStart(15, '0')}:00000:li`;

/**
 * The popup learns the signed-in user's role at sign-in: a manager overrides a skipped key node (DESIGN §6) through
 * the server, which records the reason; offline the manager is told so and nothing is queued; a rep keeps the refusal.
 */
describe('a manager’s stage-gate override from the popup, against the real server', () => {
  let server: { url: string; stop: () => Promise<void> } | null = null;
  let base = '';
  const token = (name: string, password: string) => deviceToken(base, name, password);

  beforeAll(async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'leadcard-override-'));
    addUser(dataDir, 'li', 'rep', 'east', 'li-password-1');
    addUser(dataDir, 'boss', 'manager', 'east', 'boss-password-1');
    server = await serveOnPort(dataDir, await freePort());
    base = server.url;
    // Li's customer with an opportunity still in development: no key node recorded yet.
    const res = await fetch(`${base}/api/v1/sync/push`, {
      method: 'POST',
      headers: { authorization: `Bearer ${await token('li', 'li-password-1')}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        clientId: '0196a000-0000-7000-8000-0000000000c9',
        mutations: [
          {
            seq: 1,
            hlc: hlc(0),
            entity: 'account',
            id: ACCOUNT,
            op: 'upsert',
            fields: makeAccount({ name: '苏州金鸡湖精密机械有限公司', domains: [] }),
          },
          {
            seq: 2,
            hlc: hlc(1),
            entity: 'opportunity',
            id: OPPORTUNITY,
            op: 'upsert',
            fields: newOpportunityFields({ accountId: ACCOUNT, name: '数控车间改造', amount: 1200000 }),
          },
        ],
      }),
    });
    expect(res.status).toBe(200);
  }, 90_000);
  afterAll(async () => {
    await server?.stop();
  });

  async function openOpportunity(profile: Profile, name: string, password: string, role: string) {
    const options = await OptionsPage.open(profile);
    await options.signIn(base.replace('http://', ''), name, password);
    // The sign-in kept the role the server answered…
    expect(await storedSession(profile)).toMatchObject({ name, role, team: 'east' });
    // …and a session kept before roles were learnt (no role) learns it when the popup opens.
    await profile.worker.evaluate(async () => {
      const api = (globalThis as unknown as { chrome: ChromeStorage }).chrome;
      const { 'leadcard.session': kept } = await api.storage.local.get('leadcard.session');
      const { role: _role, team: _team, ...withoutRole } = kept as Record<string, unknown>;
      await api.storage.local.set({ 'leadcard.session': withoutRole });
    });
    const popup = await PopupPage.open(profile);
    await expect.poll(() => popup.syncStatus(), { timeout: 20_000 }).toBe('synced');
    await popup.search('金鸡湖');
    await popup.openResult('苏州金鸡湖精密机械有限公司');
    const opportunity = popup.page.getByTestId('opportunity');
    await opportunity.waitFor();
    await expect.poll(async () => ((await storedSession(profile)) as { role?: string }).role).toBe(role);
    return { popup, opportunity };
  }

  it('a rep signed in sees the refusal naming the missing key nodes, and no override', async () => {
    const profile = await openProfile({ locale: 'en-US' });
    try {
      const { opportunity } = await openOpportunity(profile, 'li', 'li-password-1', 'rep');
      await opportunity.locator('select[name=to]').selectOption('proposal');
      await opportunity.locator('[data-testid=move-stage] button[type=submit]').click();
      await expect
        .poll(() => opportunity.getByTestId('move-refused').textContent())
        .toBe(
          'Moving to Proposal skips a key node: accurate project information, pre-sales project approved. ' +
            'Only a manager can override a skipped key node.',
        );
      expect(await opportunity.getByTestId('override').count()).toBe(0);
    } finally {
      await profile.close();
    }
  }, 120_000);

  it('a manager overrides with a required reason through the server; offline nothing is queued', async () => {
    const profile = await openProfile({ locale: 'zh-CN' });
    try {
      const { popup, opportunity } = await openOpportunity(profile, 'boss', 'boss-password-1', 'manager');
      const page = popup.page;
      await opportunity.locator('select[name=to]').selectOption('proposal');
      await opportunity.locator('[data-testid=move-stage] button[type=submit]').click();
      // The refusal names the gates; a manager is offered the override instead of "only a manager can".
      await expect
        .poll(() => opportunity.getByTestId('move-refused').textContent())
        .toBe('推进到提案跳过了关键节点：准确的项目信息、售前立项获批');

      // No reason, no override.
      await opportunity.getByTestId('override').click();
      await expect.poll(() => opportunity.getByTestId('move-refused').textContent()).toBe('越过关键节点需要填写理由');

      await opportunity.locator('input[name=overrideReason]').fill('客户总经理已口头确认立项');
      await opportunity.getByTestId('override').click();
      await expect
        .poll(() => opportunity.locator('[role=status]').textContent())
        .toBe('已由经理越过并移至提案，原因已记在卡片上。');
      // The server's move comes back by the pull: the card shows the new stage.
      await expect
        .poll(() => opportunity.getByTestId('opportunity-stage').textContent(), { timeout: 20_000 })
        .toContain('提案');

      // The server recorded the override with its reason and who gave it.
      const pulled = (await (
        await fetch(`${base}/api/v1/sync/pull?since=0`, {
          headers: { authorization: `Bearer ${await token('li', 'li-password-1')}` },
        })
      ).json()) as { changes: { id: string; fields: Record<string, unknown> }[] };
      const fields = pulled.changes.find((c) => c.id === OPPORTUNITY)?.fields;
      expect(fields?.stage).toBe('proposal');
      expect(fields?.stageOverride).toMatchObject({ by: 'boss', reason: '客户总经理已口头确认立项' });

      // Offline: the override is the server's decision, so the manager is told and nothing waits in the outbox.
      await server?.stop();
      server = null;
      const queuedBefore = await outboxCount(page);
      await opportunity.locator('select[name=to]').selectOption('negotiation');
      await opportunity.locator('[data-testid=move-stage] button[type=submit]').click();
      await opportunity.locator('input[name=overrideReason]').fill('招标已免');
      await opportunity.getByTestId('override').click();
      await expect
        .poll(() => opportunity.getByTestId('move-refused').textContent())
        .toBe('无法连接服务器。经理越过须由服务器裁定，因此没有排队：请联网后重试。');
      expect(await opportunity.getByTestId('opportunity-stage').textContent()).toContain('提案');
      expect(await outboxCount(page)).toBe(queuedBefore);
    } finally {
      await profile.close();
    }
  }, 120_000);
});

type ChromeStorage = {
  storage: { local: { get: (key: string) => Promise<Record<string, unknown>>; set: (items: object) => Promise<void> } };
};

/** The sign-in the extension keeps in `chrome.storage.local`, read in its service worker. */
function storedSession(profile: Profile): Promise<unknown> {
  return profile.worker.evaluate(async () => {
    const api = (globalThis as unknown as { chrome: ChromeStorage }).chrome;
    return (await api.storage.local.get('leadcard.session'))['leadcard.session'];
  });
}

function outboxCount(page: import('playwright-core').Page): Promise<number> {
  return page.evaluate(
    () =>
      new Promise<number>((resolve, reject) => {
        const open = indexedDB.open('leadcard');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const count = open.result.transaction('outbox').objectStore('outbox').count();
          count.onsuccess = () => {
            resolve(count.result);
            open.result.close();
          };
        };
      }),
  );
}

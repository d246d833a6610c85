import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeAccount } from '../factories/entities';
import { addUser, deviceToken } from '../support/users';
import { OptionsPage, PopupPage } from './support/pages';
import { openProfile, type Profile } from './support/profile';
import { freePort, serveOnPort } from './support/servers';

/** Opportunities with the stage gate check, complaints and surveys on the popup's card, offline (no server). */
describe('the card’s opportunities, complaints and surveys in real Chromium', () => {
  let profile: Profile;
  beforeAll(async () => {
    profile = await openProfile({ locale: 'en-US' });
  }, 60_000);
  afterAll(async () => {
    await profile?.close();
  });

  it('creates an opportunity, refuses a gate skip naming the key nodes, moves once a gate is met; logs a complaint', async () => {
    const popup = await PopupPage.open(profile);
    await popup.createCard({ name: '宁波东海模具有限公司' });
    const page = popup.page;
    expect(await page.getByTestId('ownership').getAttribute('data-status')).toBe('unsynced');

    const create = page.getByTestId('new-opportunity');
    await create.locator('input[name=name]').fill('二期模具项目');
    await create.locator('input[name=amount]').fill('800000');
    await create.locator('button[type=submit]').click();
    const opportunity = page.getByTestId('opportunity');
    await expect
      .poll(() => opportunity.getByTestId('opportunity-stage').textContent())
      .toBe('Development · CN¥800,000.00');

    // Skipping from development to proposal passes two key nodes nobody has recorded: refused, and a rep cannot override.
    await opportunity.locator('select[name=to]').selectOption('proposal');
    await opportunity.locator('[data-testid=move-stage] button[type=submit]').click();
    await expect
      .poll(() => opportunity.getByTestId('move-refused').textContent())
      .toBe(
        'Moving to Proposal skips a key node: accurate project information, pre-sales project approved. ' +
          'Only a manager can override a skipped key node.',
      );
    expect(await opportunity.getByTestId('override').count()).toBe(0);
    expect(await opportunity.getByTestId('opportunity-stage').textContent()).toContain('Development');

    // Lost needs a reason.
    await opportunity.locator('select[name=to]').selectOption('lost');
    await opportunity.locator('[data-testid=move-stage] button[type=submit]').click();
    await expect
      .poll(() => opportunity.getByTestId('move-refused').textContent())
      .toBe('Give a reason why the opportunity was lost');

    // With the first key node recorded, the next stage is open.
    await opportunity.locator('summary').click();
    await opportunity.locator('input[name=gate-projectInfo]').check();
    await expect.poll(() => opportunity.locator('input[name=gate-projectInfo]').isChecked()).toBe(true);
    await opportunity.locator('select[name=to]').selectOption('initiation');
    await opportunity.locator('[data-testid=move-stage] button[type=submit]').click();
    await expect
      .poll(() => opportunity.getByTestId('opportunity-stage').textContent())
      .toBe('Initiation · CN¥800,000.00');

    const complaint = page.getByTestId('complaint-form');
    await complaint.locator('select[name=category]').selectOption('service-attitude');
    await complaint.locator('input[name=channel]').fill('phone');
    await complaint.locator('textarea[name=summary]').fill('交货延误两周，客服未回电');
    await complaint.locator('button[type=submit]').click();
    await expect
      .poll(() => page.getByTestId('complaints').textContent())
      .toBe('Service attitude · phone · recorded交货延误两周，客服未回电');

    const survey = page.getByTestId('survey-form');
    await survey.locator('select[name=satisfaction]').selectOption('2');
    await survey.locator('select[name=repeat]').selectOption('low');
    await survey.locator('select[name=referral]').selectOption('unlikely');
    await survey.locator('button[type=submit]').click();
    await expect
      .poll(() => page.getByTestId('surveys').textContent())
      .toBe('satisfaction 2/5 · repeat low (<30%) · referral unlikely');

    // Every change is queued for the server: card, opportunity, gate, stage, complaint, survey.
    const queued = () =>
      page.evaluate(
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
    await expect.poll(queued).toBe(6);
  }, 120_000);
});

/** Ownership on the card and claiming from the public pool (公海) through the real server on 127.0.0.1. */
describe('claiming a pool account from the popup', () => {
  let profile: Profile;
  let server: { url: string; stop: () => Promise<void> } | null = null;
  let base = '';
  const ids = ['0196a000-0000-7000-8000-000000000001', '0196a000-0000-7000-8000-000000000002'];
  const call = async (token: string, method: string, path: string, body?: unknown) => {
    const res = await fetch(`${base}${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    expect(res.status, `${method} ${path}`).toBe(200);
    return res.json();
  };
  const token = (name: string, password: string) => deviceToken(base, name, password);

  beforeAll(async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'leadcard-claim-'));
    addUser(dataDir, 'li', 'rep', 'east', 'li-password-1');
    addUser(dataDir, 'wang', 'rep', 'east', 'wang-password-1');
    addUser(dataDir, 'boss', 'manager', 'east', 'boss-password-1');
    server = await serveOnPort(dataDir, await freePort());
    base = server.url;
    // Li's two leads, released by the manager into the team's pool.
    const li = await token('li', 'li-password-1');
    await call(li, 'POST', '/api/v1/sync/push', {
      clientId: '0196a000-0000-7000-8000-0000000000c1',
      mutations: ids.map((id, i) => ({
        seq: i + 1,
        hlc: `${String(Date.parse('2026-11-22T09:00:00Z') + i).padStart(15, '0')}:00000:li`,
        entity: 'account',
        id,
        op: 'upsert',
        fields: makeAccount({ name: i === 0 ? '常州天宁轴承有限公司' : '常州武进电机有限公司', domains: [] }),
      })),
    });
    const boss = await token('boss', 'boss-password-1');
    for (const id of ids) await call(boss, 'POST', `/api/v1/accounts/${id}/release`, { reason: '李离职' });
    profile = await openProfile({ locale: 'en-US' });
  }, 90_000);
  afterAll(async () => {
    await profile?.close();
    await server?.stop();
  });

  it('shows the pool, claims with the device token, and says a claim needs the server when it is away', async () => {
    const options = await OptionsPage.open(profile);
    await options.signIn(base.replace('http://', ''), 'wang', 'wang-password-1');
    const popup = await PopupPage.open(profile);
    await expect.poll(() => popup.syncStatus(), { timeout: 20_000 }).toBe('synced');
    await popup.search('天宁');
    await popup.openResult('常州天宁轴承有限公司');
    const ownership = popup.page.getByTestId('ownership');
    await expect.poll(() => ownership.getAttribute('data-status')).toBe('pool');
    expect(await ownership.locator('span').first().textContent()).toBe('In the public pool');
    await popup.page.getByTestId('claim').click();
    await expect.poll(() => popup.page.getByTestId('claim-message').textContent()).toBe('Claimed: the card is yours.');
    await expect.poll(() => ownership.getAttribute('data-status'), { timeout: 20_000 }).toBe('yours');

    await server?.stop();
    server = null;
    await popup.page.getByTestId('back').click();
    await popup.search('武进');
    await popup.openResult('常州武进电机有限公司');
    await popup.page.getByTestId('claim').click();
    await expect
      .poll(() => popup.page.getByTestId('claim-message').textContent())
      .toBe('Claiming needs the server; it cannot be reached now.');
  }, 120_000);
});

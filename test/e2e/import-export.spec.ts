import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PopupPage } from './support/pages';
import { openProfile, type Profile } from './support/profile';

// A customer list as reps keep it in Excel: Chinese headers, a second contact of one company, one broken row.
const CSV = [
  '\uFEFF公司名称,联系人,职位,手机,邮箱,网址',
  '深圳市腾达科技有限公司,张三,采购经理,138 0013 8000,ZhangSan@tengda.com.cn,https://www.tengda.com.cn',
  '深圳市腾达科技有限公司,李四,技术总监,13900139000,lisi@tengda.com.cn,',
  '杭州云栖网络有限公司,王五,CEO,0571-8888 6666 转 801,wangwu@yunqi.cn,yunqi.cn',
  '坏数据公司,赵六,,,not-an-email,',
].join('\r\n');

/** Import and export on the options page, in Debian's Chromium with the built extension; no server needed. */
describe('import and export on the options page', () => {
  let profile: Profile;
  beforeAll(async () => {
    profile = await openProfile({ locale: 'en-US' });
  }, 60_000);
  afterAll(async () => {
    await profile?.close();
  });

  it('previews a CSV (new, merge, invalid with its line), imports it, finds the card, exports JSON', async () => {
    const options = await profile.page('options.html');
    const chooseFile = () =>
      options.getByTestId('import-file').setInputFiles({
        name: 'customers.csv',
        mimeType: 'text/csv',
        buffer: Buffer.from(CSV, 'utf8'),
      });
    await chooseFile();
    await expect
      .poll(() => options.getByTestId('import-counts').textContent())
      .toBe('customers.csv: 2 new, 1 to merge, 1 invalid');
    expect(await options.getByTestId('import-row-invalid').textContent()).toBe(
      'line 5 — invalid: emails.0: must be an email address',
    );
    expect(await options.getByTestId('import-row-merge').textContent()).toContain('line 3');

    // Nothing is written before the rep says so.
    const before = await PopupPage.open(profile);
    await before.search('云栖');
    await expect.poll(() => before.page.locator('p.hint', { hasText: '云栖' }).count()).toBe(1);
    expect(await before.resultNames()).toEqual([]);
    await before.page.close();

    await options.getByTestId('import-run').click();
    await expect
      .poll(() => options.getByTestId('transfer-message').textContent())
      .toContain('Imported 2 new cards, merged 1, unchanged 0');

    const popup = await PopupPage.open(profile);
    await popup.search('云栖');
    await expect.poll(() => popup.resultNames()).toEqual(['杭州云栖网络有限公司']);
    await popup.search('lisi@tengda.com.cn');
    await expect.poll(() => popup.resultNames()).toEqual(['深圳市腾达科技有限公司']);
    await popup.page.close();

    // A second import of the same file merges into the cards it made instead of duplicating them.
    await chooseFile();
    await expect
      .poll(() => options.getByTestId('import-counts').textContent())
      .toBe('customers.csv: 0 new, 3 to merge, 1 invalid');
    await options.getByTestId('import-run').click();
    await expect.poll(() => options.getByTestId('transfer-message').textContent()).toContain('unchanged 3');

    const [download] = await Promise.all([
      options.waitForEvent('download'),
      options.getByTestId('export-json').click(),
    ]);
    expect(download.suggestedFilename()).toBe('leadcard-export.json');
    const dump = JSON.parse(readFileSync(await download.path(), 'utf8')) as {
      accounts: { name: string; domains: string[]; contacts: { name: string; phones: string[] }[] }[];
    };
    expect(dump.accounts.map((a) => a.name).sort()).toEqual(['杭州云栖网络有限公司', '深圳市腾达科技有限公司']);
    const tengda = dump.accounts.find((a) => a.name === '深圳市腾达科技有限公司');
    expect(tengda?.domains).toEqual(['tengda.com.cn']);
    expect(tengda?.contacts.map((c) => c.name).sort()).toEqual(['张三', '李四']);
    const yunqi = dump.accounts.find((a) => a.name === '杭州云栖网络有限公司');
    expect(yunqi?.contacts[0]?.phones).toEqual(['+8657188886666;ext=801']);

    const [csv] = await Promise.all([options.waitForEvent('download'), options.getByTestId('export-csv').click()]);
    const lines = readFileSync(await csv.path(), 'utf8')
      .split('\n')
      .filter(Boolean);
    expect(lines).toHaveLength(4); // header + 3 contacts
  }, 120_000);
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LeadcardDb } from './db';
import { saveLocal } from './local-change';
import { findByDomain, findByEmail, searchCards } from './lookup';
import { newAccountFields, newContactFields } from './new-records';
import { openTestDb, testEnv } from './test-db';

let db: LeadcardDb;
const ids: Record<string, string> = {};

beforeAll(async () => {
  db = openTestDb();
  const env = testEnv();
  const add = async (key: string, fields: Parameters<typeof newAccountFields>[0]) => {
    ids[key] = (await saveLocal(db, env, 'account', null, newAccountFields(fields))).id;
  };
  await add('tengda', {
    name: '深圳市腾达科技有限公司',
    domains: ['tengda.com.cn'],
    website: 'https://www.tengda.com.cn',
    phones: ['+8675588886666'],
  });
  await add('acme', { name: 'Acme Trading GmbH', website: 'https://shop.acme.de/en', phones: ['+4930123456;ext=12'] });
  await add('yunfan', { name: '杭州云帆网络科技有限公司', domains: ['yunfan.cn'] });
  await add('freemail', { name: 'Wang Consulting' });
  await saveLocal(
    db,
    env,
    'contact',
    null,
    newContactFields({
      accountId: ids.tengda!,
      name: '张三',
      emails: ['ZhangSan@tengda.com.cn'],
      phones: ['+8613800138000'],
    }),
  );
  await saveLocal(
    db,
    env,
    'contact',
    null,
    newContactFields({ accountId: ids.freemail!, name: '王五', emails: ['wangwu@qq.com'] }),
  );
});
afterAll(() => db.close());

describe('searchCards', () => {
  it.each([
    ['by email, any case', 'zhangsan@TENGDA.com.cn', 'tengda'],
    ['by a colleague’s address at the same company domain', 'lisi@tengda.com.cn', 'tengda'],
    ['by a free-mail address only through its contact', 'wangwu@qq.com', 'freemail'],
    ['by mobile, national format', '138 0013 8000', 'tengda'],
    ['by mobile, with +86 and dashes', '+86-138-0013-8000', 'tengda'],
    ['by landline with area code', '0755-8888 6666', 'tengda'],
    ['by landline with an extension', '(0755) 88886666 转 801', 'tengda'],
    ['by a German number without its extension', '+49 30 123456', 'acme'],
    ['by domain', 'tengda.com.cn', 'tengda'],
    ['by URL of a sub-site', 'https://shop.acme.de/products', 'acme'],
    ['by company in characters, mid-name', '腾达', 'tengda'],
    ['by company pinyin', 'tengda', 'tengda'],
    ['by company initials', 'hzyf', 'yunfan'],
    ['by contact name', '张三', 'tengda'],
    ['by contact pinyin', 'zhangsan', 'tengda'],
    ['by contact pinyin with a space', 'Zhang San', 'tengda'],
    ['by contact initials', 'zs', 'tengda'],
    ['by a Latin company word, any case', 'acme', 'acme'],
    ['by traditional characters', '騰達', 'tengda'],
    ['by full-width letters', 'ａｃｍｅ', 'acme'],
  ])('finds %s: %s', async (_, query, expected) => {
    const results = await searchCards(db, query);
    expect(results.map((r) => r.id)).toContain(ids[expected]);
  });

  it.each([['lisi@qq.com'], ['139 0000 0000'], ['nothing-here.com'], ['xyzq']])(
    'finds nothing for %s',
    async (query) => {
      expect(await searchCards(db, query)).toEqual([]);
    },
  );

  it('says through whom it matched', async () => {
    const [hit] = await searchCards(db, 'zs');
    expect(hit).toMatchObject({ id: ids.tengda, name: '深圳市腾达科技有限公司', matched: '张三' });
  });

  it('looks a tab’s URL up by its registrable domain (caller-ID)', async () => {
    expect((await findByDomain(db, 'http://www.tengda.com.cn:8080/about')).map((r) => r.id)).toEqual([ids.tengda]);
    expect(await findByDomain(db, 'http://127.0.0.1:3000/')).toEqual([]);
  });
});

describe('findByEmail', () => {
  it('answers with the contact’s card, and falls back to the company domain only when no contact has the address', async () => {
    const own = openTestDb('lookup-email-fallback');
    const env = testEnv();
    const tengda = (
      await saveLocal(own, env, 'account', null, newAccountFields({ name: '腾达', domains: ['tengda.com.cn'] }))
    ).id;
    const agency = (
      await saveLocal(own, env, 'account', null, newAccountFields({ name: 'Agency', domains: ['agency.example'] }))
    ).id;
    // A consultant who uses the customer's domain but is filed under the agency's card.
    await saveLocal(
      own,
      env,
      'contact',
      null,
      newContactFields({ accountId: agency, name: 'Consultant', emails: ['consult@tengda.com.cn'] }),
    );
    const ids = async (q: string) => (await findByEmail(own, q)).map((r) => r.id);
    expect(await ids('Consult@Tengda.com.cn')).toEqual([agency]);
    expect((await findByEmail(own, 'consult@tengda.com.cn'))[0]?.matched).toBe('Consultant');
    expect(await ids('lisi@mail.tengda.com.cn')).toEqual([tengda]);
    expect(await ids('someone@qq.com')).toEqual([]);
    expect(await ids('not an address')).toEqual([]);
    own.close();
  });
});

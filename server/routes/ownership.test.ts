import { describe, expect, it } from 'vitest';
import { makeAccount, makeContact, makeId } from '../../test/factories/entities';
import { hlcAt, type Json, makeTestApp, mutations, type TestApp } from '../../test/support/app';
import { INTERESTS_PER_HOUR } from './ownership';

const client = '0193a000-0000-7000-8000-0000000000c1';
const URL_ = 'https://www.tengda.com.cn/about/team';

/** Alice (rep, east) owns 腾达 with its buyer 张三. */
async function seed(t: TestApp) {
  const tengda = makeId();
  const zhang = makeId();
  const res = await t.push(
    'alice',
    client,
    mutations(1, [
      { hlc: hlcAt(1), entity: 'account', id: tengda, op: 'upsert', fields: makeAccount() },
      { hlc: hlcAt(2), entity: 'contact', id: zhang, op: 'upsert', fields: makeContact({ accountId: tengda }) },
    ]),
  );
  expect(res.status).toBe(200);
  return { tengda, zhang };
}

const interests = (changes: Json[], accountId: string) =>
  changes.filter((c) => c.entity === 'activity' && c.fields.accountId === accountId && c.fields.type === 'ownership');

describe('POST /api/v1/ownership/interest', () => {
  it.each([
    { by: 'email', body: { email: 'ZhangSan@tengda.com.cn' } },
    { by: 'phone in another format', body: { phone: '138 0013 8000' } },
    { by: 'domain', body: { domain: 'https://tengda.com.cn/contact' } },
    { by: 'company name without its legal suffix', body: { name: '深圳市腾达科技' } },
  ])('records a colleague’s interest found by $by on the owner’s card', async ({ body }) => {
    const t = await makeTestApp();
    const { tengda } = await seed(t);
    const res = await t.call('carol', 'POST', '/api/v1/ownership/interest', { ...body, url: URL_, note: '张三' });
    expect(res.status).toBe(200);
    // No more than the duplicate check says: status, owner, date — never the card's id or contents.
    expect(res.body).toEqual({ status: 'protected', owner: 'alice', until: expect.any(String), recorded: true });
    for (const viewer of ['alice', 'mia']) {
      const [activity, ...more] = interests(await t.pullAll(viewer), tengda);
      expect(more).toEqual([]);
      expect(activity.fields).toMatchObject({ by: 'carol', source: URL_, body: '张三', contactId: null });
      expect(activity.fields.summary).toContain('carol');
    }
  });

  it('the interested rep still cannot read the card, by pull, by id or by lookup', async () => {
    const t = await makeTestApp();
    const { tengda } = await seed(t);
    for (const rep of ['carol', 'dave'])
      expect(
        (await t.call(rep, 'POST', '/api/v1/ownership/interest', { email: 'zhangsan@tengda.com.cn' })).body,
      ).toMatchObject({ status: 'protected', recorded: true });
    for (const rep of ['carol', 'dave']) {
      const pulled = await t.pullAll(rep);
      expect(pulled.filter((c) => c.id === tengda || c.fields.accountId === tengda)).toEqual([]);
      expect((await t.call(rep, 'GET', `/api/v1/accounts/${tengda}`)).status).toBe(404);
      expect((await t.call(rep, 'GET', '/api/v1/lookup?email=zhangsan@tengda.com.cn')).body.cards).toEqual([]);
    }
    // The other team's manager learns nothing either; the owner's manager sees both interests.
    expect(interests(await t.pullAll('wendy'), tengda)).toEqual([]);
    expect(
      interests(await t.pullAll('mia'), tengda)
        .map((a) => a.fields.by)
        .sort(),
    ).toEqual(['carol', 'dave']);
  });

  it.each([
    { who: 'nobody’s customer', name: 'carol', body: { email: 'someone@unknown-corp.cn' }, status: 'free' },
    { who: 'the rep’s own card', name: 'alice', body: { email: 'zhangsan@tengda.com.cn' }, status: 'yours' },
  ])('records nothing for $who', async ({ name, body, status }) => {
    const t = await makeTestApp();
    const { tengda } = await seed(t);
    const before = await t.pullAll('admin');
    const res = await t.call(name, 'POST', '/api/v1/ownership/interest', body);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status, recorded: false });
    expect(interests(await t.pullAll('admin'), tengda)).toEqual([]);
    expect((await t.pullAll('admin')).length).toBe(before.length);
  });

  it.each([
    { body: {}, field: 'email' },
    { body: { url: URL_ }, field: 'email' },
    { body: { email: 'not an address' }, field: 'email' },
    { body: { phone: 'call me' }, field: 'phone' },
    { body: { email: 'zhangsan@tengda.com.cn', note: 5 }, field: 'note' },
    { body: { email: 'zhangsan@tengda.com.cn', url: 'x'.repeat(2049) }, field: 'url' },
    // An unknown key is named as the field (zod reports it on the body itself).
    { body: { email: 'zhangsan@tengda.com.cn', accountId: makeId() }, field: 'accountId', names: 'accountId' },
    { body: '{"email":', field: null },
  ])('answers 400 naming the field $field for $body', async ({ body, field, names }) => {
    const t = await makeTestApp();
    await seed(t);
    const res = await t.call('carol', 'POST', '/api/v1/ownership/interest', body);
    expect(res.status).toBe(400);
    expect(res.body.error.field).toBe(field);
    if (names) expect(res.body.error.message).toContain(names);
    expect(interests(await t.pullAll('admin'), makeId())).toEqual([]);
  });

  it('a resend of the same interest (its answer was lost) records it once; the next day counts again', async () => {
    const t = await makeTestApp();
    const { tengda } = await seed(t);
    const body = { email: 'zhangsan@tengda.com.cn', url: URL_ };
    for (let i = 0; i < 3; i++)
      expect((await t.call('carol', 'POST', '/api/v1/ownership/interest', body)).body).toMatchObject({
        status: 'protected',
        recorded: true,
      });
    expect(interests(await t.pullAll('alice'), tengda)).toHaveLength(1);
    // Another page of the same customer is news for the owner; so is the same page a day later.
    await t.call('carol', 'POST', '/api/v1/ownership/interest', { ...body, url: `${URL_}?lang=en` });
    t.clock.advanceDays(1);
    await t.call('carol', 'POST', '/api/v1/ownership/interest', body);
    expect(interests(await t.pullAll('alice'), tengda)).toHaveLength(3);
  });

  it('needs a token', async () => {
    const t = await makeTestApp();
    expect((await t.call(null, 'POST', '/api/v1/ownership/interest', { email: 'a@b.cn' })).status).toBe(401);
  });

  it(`takes at most ${INTERESTS_PER_HOUR} an hour per rep, then 429 with Retry-After until the hour is over`, async () => {
    const t = await makeTestApp();
    const { tengda } = await seed(t);
    let page = 0;
    const send = (name: string) =>
      t.call(name, 'POST', '/api/v1/ownership/interest', {
        email: 'zhangsan@tengda.com.cn',
        url: `https://www.tengda.com.cn/news/${page++}`,
      });
    for (let i = 0; i < INTERESTS_PER_HOUR; i++) expect((await send('carol')).status).toBe(200);
    const refused = await send('carol');
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((await send('dave')).status).toBe(200); // per rep
    expect(interests(await t.pullAll('alice'), tengda)).toHaveLength(INTERESTS_PER_HOUR + 1);
    t.clock.now = new Date(t.clock.now.getTime() + 60 * 60_000);
    expect((await send('carol')).status).toBe(200);
  });
});

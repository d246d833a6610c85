import { beforeEach, describe, expect, it } from 'vitest';
import type { Candidate } from '../../shared/schema/candidate';
import { clipPlan } from '../store/clip-plan';
import type { LeadcardDb } from '../store/db';
import { saveLocal } from '../store/local-change';
import type { StoreEnv } from '../store/meta';
import { newAccountFields, newContactFields } from '../store/new-records';
import { openTestDb, testEnv } from '../store/test-db';
import type { ClipExtras } from './clip-draft';
import { clipInterests, recordInterest, saveClip } from './save-clip';

const URL_ = 'https://www.hengtai-tech.cn/contact.html';
const extras = (overrides: Partial<ClipExtras> = {}): ClipExtras => ({
  source: 'web',
  tags: [],
  buyingRole: null,
  ...overrides,
});
const person = (overrides: Partial<Candidate> = {}): Candidate => ({
  name: '张伟',
  title: '销售总监',
  org: '深圳恒泰科技有限公司',
  emails: ['zhangwei@hengtai-tech.cn'],
  phones: ['+8613800138000'],
  website: 'https://www.hengtai-tech.cn/',
  address: null,
  kind: 'person',
  evidence: { name: ['text'], title: ['text'], emails: ['mailto'] },
  ...overrides,
});

let db: LeadcardDb;
let env: StoreEnv;
let n = 0;
beforeEach(() => {
  db = openTestDb(`clip-${n++}`);
  env = testEnv();
});

/** 深圳恒泰科技 with 张伟 (经理) on file. */
async function knownCard() {
  const { id: accountId } = await saveLocal(
    db,
    env,
    'account',
    null,
    newAccountFields({ name: '深圳恒泰科技', domains: ['hengtai-tech.cn'], tags: ['华南'] }),
  );
  const { id: contactId } = await saveLocal(
    db,
    env,
    'contact',
    null,
    newContactFields({ accountId, name: '张伟', title: '经理', emails: ['zhangwei@hengtai-tech.cn'] }),
  );
  return { accountId, contactId };
}

describe('saveClip', () => {
  it('makes a new card: account, contact with role and provenance, capture activity, all queued', async () => {
    const saved = await saveClip(db, env, {
      candidate: person(),
      extras: extras({ source: 'trade-show', tags: ['展会'], buyingRole: 'decision-maker' }),
      choices: {},
      url: URL_,
      title: '联系我们 - 恒泰科技',
      by: 'li',
    });
    expect(saved.merged).toBe(false);
    expect((await db.accounts.get(saved.accountId))?.fields).toMatchObject({
      name: '深圳恒泰科技有限公司',
      kind: 'business',
      source: 'trade-show',
      tags: ['展会'],
      domains: ['hengtai-tech.cn'],
      website: 'https://www.hengtai-tech.cn/',
    });
    const contact = await db.contacts.get(saved.contactId!);
    expect(contact?.fields).toMatchObject({
      accountId: saved.accountId,
      name: '张伟',
      title: '销售总监',
      emails: ['zhangwei@hengtai-tech.cn'],
      phones: ['+8613800138000'],
      buyingRole: 'decision-maker',
      isPrimary: true,
    });
    expect((contact!.fields.provenance as Record<string, { source: string }>).emails).toMatchObject({
      source: URL_,
      part: 'mailto',
    });
    expect((await db.activities.get(saved.activityId))?.fields).toMatchObject({
      type: 'capture',
      source: URL_,
      by: 'li',
      summary: '联系我们 - 恒泰科技',
      accountId: saved.accountId,
      contactId: saved.contactId,
    });
    expect((await db.outbox.toArray()).map((m) => m.entity)).toEqual(['account', 'contact', 'activity']);
  });

  it('merges into the known card: adds what is new, keeps the card’s title unless the rep chose the clip’s', async () => {
    const { accountId, contactId } = await knownCard();
    const candidate = person({ emails: ['zhangwei@hengtai-tech.cn', 'zw@hengtai-tech.cn'] });
    const { plan } = await clipPlan(db, candidate);
    expect(plan.contact.find((c) => c.field === 'title')).toMatchObject({
      action: 'conflict',
      current: '经理',
      incoming: '销售总监',
    });

    const kept = await saveClip(db, env, {
      candidate,
      extras: extras({ tags: ['华南', '展会'] }),
      choices: {},
      url: URL_,
      title: '',
      by: 'li',
    });
    expect(kept).toMatchObject({ merged: true, accountId, contactId });
    expect((await db.contacts.get(contactId))?.fields).toMatchObject({
      title: '经理',
      emails: ['zhangwei@hengtai-tech.cn', 'zw@hengtai-tech.cn'],
    });
    // The account's own name differs too: kept, as the rep did not choose.
    expect((await db.accounts.get(accountId))?.fields).toMatchObject({ name: '深圳恒泰科技', tags: ['华南', '展会'] });
    expect(await db.contacts.count()).toBe(1);
    expect(await db.accounts.count()).toBe(1);

    await saveClip(db, env, {
      candidate,
      extras: extras(),
      choices: { 'contact.title': 'clip', 'account.name': 'card' },
      url: URL_,
      title: '',
      by: 'li',
    });
    expect((await db.contacts.get(contactId))?.fields.title).toBe('销售总监');
    expect((await db.accounts.get(accountId))?.fields.name).toBe('深圳恒泰科技');
    const captures = await db.activities.where('accountId').equals(accountId).toArray();
    expect(captures.map((a) => a.fields.type)).toEqual(['capture', 'capture']);
  });

  it('a person with no company is an individual customer', async () => {
    const saved = await saveClip(db, env, {
      candidate: person({ org: null, website: null, emails: ['zw@163.com'], phones: [] }),
      extras: extras(),
      choices: {},
      url: URL_,
      title: '',
      by: 'li',
    });
    expect((await db.accounts.get(saved.accountId))?.fields).toMatchObject({ name: '张伟', kind: 'individual' });
  });

  it('keeps a role mailbox as a contact named by its address, once', async () => {
    const role = person({
      name: null,
      title: null,
      kind: 'role-address',
      emails: ['sales@hengtai-tech.cn'],
      phones: [],
    });
    const first = await saveClip(db, env, {
      candidate: role,
      extras: extras(),
      choices: {},
      url: URL_,
      title: '',
      by: 'li',
    });
    const second = await saveClip(db, env, {
      candidate: role,
      extras: extras(),
      choices: {},
      url: URL_,
      title: '',
      by: 'li',
    });
    expect(second.contactId).toBe(first.contactId);
    expect((await db.contacts.get(first.contactId!))?.fields).toMatchObject({
      name: 'sales@hengtai-tech.cn',
      emails: ['sales@hengtai-tech.cn'],
    });
    expect(await db.accounts.count()).toBe(1);
  });

  it('an organisation form makes an account and no contact', async () => {
    const org: Candidate = {
      ...person(),
      name: '远航物流',
      title: null,
      org: '远航物流',
      emails: [],
      kind: 'organisation',
    };
    const saved = await saveClip(db, env, {
      candidate: org,
      extras: extras(),
      choices: {},
      url: URL_,
      title: '',
      by: 'li',
    });
    expect(saved.contactId).toBeNull();
    expect(await db.contacts.count()).toBe(0);
    expect((await db.accounts.get(saved.accountId))?.fields.name).toBe('远航物流');
  });
});

describe('recordInterest', () => {
  it('keeps the interest on this device until sync sends it: no card, nothing in the outbox', async () => {
    await recordInterest(db, env, {
      candidate: person(),
      owner: '王芳',
      until: '2026-12-20T00:00:00.000Z',
      url: URL_,
      by: 'li',
    });
    expect(await clipInterests(db)).toEqual([
      expect.objectContaining({ owner: '王芳', name: '张伟', org: '深圳恒泰科技有限公司', url: URL_, by: 'li' }),
    ]);
    expect(await db.accounts.count()).toBe(0);
    expect(await db.outbox.count()).toBe(0);
  });
});

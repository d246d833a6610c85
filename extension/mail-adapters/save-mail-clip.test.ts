import { readFileSync } from 'node:fs';
import { beforeEach, describe, expect, it } from 'vitest';
import { htmlDocument } from '../capture/html-document';
import { gmailMessage } from '../capture/mail/gmail-message';
import { parseEmail } from '../capture/mail/parsed-email';
import { parsedOpenMessage } from '../capture/mail/parsed-open-message';
import { clipPlan } from '../store/clip-plan';
import type { LeadcardDb } from '../store/db';
import { saveLocal } from '../store/local-change';
import type { StoreEnv } from '../store/meta';
import { newAccountFields, newContactFields } from '../store/new-records';
import { openTestDb, testEnv } from '../store/test-db';
import { mailCandidate } from './clip-form';
import { saveMailClip } from './save-mail-clip';

const fixture = (path: string) => new URL(`../../test/fixtures/${path}`, import.meta.url);
const gmailParsed = () =>
  parsedOpenMessage(gmailMessage(htmlDocument(readFileSync(fixture('mail/gmail-thread.html'), 'utf8')))!);

let db: LeadcardDb;
let env: StoreEnv;
let n = 0;
beforeEach(() => {
  db = openTestDb(`mail-clip-${n++}`);
  env = testEnv();
});

describe('saveMailClip', () => {
  it('makes a new card from an unknown sender: account from the signature, contact, email activity', async () => {
    const parsed = gmailParsed();
    const saved = await saveMailClip(db, env, {
      candidate: mailCandidate(parsed),
      parsed,
      source: 'gmail:18e2b7c8d9e0f1a2',
      by: 'li',
    });
    expect(saved.duplicate).toBe(false);
    const account = await db.accounts.get(saved.accountId);
    expect(account?.fields).toMatchObject({ name: '深圳市华兴科技有限公司', source: 'email', domains: ['huaxing.cn'] });
    const contact = await db.contacts.get(saved.contactId!);
    expect(contact?.fields).toMatchObject({
      name: '张伟',
      title: '采购经理',
      emails: ['zhangwei@huaxing.cn'],
      accountId: saved.accountId,
    });
    expect(contact?.fields.phones).toContain('+8613800138000');
    expect((contact!.fields.provenance as Record<string, { source: string }>).emails?.source).toBe(
      'gmail:18e2b7c8d9e0f1a2',
    );
    const activity = await db.activities.get(saved.activityId);
    expect(activity?.fields).toMatchObject({
      type: 'email',
      source: 'gmail:18e2b7c8d9e0f1a2',
      summary: 'Re: 报价 / Quote for 500 sensors',
      by: 'li',
      contactId: saved.contactId,
    });
    expect(activity?.fields.body).toContain('报价收到，我们下周安排样品测试。');
    expect(activity?.fields.body).not.toContain('Dear Mr. Zhang');
    // Written with their mutations: account, contact, activity queued for sync.
    expect((await db.outbox.toArray()).map((m) => m.entity)).toEqual(['account', 'contact', 'activity']);
  });

  it('does not duplicate the activity when the same message is clipped again', async () => {
    const parsed = gmailParsed();
    const input = { candidate: mailCandidate(parsed), parsed, source: 'gmail:18e2b7c8d9e0f1a2', by: 'li' };
    const first = await saveMailClip(db, env, input);
    const again = await saveMailClip(db, env, input);
    expect(again).toMatchObject({ duplicate: true, activityId: first.activityId, accountId: first.accountId });
    expect(await db.activities.count()).toBe(1);
    expect(await db.accounts.count()).toBe(1);
    expect(await db.contacts.count()).toBe(1);
    // A different message from the same sender is a second activity on the same card.
    const other = await saveMailClip(db, env, { ...input, source: 'gmail:18e2ffff00000001' });
    expect(other).toMatchObject({ duplicate: false, accountId: first.accountId, contactId: first.contactId });
    expect(await db.activities.count()).toBe(2);
  });

  it('merges into the known contact and fills only what the card lacks, keeping conflicting values', async () => {
    const { id: accountId } = await saveLocal(
      db,
      env,
      'account',
      null,
      newAccountFields({ name: '华兴科技', domains: ['huaxing.cn'] }),
    );
    const { id: contactId } = await saveLocal(
      db,
      env,
      'contact',
      null,
      newContactFields({ accountId, name: '张伟', title: '总经理', emails: ['zhangwei@huaxing.cn'] }),
    );
    const parsed = gmailParsed();
    const plan = await clipPlan(db, mailCandidate(parsed));
    expect(plan.match.contact).toMatchObject({ action: 'merge', match: { id: contactId } });
    expect(plan.plan.contact).toContainEqual(
      expect.objectContaining({ field: 'title', action: 'conflict', current: '总经理', incoming: '采购经理' }),
    );
    const saved = await saveMailClip(db, env, {
      candidate: mailCandidate(parsed),
      parsed,
      source: 'gmail:1',
      by: 'li',
    });
    expect(saved).toMatchObject({ accountId, contactId, duplicate: false });
    const contact = await db.contacts.get(contactId);
    expect(contact?.fields.title).toBe('总经理');
    expect(contact?.fields.phones).toContain('+8613800138000');
    expect(await db.accounts.count()).toBe(1);

    // The rep chooses the mail's title over the card's: only then is it replaced.
    await saveMailClip(db, env, {
      candidate: mailCandidate(parsed),
      parsed,
      source: 'gmail:1',
      by: 'li',
      takeFromMail: new Set(['contact.title']),
    });
    expect((await db.contacts.get(contactId))?.fields.title).toBe('采购经理');
    expect(await db.activities.count()).toBe(1);
  });

  it('files a free-mail sender with no signature company as an individual customer', async () => {
    const raw = new TextEncoder().encode(
      [
        'From: "Chen Jing" <chenjing88@qq.com>',
        'To: sales@ourcompany.example',
        'Subject: 询价',
        'Date: Tue, 12 Mar 2024 10:00:00 +0800',
        'Message-ID: <abc123@qq.com>',
        'Content-Type: text/plain; charset=utf-8',
        '',
        '请报价 200 台。',
        '',
      ].join('\r\n'),
    );
    const parsed = await parseEmail(raw);
    const saved = await saveMailClip(db, env, {
      candidate: mailCandidate(parsed),
      parsed,
      source: parsed.messageId,
      by: '',
    });
    const account = await db.accounts.get(saved.accountId);
    expect(account?.fields).toMatchObject({ name: 'Chen Jing', kind: 'individual', domains: [] });
    const activity = await db.activities.get(saved.activityId);
    expect(activity?.fields).toMatchObject({
      source: 'abc123@qq.com',
      at: '2024-03-12T02:00:00.000Z',
      direction: 'in',
    });
  });

  it('gives a mail recorded before directions were kept its direction when it is clipped again', async () => {
    const parsed = gmailParsed();
    const first = await saveMailClip(db, env, {
      candidate: mailCandidate(parsed),
      parsed,
      source: 'gmail:old',
      by: 'li',
    });
    // As an older version wrote it: no direction on the activity.
    const { direction: _, ...older } = (await db.activities.get(first.activityId))!.fields;
    await db.activities.update(first.activityId, { fields: older });
    expect((await db.activities.get(first.activityId))?.fields.direction).toBeUndefined();
    const again = await saveMailClip(db, env, {
      candidate: mailCandidate(parsed),
      parsed,
      source: 'gmail:old',
      by: 'li',
    });
    expect(again).toMatchObject({ duplicate: true, activityId: first.activityId });
    expect((await db.activities.get(first.activityId))?.fields.direction).toBe('in');
    expect(await db.activities.count()).toBe(1);
  });

  it('records the direction: the customer’s mail as received, the rep’s reply to them as sent', async () => {
    const mail = (from: string, to: string, id: string) =>
      parseEmail(
        new TextEncoder().encode(
          [
            `From: ${from}`,
            `To: ${to}`,
            'Subject: 样品测试 / sample test',
            'Date: Wed, 13 Mar 2024 09:00:00 +0800',
            `Message-ID: <${id}>`,
            'Content-Type: text/plain; charset=utf-8',
            '',
            '样品已寄出。',
            '',
          ].join('\r\n'),
        ),
      );
    const fromCustomer = await mail('"张伟" <zhangwei@huaxing.cn>', 'li.ming@ours.example', 'in-1@huaxing.cn');
    const first = await saveMailClip(db, env, {
      candidate: mailCandidate(fromCustomer),
      parsed: fromCustomer,
      source: fromCustomer.messageId,
      by: 'li',
    });
    expect((await db.activities.get(first.activityId))?.fields.direction).toBe('in');

    // The rep clips their own reply, the lead edited to the customer: From is the rep, To is the customer.
    const reply = await mail('"李明" <li.ming@ours.example>', '"张伟" <zhangwei@huaxing.cn>', 'out-1@ours.example');
    const sent = await saveMailClip(db, env, {
      candidate: { ...mailCandidate(fromCustomer), emails: ['zhangwei@huaxing.cn'] },
      parsed: reply,
      source: reply.messageId,
      by: 'li',
    });
    expect(sent.accountId).toBe(first.accountId);
    expect((await db.activities.get(sent.activityId))?.fields).toMatchObject({ direction: 'out', type: 'email' });

    // With the rep's own address known, even an unedited clip of a sent mail is recorded as sent.
    const known = await saveMailClip(db, env, {
      candidate: mailCandidate(reply),
      parsed: reply,
      source: 'out-2@ours.example',
      by: 'li',
      repAddresses: ['Li.Ming@ours.example'],
    });
    expect((await db.activities.get(known.activityId))?.fields.direction).toBe('out');
  });
});

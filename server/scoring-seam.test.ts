import { describe, expect, it } from 'vitest';
import { makeAccount, makeContact, makeId } from '../test/factories/entities';
import { hlcAt, makeTestApp, mutations } from '../test/support/app';
import { rescoreQueue, rescoreWith, scoreWithRules } from './scoring-seam';

const client = '0193a000-0000-7000-8000-0000000000e1';

describe('the scoring seam', () => {
  it('grades an account after a push, in the background, and the grades reach the card and the pull', async () => {
    const clock = () => new Date('2026-11-22T09:00:00.000Z');
    const t = await makeTestApp();
    const graded = rescoreQueue(rescoreWith(t.deps.storage, scoreWithRules(), clock));
    t.deps.rescore = graded.enqueue;
    const account = makeId();
    await t.push(
      'alice',
      client,
      mutations(1, [
        { hlc: hlcAt(1), entity: 'account', id: account, op: 'upsert', fields: makeAccount({ source: 'referral' }) },
        {
          hlc: hlcAt(2),
          entity: 'contact',
          id: makeId(),
          op: 'upsert',
          fields: makeContact({ accountId: account, title: '总经理' }),
        },
      ]),
    );
    await graded.idle();
    const card = await t.call('alice', 'GET', `/api/v1/accounts/${account}`);
    // 甲: aware, high match, 600k total with 120k matching (the textbook example).
    expect(card.body.grades).toMatchObject({ qualification: 'A', ruleVersion: 1, score: { band: expect.any(String) } });
    expect(card.body.grades.score.lines.length).toBeGreaterThan(0);
    const pulled = (await t.pullAll('alice')).find((c) => c.id === account);
    expect(pulled.fields.grades).toEqual(card.body.grades);
    // A replayed push changes nothing and writes no new version.
    const version = card.body.version;
    await t.call('alice', 'POST', '/api/v1/sync/push', { clientId: client, mutations: [] });
    await graded.enqueue(account);
    await graded.idle();
    expect((await t.call('alice', 'GET', `/api/v1/accounts/${account}`)).body.version).toBe(version);
  });

  it('grades a card that has only a name', () => {
    const score = scoreWithRules();
    const grades = score(
      {
        account: {
          id: makeId(),
          version: 1,
          deleted: false,
          fields: { name: 'x' },
          ownership: { owner: null, team: null, lockedOwner: false, ownerSince: null, lapsesAt: null, sharedWith: [] },
          grades: null,
          createdBy: 'u',
        },
        children: [],
      },
      new Date('2026-11-22T09:00:00.000Z'),
    );
    expect(grades).toMatchObject({ qualification: expect.toBeOneOf(['A', 'B', 'C', null]), ruleVersion: 1 });
  });

  it('keeps going after a failing rescore and reports it', async () => {
    const seen: string[] = [];
    const errors: string[] = [];
    const queue = rescoreQueue(
      async (id) => {
        if (id === 'bad') throw new Error('boom');
        seen.push(id);
      },
      (error) => errors.push(error.message),
    );
    await queue.enqueue('a');
    await queue.enqueue('bad');
    await queue.enqueue('a');
    await queue.enqueue('b');
    await queue.idle();
    // `a` was queued again while being graded (its card changed meanwhile), so it is graded again.
    expect(seen).toEqual(['a', 'a', 'b']);
    expect(errors).toEqual(['boom']);
  });
});

import { describe, expect, it } from 'vitest';
import { makeAccount, makeContact, makeId } from '../../test/factories/entities';
import { accountFields, contactFields, entityFields, opportunityFields } from './entities';
import { describeZodError } from './errors';
import { pullQuery } from './sync/pull';
import { pushRequest } from './sync/push';

const clientId = '6f1c1b7e-2a55-4d4a-9a57-1b1f3f6d2c11';
const hlc = '001732233600000:00000:dev1';

function firstError(schema: { safeParse: (v: unknown) => { success: boolean; error?: unknown } }, value: unknown) {
  const result = schema.safeParse(value);
  expect(result.success).toBe(false);
  return describeZodError(result.error as never);
}

describe('entity schemas', () => {
  it('accept a complete account and contact', () => {
    expect(accountFields.parse(makeAccount())).toBeTruthy();
    expect(contactFields.parse(makeContact())).toBeTruthy();
  });

  it.each([
    [{ status: 'prospect' }, 'status'],
    [{ kind: 'company' }, 'kind'],
    [{ name: 'x'.repeat(301) }, 'name'],
    [{ name: '   ' }, 'name'],
    [{ phones: ['138 0013 8000'] }, 'phones.0'],
    [{ domains: ['WWW.Example.COM'] }, 'domains.0'],
    [{ needs: { match: 'perfect' } }, 'needs.match'],
    [{ credit: { character: 6 } }, 'credit.character'],
    [{ employees: -3 }, 'employees'],
    [{ currency: 'yuan' }, 'currency'],
    [{ contract: { start: 'next monday' } }, 'contract.start'],
    [{ source: 'cold-call' }, 'source'],
  ])('account rejects %j naming %s', (override, field) => {
    const error = firstError(accountFields, makeAccount(override as never));
    expect(error.field).toBe(field);
    expect(error.message.startsWith(`${field}: `)).toBe(true);
  });

  it('rejects an unknown field by name', () => {
    const error = firstError(accountFields, { ...makeAccount(), ownerr: 'x' });
    expect(error.field).toBe('ownerr');
    expect(error.message.startsWith('ownerr: ')).toBe(true);
  });

  it('names the first unknown key inside a nested object', () => {
    const error = firstError(accountFields, makeAccount({ needs: { match: 'high', budgett: 1 } } as never));
    expect(error.field).toBe('needs.budgett');
  });

  it.each([
    [{ emails: ['not-an-email'] }, 'emails.0'],
    [{ buyingRole: 'boss' }, 'buyingRole'],
    [{ title: '经理'.repeat(101) }, 'title'],
  ])('contact rejects %j naming %s', (override, field) => {
    expect(firstError(contactFields, makeContact(override as never)).field).toBe(field);
  });

  it('opportunity stages are the six of the key-account process plus lost', () => {
    expect(opportunityFields.shape.stage.options).toEqual([
      'development',
      'initiation',
      'proposal',
      'bidding',
      'negotiation',
      'implementation',
      'lost',
    ]);
  });

  it('has a schema for every entity of the wire', () => {
    expect(Object.keys(entityFields).sort()).toEqual(
      ['account', 'activity', 'complaint', 'contact', 'opportunity', 'survey', 'transaction'].sort(),
    );
  });
});

describe('sync messages', () => {
  const upsert = (seq: number, fields: Record<string, unknown>, entity = 'account') => ({
    seq,
    hlc,
    entity,
    id: makeId(),
    op: 'upsert',
    fields,
  });

  it('accepts a partial upsert and a delete', () => {
    const batch = { clientId, mutations: [upsert(1, { name: '腾达' }), { ...upsert(2, {}), op: 'delete' }] };
    expect(pushRequest.parse(batch).mutations).toHaveLength(2);
  });

  it.each([
    [{ clientId: 'abc', mutations: [] }, 'clientId'],
    [{ clientId, mutations: [upsert(1, { name: 'x'.repeat(400) })] }, 'mutations.0.fields.name'],
    [{ clientId, mutations: [upsert(1, { grades: {} })] }, 'mutations.0.fields.grades'],
    [{ clientId, mutations: [upsert(1, { owner: 'bob' })] }, 'mutations.0.fields.owner'],
    [{ clientId, mutations: [upsert(1, { name: 'a', bogus: 1 })] }, 'mutations.0.fields.bogus'],
    [{ clientId, mutations: [{ ...upsert(1, {}), extra: true }] }, 'mutations.0.extra'],
    [{ clientId, mutations: [], cursor: 5 }, 'cursor'],
    [{ clientId, mutations: [upsert(1, {}, 'lead')] }, 'mutations.0.entity'],
    [{ clientId, mutations: [upsert(0, {})] }, 'mutations.0.seq'],
    [{ clientId, mutations: [upsert(1, {}), upsert(3, {})] }, 'mutations.1.seq'],
    [{ clientId, mutations: [{ ...upsert(1, { name: 'a' }), op: 'delete' }] }, 'mutations.0.fields'],
    [{ clientId, mutations: [{ ...upsert(1, {}), hlc: '2026-11-22' }] }, 'mutations.0.hlc'],
  ])('push rejects %j naming %s', (batch, field) => {
    expect(firstError(pushRequest, batch).field).toBe(field);
  });

  it('pull query coerces and bounds', () => {
    expect(pullQuery.parse({ since: '42' })).toEqual({ since: 42, limit: 1000 });
    expect(firstError(pullQuery, { since: '0', limit: '9000' }).field).toBe('limit');
    expect(firstError(pullQuery, { since: '-1' }).field).toBe('since');
  });
});

import { render } from 'preact';
import { act } from 'preact/test-utils';
import { beforeEach, describe, expect, it } from 'vitest';
import { fire, renderRoot, until } from '../../test/support/dom';
import type { LeadcardDb } from '../store/db';
import { saveLocal } from '../store/local-change';
import { newAccountFields } from '../store/new-records';
import { openTestDb, testEnv } from '../store/test-db';
import { Complaint } from './Complaint';
import { Survey } from './Survey';

const HOSTILE = '<img src=x onerror="alert(1)">';
const app = renderRoot();
let root: Element;
let db: LeadcardDb;
let n = 0;
beforeEach(() => {
  root = app();
  db = openTestDb(`save-form-${n++}`);
});

const env = testEnv();
const newAccount = async () => (await saveLocal(db, env, 'account', null, newAccountFields({ name: '腾达' }))).id;

function type(selector: string, value: string) {
  const field = root.querySelector(selector) as HTMLInputElement;
  field.value = value;
  // The form's state is what submit writes: let Preact apply the edit before the next event.
  act(() => fire(field, 'input'));
}

const status = () => root.querySelector('[role=status]')?.textContent ?? null;

describe('the popup’s record forms (SaveForm)', () => {
  it('records a complaint, says so, clears the text fields and tells the card to reload', async () => {
    const accountId = await newAccount();
    let reloads = 0;
    render(
      <Complaint db={db} env={env} accountId={accountId} complaints={[]} locale="en" onSaved={() => reloads++} />,
      root,
    );
    type('input[name=channel]', 'phone');
    type('textarea[name=summary]', `交货延误 ${HOSTILE}`);
    fire(root.querySelector('[data-testid=complaint-form]')!, 'submit');
    await until(root, () => status() !== null, 'the outcome');
    expect(status()).toBe('Complaint recorded.');
    expect(reloads).toBe(1);
    const [stored] = await db.complaints.toArray();
    expect(stored?.fields).toMatchObject({
      accountId,
      category: 'product-quality',
      channel: 'phone',
      summary: `交货延误 ${HOSTILE}`,
    });
    expect((root.querySelector('input[name=channel]') as HTMLInputElement).value).toBe('');
  });

  it('shows the store’s refusal naming the field, and does not reload the card', async () => {
    let reloads = 0;
    render(
      <Complaint db={db} env={env} accountId="not-a-card" complaints={[]} locale="en" onSaved={() => reloads++} />,
      root,
    );
    type('textarea[name=summary]', 'late');
    fire(root.querySelector('[data-testid=complaint-form]')!, 'submit');
    await until(root, () => status() !== null, 'the outcome');
    expect(status()).toMatch(/^Not saved: accountId: /);
    expect(reloads).toBe(0);
    expect(await db.complaints.count()).toBe(0);
  });

  it('records a survey with the default answers as numbers and values of the schema', async () => {
    const accountId = await newAccount();
    render(<Survey db={db} env={env} accountId={accountId} surveys={[]} locale="zh-CN" onSaved={() => {}} />, root);
    expect([...root.querySelectorAll('select[name=satisfaction] option')].map((o) => o.textContent)).toEqual([
      '1',
      '2',
      '3',
      '4',
      '5',
    ]);
    fire(root.querySelector('[data-testid=survey-form]')!, 'submit');
    await until(root, () => status() !== null, 'the outcome');
    const [stored] = await db.surveys.toArray();
    expect(stored?.fields).toMatchObject({ accountId, satisfaction: 4, repeatPurchase: 'medium', referral: 'maybe' });
  });
});

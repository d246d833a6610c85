import { describe, expect, it } from 'vitest';
import { leadStatusRefusal } from './lead-status';

describe('leadStatusRefusal: the lead status flow of a push', () => {
  it.each([
    ['new', 'contacted', null, null],
    ['contacted', 'qualified', null, null],
    ['qualified', 'converted', null, null],
    ['contacted', 'disqualified', '预算取消', null],
    ['disqualified', 'contacted', '预算取消', null],
    ['new', 'new', null, null],
    ['new', 'qualified', null, { status: 409, code: 'lead-status', field: 'leadStatus' }],
    ['new', 'converted', null, { status: 409, code: 'lead-status', field: 'leadStatus' }],
    ['converted', 'contacted', null, { status: 409, code: 'lead-status', field: 'leadStatus' }],
    ['contacted', 'disqualified', null, { status: 400, code: 'reason-required', field: 'disqualifyReason' }],
    ['qualified', 'disqualified', '  ', { status: 400, code: 'reason-required', field: 'disqualifyReason' }],
  ])('%s → %s (reason %j): %o', (from, to, reason, refusal) => {
    const result = leadStatusRefusal({ leadStatus: from }, { leadStatus: to, disqualifyReason: reason });
    if (refusal === null) expect(result).toBeNull();
    else expect(result).toMatchObject(refusal);
  });

  it('lets a card without a stored lead status start anywhere (a new card, an import, an older client)', () => {
    expect(leadStatusRefusal(undefined, { leadStatus: 'converted' })).toBeNull();
    expect(leadStatusRefusal({ name: 'x' }, { leadStatus: 'qualified' })).toBeNull();
  });

  it('names statuses only in its message, never the card', () => {
    expect(
      leadStatusRefusal({ leadStatus: 'new', name: '张三' }, { leadStatus: 'converted', name: '张三' })?.message,
    ).toBe('leadStatus cannot move from new to converted');
  });
});

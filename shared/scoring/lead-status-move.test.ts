import { describe, expect, it } from 'vitest';
import { checkLeadStatusMove } from './lead-status-move';

describe('lead status flow', () => {
  it.each([
    ['new', 'contacted', null, true],
    ['contacted', 'qualified', null, true],
    ['qualified', 'converted', null, true],
    ['contacted', 'disqualified', '无预算，明年再联系', true],
    ['disqualified', 'contacted', null, true],
    ['new', 'new', null, true],
    ['new', 'qualified', null, false],
    ['new', 'converted', null, false],
    ['converted', 'contacted', null, false],
  ] as const)('%s → %s (reason %s): allowed %s', (from, to, reason, allowed) => {
    expect(checkLeadStatusMove(from, to, reason).allowed).toBe(allowed);
  });

  it('needs a reason to disqualify', () => {
    expect(checkLeadStatusMove('contacted', 'disqualified', '  ')).toEqual({
      allowed: false,
      from: 'contacted',
      to: 'disqualified',
      reason: 'disqualify-reason-required',
    });
  });
});

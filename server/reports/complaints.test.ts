import { describe, expect, it } from 'vitest';
import { complaintReport } from './complaints';
import { row } from './test-rows';

const now = new Date('2026-11-22T09:00:00Z');

describe('complaintReport', () => {
  const customer = row({ name: 'Customer Co', category: 'customer' });
  const other = row({ name: 'Other Co', category: 'customer' });
  const trader = row({ name: '经销商', category: 'trader' });
  const complaint = (accountId: string, fields: Record<string, unknown>) =>
    row({ accountId, category: 'product-quality', summary: 'broken', ...fields }, { accountId });
  const report = complaintReport(
    [
      complaint(customer.id, { step: 'recorded', at: '2026-11-20T00:00:00Z' }),
      complaint(customer.id, { step: 'assigned', at: '2026-11-01T00:00:00Z', responsiblePerson: '王工' }),
      complaint(trader.id, {
        step: 'closed',
        at: '2026-10-01T00:00:00Z',
        closedAt: '2026-10-21T00:00:00Z',
        satisfied: true,
      }),
    ],
    [customer, other, trader],
    now,
  );

  it('places each complaint in its step of the handling flow; open ones older than 7 days are overdue', () => {
    const step = (name: string) => report.steps.find((s) => s.step === name);
    expect(report.steps.map((s) => s.step)).toHaveLength(10);
    expect(step('recorded')).toMatchObject({ count: 1, overdue: 0 });
    expect(step('assigned')?.cards[0]).toMatchObject({ responsible: '王工', daysOpen: 21, overdue: true });
    expect(step('closed')?.cards[0]).toMatchObject({ daysOpen: 20, overdue: false, satisfied: true });
    expect(report.overdue).toBe(1);
  });

  it('gives the complaint rate per customer category', () => {
    expect(report.rates).toEqual([
      { category: 'customer', accounts: 2, complaints: 2, rate: 1 },
      { category: 'trader', accounts: 1, complaints: 1, rate: 1 },
      { category: 'supplier', accounts: 0, complaints: 0, rate: 0 },
    ]);
  });
});

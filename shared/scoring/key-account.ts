import type { AccountFields } from '../schema/entities';
import { type ExplanationLine, line } from './explain';
import { purchasesBetween, purchasesOf, type TransactionInput } from './purchases';
import type { ScoringRules } from './rules';
import { monthsBefore, timeOf, wholeMonthsBetween } from './time';

/** Why an account is a key account: its revenue, a long large contract, or a manager's strategic mark. */
export type KeyAccountReason = 'revenue' | 'contract' | 'strategic';
export type KeyAccount = { value: boolean; reasons: KeyAccountReason[]; lines: ExplanationLine[] };

export type KeyAccountInput = Pick<AccountFields, 'contract' | 'strategic'> & {
  transactions: readonly TransactionInput[];
};

/**
 * Key account (大客户, KA) if any of: trailing-12-month revenue ≥ 1,000,000; a contract in force (started, not
 * ended) of ≥ 12 months with an annual value ≥ the large-order threshold of 500,000; marked strategic by a manager.
 */
export function keyAccount(input: KeyAccountInput, rules: ScoringRules, now: Date, explain = true): KeyAccount {
  const ka = rules.keyAccount;
  const nowMs = now.getTime();
  const reasons: KeyAccountReason[] = [];
  const lines: ExplanationLine[] = [];

  const revenue = purchasesBetween(purchasesOf(input.transactions), monthsBefore(nowMs, ka.windowMonths), nowMs).amount;
  const revenueMet = revenue >= ka.revenueMin;
  if (revenueMet) reasons.push('revenue');
  if (explain)
    lines.push(
      line(
        'keyAccount.revenue',
        'transactions.amount',
        0,
        revenueMet ? 'scoring.keyAccount.revenue' : 'scoring.keyAccount.revenueShort',
        {
          revenue: Math.round(revenue * 100) / 100,
          min: ka.revenueMin,
          months: ka.windowMonths,
        },
      ),
    );

  const { start, end, annualValue } = input.contract;
  const startMs = timeOf(start);
  const endMs = timeOf(end);
  if (Number.isNaN(startMs) || Number.isNaN(endMs)) {
    if (explain) lines.push(line('keyAccount.contract', 'contract', 0, 'scoring.keyAccount.noContract'));
  } else {
    const months = wholeMonthsBetween(startMs, endMs);
    const value = annualValue ?? 0;
    const inForce = startMs <= nowMs && nowMs <= endMs;
    const met = months >= ka.contractMinMonths && value >= ka.largeOrderAnnualValue && inForce;
    if (met) reasons.push('contract');
    const key = met
      ? 'scoring.keyAccount.contract'
      : endMs < nowMs
        ? 'scoring.keyAccount.contractEnded'
        : startMs > nowMs
          ? 'scoring.keyAccount.contractNotStarted'
          : 'scoring.keyAccount.contractShort';
    if (explain)
      lines.push(
        line('keyAccount.contract', months < ka.contractMinMonths ? 'contract.end' : 'contract.annualValue', 0, key, {
          months,
          annualValue: value,
          minMonths: ka.contractMinMonths,
          minValue: ka.largeOrderAnnualValue,
        }),
      );
  }

  if (input.strategic) {
    reasons.push('strategic');
    if (explain) lines.push(line('keyAccount.strategic', 'strategic', 0, 'scoring.keyAccount.strategic'));
  }
  return { value: reasons.length > 0, reasons, lines };
}

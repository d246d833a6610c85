import { type KeyAccountReason, keyAccount } from '../../shared/scoring/key-account';
import { purchasesBetween, purchasesOf, type TransactionInput } from '../../shared/scoring/purchases';
import type { ScoringRules } from '../../shared/scoring/rules';
import { monthsBefore, timeOf } from '../../shared/scoring/time';
import { amountOf, monthRange, type Row, textOf } from './rows';

export type KeyAccountItem = {
  id: string;
  name: string;
  owner: string | null;
  team: string | null;
  /** Trailing revenue over the key-account window (12 months by default). */
  revenue: number;
  reasons: KeyAccountReason[];
};
export type KeyAccountReport = {
  /** 大客户发展坐标: the number of key accounts at the end of each month (the current month: as of now). */
  perMonth: { month: string; count: number }[];
  /** Today's key accounts, largest revenue first. */
  items: KeyAccountItem[];
};

/**
 * Key accounts (大客户, DESIGN §4) now and at each of the last `months` month ends, by the scoring rule itself
 * (`keyAccount`): revenue over the window, a long large contract, or the strategic mark. The strategic mark has
 * no history, so earlier months use today's mark.
 */
export function keyAccountReport(
  accounts: readonly Row[],
  transactionsByAccount: ReadonlyMap<string, readonly TransactionInput[]>,
  rules: ScoringRules,
  now: Date,
  months = 12,
): KeyAccountReport {
  const nowMs = now.getTime();
  // Only an account that is strategic, has a contract, or has bought at least the revenue threshold in all can
  // ever be a key account: the others (most of 100k) are left out before the month-by-month test.
  const candidates = accounts.filter((row) => {
    if (row.fields.strategic === true) return true;
    const contract = row.fields.contract as Record<string, unknown> | undefined;
    if (contract && textOf(contract.end) !== null) return true;
    let total = 0;
    for (const tx of transactionsByAccount.get(row.id) ?? []) total += Math.max(0, tx.amount);
    return total >= rules.keyAccount.revenueMin;
  });
  const inputs = candidates.map((row) => {
    const contract = (row.fields.contract ?? {}) as Record<string, unknown>;
    const transactions = transactionsByAccount.get(row.id) ?? [];
    return {
      row,
      input: {
        contract: {
          start: textOf(contract.start) ?? undefined,
          end: textOf(contract.end) ?? undefined,
          annualValue: amountOf(contract.annualValue),
        },
        strategic: row.fields.strategic === true,
        transactions,
      },
    };
  });
  const ends = monthRange(nowMs, -(months - 1), months).map((month, i, all) => {
    const [year, mon] = month.split('-').map(Number) as [number, number];
    const end = i === all.length - 1 ? nowMs : Date.UTC(year, mon, 1) - 1;
    return { month, end: new Date(end) };
  });
  // A contract counts from its start: the scoring rule looks at today, where a signed contract has begun.
  const asOf = (input: (typeof inputs)[number]['input'], end: Date) =>
    timeOf(input.contract.start) > end.getTime() ? { ...input, contract: {} } : input;
  const perMonth = ends.map(({ month, end }) => ({
    month,
    count: inputs.filter(({ input }) => keyAccount(asOf(input, end), rules, end, false).value).length,
  }));
  const windowStart = monthsBefore(nowMs, rules.keyAccount.windowMonths);
  const items: KeyAccountItem[] = [];
  for (const { row, input } of inputs) {
    const ka = keyAccount(input, rules, now, false);
    if (!ka.value) continue;
    items.push({
      id: row.id,
      name: textOf(row.fields.name) ?? '',
      owner: row.owner,
      team: row.team,
      revenue: purchasesBetween(purchasesOf(input.transactions), windowStart, nowMs).amount,
      reasons: ka.reasons,
    });
  }
  items.sort((a, b) => b.revenue - a.revenue || (a.id < b.id ? -1 : 1));
  return { perMonth, items };
}

import type { TransactionFields } from '../schema/entities';
import { timeOf } from './time';

export type TransactionInput = Pick<TransactionFields, 'at' | 'amount'> & Partial<Pick<TransactionFields, 'paidAt'>>;

/** A transaction with its dates read once: `at` and `paidAt` in UTC ms (`paid` NaN when unpaid). */
export type Purchase = { at: number; amount: number; paid: number };

const parsed = new WeakMap<readonly TransactionInput[], Purchase[]>();

/**
 * The account's transactions with their dates parsed. Grading one account asks for its transactions from several
 * rules (RFM, key account, credit, loyalty, churn); the list is read once per array. Inputs are treated as
 * immutable; an array that grew or shrank since is read again.
 */
export function purchasesOf(transactions: readonly TransactionInput[]): Purchase[] {
  let purchases = parsed.get(transactions);
  if (!purchases || purchases.length !== transactions.length) {
    purchases = transactions.map((tx) => ({ at: timeOf(tx.at), amount: tx.amount, paid: timeOf(tx.paidAt) }));
    parsed.set(transactions, purchases);
  }
  return purchases;
}
/** Count and amount of the purchases in `(fromMs, toMs]`. */
export function purchasesBetween(purchases: readonly Purchase[], fromMs: number, toMs: number) {
  let count = 0;
  let amount = 0;
  for (const p of purchases) {
    if (p.at > fromMs && p.at <= toMs) {
      count++;
      amount += p.amount;
    }
  }
  return { count, amount };
}

/** The latest purchase time up to `nowMs`, or null when there is none. */
export function lastPurchaseAt(purchases: readonly Purchase[], nowMs: number): number | null {
  let last: number | null = null;
  for (const p of purchases) if (p.at <= nowMs && (last === null || p.at > last)) last = p.at;
  return last;
}

import type { AccountDetail } from '@shared/domain/accounts';
import type { AgingDetailRow } from '@shared/domain/aging';
import { addDays, type IsoDate } from '@shared/dates';
import { STATEMENT_PERIOD_DAYS, type OutputRef, type StatementType } from '@shared/domain/documents';
import type { LedgerEntryRow } from '@shared/domain/ledger';
import type { Services } from '../index';

/**
 * What a statement shows, from the services the screens use (docs/document-layout.md, Statements):
 * open items as of the date from aging.detail, the aging block and unapplied credit from
 * aging.summary (so its buckets are the aging report's), the period's documents and balances from
 * ledger.get, the address from accounts.get.
 */
export type StatementRef = Extract<OutputRef, { kind: 'statement' }>;

/** Days from the as-of date to the pay-by date (unless the earliest open item falls due later). */
export const PAY_BY_DAYS = 14;

export interface StatementFacts {
  type: StatementType;
  asOf: IsoDate;
  account: AccountDetail;
  /** No posted document on or before the as-of date: the statement says so and nothing is due. */
  noActivity: boolean;
  bucketLabels: string[];
  /** The aging report's buckets for this account and date (open debits by due date). */
  buckets: number[];
  unappliedCents: number;
  /** Open items less unapplied credit: the aging report's total, and the ledger balance as of the date. */
  balanceCents: number;
  amountDueCents: number;
  payBy: IsoDate | null;
  /** The bucket of the oldest open item (0: nothing past due), and the message set for it. */
  oldestBucket: number;
  message: string;
  openItems: AgingDetailRow[];
  /** Balance-forward: the period (first and last day), balance before it, its entries with running balance. */
  period: { from: IsoDate; openingCents: number; entries: LedgerEntryRow[]; closingCents: number } | null;
}

/** The statement's number: account and date, for the file name, the archive and the email. */
export const statementNumber = (accountNumber: string, asOf: string) => `${accountNumber} ${asOf}`;

/** The message for a bucket: past the end of the list, the last one. */
export function messageFor(messages: readonly string[], bucket: number): string {
  return messages[Math.min(bucket, messages.length - 1)] ?? '';
}

/**
 * Pay by: PAY_BY_DAYS after the as-of date, or the earliest open due date when that is later (nothing
 * is asked before it falls due). Null when nothing is due.
 */
export function payByDate(asOf: IsoDate, openItems: readonly { dueDate: string }[], amountDueCents: number): IsoDate | null {
  if (amountDueCents <= 0) return null;
  const soon = addDays(asOf, PAY_BY_DAYS);
  const earliest = openItems.reduce<string | null>((m, r) => (m === null || r.dueDate < m ? r.dueDate : m), null);
  return earliest !== null && earliest > soon ? earliest : soon;
}

export async function loadStatementFacts(services: Services, ref: StatementRef, messages: readonly string[]): Promise<StatementFacts> {
  const { accountId, asOf } = ref;
  const [account, ledger, detail, summary] = await Promise.all([
    services.accounts.get(accountId),
    services.ledger.get(accountId, asOf),
    services.aging.detail({ asOf, accountId }),
    services.aging.summary({ asOf, accountId }),
  ]);
  const row = summary.rows.find((r) => r.accountId === accountId);
  const n = summary.bucketLabels.length;
  const buckets = row ? row.buckets : new Array<number>(n).fill(0);
  const unappliedCents = row?.unappliedCents ?? 0;
  const balanceCents = row?.totalCents ?? 0;
  const upTo = ledger.entries.filter((e) => e.date <= asOf);
  const openItems = detail.rows;
  const oldestBucket = openItems.reduce((m, r) => Math.max(m, r.bucket), 0);
  const amountDueCents = Math.max(0, balanceCents);

  let period: StatementFacts['period'] = null;
  if (ref.type === 'balance_forward') {
    const from = ref.from ?? addDays(asOf, -STATEMENT_PERIOD_DAYS);
    const before = upTo.filter((e) => e.date < from);
    const entries = upTo.filter((e) => e.date >= from);
    const openingCents = before.at(-1)?.runningBalanceCents ?? 0;
    period = { from, openingCents, entries, closingCents: upTo.at(-1)?.runningBalanceCents ?? 0 };
  }
  return {
    type: ref.type,
    asOf,
    account,
    noActivity: upTo.length === 0,
    bucketLabels: summary.bucketLabels,
    buckets,
    unappliedCents,
    balanceCents,
    amountDueCents,
    payBy: payByDate(asOf, openItems, amountDueCents),
    oldestBucket,
    message: messageFor(messages, oldestBucket),
    openItems,
    period,
  };
}

import type { BankStatementError, BankStatementFormat, BankStatementLineRead } from '@shared/ipc/contract/bank-statements';

/** What a parser read from one file: the statement's facts, its lines, and every problem found. */
export interface ParsedStatement {
  format: BankStatementFormat;
  accountIdentifier: string | null;
  currency: string | null;
  /** First and last day the statement covers: the file's own period, else its lines' booking dates. */
  from: string | null;
  to: string | null;
  openingBalanceCents: number | null;
  closingBalanceCents: number | null;
  lines: BankStatementLineRead[];
  errors: BankStatementError[];
}

export function emptyStatement(format: BankStatementFormat): ParsedStatement {
  return {
    format,
    accountIdentifier: null,
    currency: null,
    from: null,
    to: null,
    openingBalanceCents: null,
    closingBalanceCents: null,
    lines: [],
    errors: [],
  };
}

/** The period from the lines' booking dates where the file names none. */
export function periodFromLines(s: ParsedStatement): void {
  for (const l of s.lines) {
    if (!s.from || l.bookingDate < s.from) s.from = l.bookingDate;
    if (!s.to || l.bookingDate > s.to) s.to = l.bookingDate;
  }
}

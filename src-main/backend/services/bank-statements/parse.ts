import { createHash } from 'node:crypto';
import type { BankStatementFormat, BankStatementLineRead } from '@shared/ipc/contract/bank-statements';
import { parseBai2 } from './bai2';
import { parseCamt053 } from './camt053';
import { parseCsvStatement, statementColumns } from './csv';
import type { ParsedStatement } from './types';

export interface ReadStatement extends ParsedStatement {
  csv: { headers: string[]; mapping: Record<string, string | null>; columns: { name: string; required: boolean; help: string }[] } | null;
}

/** The format a file is in by its first characters: BAI2 opens with its file header "01,", camt.053 is XML. */
export function detectFormat(bytes: Buffer): BankStatementFormat {
  const head = bytes
    .subarray(0, 512)
    .toString('utf8')
    .replace(/^\ufeff/, '')
    .trimStart();
  if (/^01,/.test(head)) return 'bai2';
  if (head.startsWith('<')) return 'camt053';
  return 'csv';
}

export async function readStatement(
  fileName: string,
  bytes: Buffer,
  format: BankStatementFormat = detectFormat(bytes),
  mapping?: Record<string, string | null>,
): Promise<ReadStatement> {
  if (format === 'bai2') return { ...parseBai2(fileName, bytes), csv: null };
  if (format === 'camt053') return { ...parseCamt053(fileName, bytes), csv: null };
  const { headers, mapping: used, ...s } = await parseCsvStatement(fileName, bytes, mapping);
  return { ...s, csv: { headers, mapping: used, columns: statementColumns.map(({ name, required, help }) => ({ name, required, help })) } };
}

const norm = (text: string) => text.trim().replace(/\s+/g, ' ').toLowerCase();

/**
 * Each line's line_key: the bank's own reference where it gives one, else a hash of booking date,
 * amount, description and the line's occurrence among identical ones in the file (two equal card
 * payments on one day stay two lines). Scoped by the account the file names, so two accounts' references
 * never collide; CSV files name none.
 */
export function lineKeys(accountIdentifier: string | null, lines: readonly BankStatementLineRead[]): string[] {
  const scope = accountIdentifier ?? '';
  const seen = new Map<string, number>();
  return lines.map((l) => {
    if (l.bankReference) return `ref:${scope}:${norm(l.bankReference)}`;
    const base = `${l.bookingDate}|${l.amountCents}|${norm(l.description)}`;
    const occurrence = (seen.get(base) ?? 0) + 1;
    seen.set(base, occurrence);
    return `hash:${createHash('sha256').update(`${scope}|${base}|${occurrence}`).digest('hex')}`;
  });
}

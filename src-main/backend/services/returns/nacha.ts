import { isCalendarDate } from '@shared/dates';
import { returnReason } from '@shared/domain/nacha';
import { formatMoney } from '@shared/money';
import type { NachaError } from '@shared/domain/returns';

/** One return entry of a NACHA file: the entry detail record (6) and its return addenda (7, type 99). */
export interface NachaReturnEntry {
  line: number;
  transactionCode: string;
  /** The receiving bank's routing number: 8-digit identification and its check digit. */
  routingNumber: string;
  accountNumber: string;
  amountCents: number;
  individualId: string;
  name: string;
  traceNumber: string;
  returnCode: string;
  originalTrace: string;
  /** Date of death (R14/R15), ISO; null when blank. */
  dateOfDeath: string | null;
  /** The batch's effective entry date, ISO: the day the bank settled the return. */
  effectiveDate: string | null;
}

export interface NachaReturnFile {
  fileDate: string | null;
  entries: NachaReturnEntry[];
  errors: NachaError[];
}

const RECORD = 94;
const HASH_MOD = 10_000_000_000n;
/** Returns of debits: 26 checking, 36 savings, 46 general ledger, 56 loan. Credits come back as x1. */
const RETURNED_DEBIT_CODES = new Set(['26', '36', '46', '56']);
/** Transaction codes ending 1..4 are credits, 6..9 debits (the batch totals add them apart). */
const isCreditCode = (code: string) => /^[2-5][1-4]$/.test(code);

/** YYMMDD -> ISO (20YY: a return file is about recent entries). Null when blank; undefined when invalid. */
function yymmdd(s: string): string | null | undefined {
  if (!s.trim()) return null;
  if (!/^\d{6}$/.test(s)) return undefined;
  const iso = `20${s.slice(0, 2)}-${s.slice(2, 4)}-${s.slice(4, 6)}`;
  return isCalendarDate(iso) ? iso : undefined;
}

/**
 * Read a NACHA file of returns. Positions are the Operating Rules' record layouts (1-based in comments).
 * Every problem is reported with the file, the line and the field; the caller posts nothing while any
 * exists. Checked: record length and type, the order of records, the return addenda (type 99, a known
 * reason code, the original trace), the batch and file counts, entry hashes and debit/credit totals.
 */
export function parseNachaReturns(file: string, text: string): NachaReturnFile {
  const errors: NachaError[] = [];
  const err = (line: number, field: string, reason: string) => errors.push({ file, line, field, reason });
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  while (lines.length && lines[lines.length - 1] === '') lines.pop();
  const entries: NachaReturnEntry[] = [];
  let fileDate: string | null = null;
  let sawHeader = false;
  let sawControl = false;
  let batch: { line: number; effectiveDate: string | null; entries: number; hash: bigint; debit: number; credit: number } | null = null;
  let batches = 0;
  let fileEntries = 0;
  let fileHash = 0n;
  let fileDebit = 0;
  let fileCredit = 0;
  let pending: NachaReturnEntry | null = null;
  let records = 0;
  let controlBlocks: number | null = null;
  let controlLine = 0;

  const digits = (line: number, field: string, s: string): number | null => {
    if (!/^\d+$/.test(s)) {
      err(line, field, `must be digits, found "${s.trim()}"`);
      return null;
    }
    return Number(s);
  };
  const closeEntry = () => {
    if (pending) err(pending.line, 'addenda record indicator', 'a return entry needs its return addenda record (7) on the next line');
    pending = null;
  };

  lines.forEach((raw, i) => {
    const n = i + 1;
    if (raw.length !== RECORD) {
      err(n, 'record', `is ${raw.length} characters long; NACHA records are ${RECORD}`);
      return;
    }
    records++;
    const type = raw[0];
    if (sawControl) {
      // Only the block filler (all nines) may follow the file control record.
      if (!/^9{94}$/.test(raw)) err(n, 'record type', 'a record after the file control record');
      return;
    }
    if (!sawHeader && type !== '1') {
      err(n, 'record type', 'the file must start with the file header record (1)');
      sawHeader = true;
    }
    if (type !== '7') closeEntry();
    switch (type) {
      case '1': {
        if (sawHeader && n !== 1) err(n, 'record type', 'a second file header record');
        sawHeader = true;
        if (raw.slice(34, 37) !== '094') err(n, 'record size', `must be 094, found "${raw.slice(34, 37)}"`);
        const d = yymmdd(raw.slice(23, 29));
        if (d === undefined || d === null) err(n, 'file creation date', `is not a date (YYMMDD): "${raw.slice(23, 29)}"`);
        else fileDate = d;
        return;
      }
      case '5': {
        if (batch) err(n, 'record type', `batch header before the control record of the batch on line ${batch.line}`);
        const eff = yymmdd(raw.slice(69, 75));
        if (eff === undefined) err(n, 'effective entry date', `is not a date (YYMMDD): "${raw.slice(69, 75)}"`);
        batch = { line: n, effectiveDate: eff ?? null, entries: 0, hash: 0n, debit: 0, credit: 0 };
        batches++;
        return;
      }
      case '6': {
        if (!batch) {
          err(n, 'record type', 'an entry detail record outside a batch');
          return;
        }
        batch.entries++;
        const code = raw.slice(1, 3);
        if (!RETURNED_DEBIT_CODES.has(code)) err(n, 'transaction code', `${code} is not the return of a debit (26, 36, 46 or 56)`);
        const rdfi = raw.slice(3, 11);
        const routing = raw.slice(3, 12);
        if (digits(n, 'receiving bank routing number', routing) !== null) batch.hash += BigInt(rdfi);
        const amount = digits(n, 'amount', raw.slice(29, 39));
        if (amount !== null) {
          if (isCreditCode(code)) batch.credit += amount;
          else batch.debit += amount;
          if (amount === 0) err(n, 'amount', 'a return of nothing (amount 0)');
        }
        const trace = raw.slice(79, 94);
        digits(n, 'trace number', trace);
        if (raw[78] !== '1') err(n, 'addenda record indicator', 'must be 1: a return entry carries its return addenda');
        pending = {
          line: n,
          transactionCode: code,
          routingNumber: routing,
          accountNumber: raw.slice(12, 29).trim(),
          amountCents: amount ?? 0,
          individualId: raw.slice(39, 54).trim(),
          name: raw.slice(54, 76).trim(),
          traceNumber: trace,
          returnCode: '',
          originalTrace: '',
          dateOfDeath: null,
          effectiveDate: batch.effectiveDate,
        };
        return;
      }
      case '7': {
        if (batch) batch.entries++;
        const entry = pending as NachaReturnEntry | null;
        pending = null;
        if (!entry) {
          err(n, 'record type', 'an addenda record that follows no entry detail record');
          return;
        }
        if (raw.slice(1, 3) !== '99') {
          err(n, 'addenda type code', `must be 99 (return), found "${raw.slice(1, 3)}"`);
          return;
        }
        const reason = raw.slice(3, 6);
        const known = returnReason(reason);
        if (!known || !/^R\d\d$/.test(reason)) err(n, 'return reason code', `"${reason.trim()}" is not an ACH return reason code`);
        const original = raw.slice(6, 21);
        if (digits(n, 'original entry trace number', original) === null) return;
        const death = yymmdd(raw.slice(21, 27));
        if (death === undefined) err(n, 'date of death', `is not a date (YYMMDD): "${raw.slice(21, 27)}"`);
        if (raw.slice(27, 35).trim() && raw.slice(27, 35) !== entry.routingNumber.slice(0, 8))
          err(n, 'original receiving bank identification', `${raw.slice(27, 35)} is not the entry's bank ${entry.routingNumber.slice(0, 8)}`);
        entries.push({ ...entry, returnCode: reason, originalTrace: original, dateOfDeath: death ?? null });
        return;
      }
      case '8': {
        if (!batch) {
          err(n, 'record type', 'a batch control record without its batch header');
          return;
        }
        const count = digits(n, 'entry/addenda count', raw.slice(4, 10));
        if (count !== null && count !== batch.entries) err(n, 'entry/addenda count', `says ${count}; the batch has ${batch.entries}`);
        const hash = digits(n, 'entry hash', raw.slice(10, 20));
        const want = batch.hash % HASH_MOD;
        if (hash !== null && BigInt(hash) !== want)
          err(n, 'entry hash', `says ${raw.slice(10, 20)}; the entries add up to ${want.toString().padStart(10, '0')}`);
        const debit = digits(n, 'total debit amount', raw.slice(20, 32));
        if (debit !== null && debit !== batch.debit)
          err(n, 'total debit amount', `says ${formatMoney(debit)}; the entries add up to ${formatMoney(batch.debit)}`);
        const credit = digits(n, 'total credit amount', raw.slice(32, 44));
        if (credit !== null && credit !== batch.credit)
          err(n, 'total credit amount', `says ${formatMoney(credit)}; the entries add up to ${formatMoney(batch.credit)}`);
        fileEntries += batch.entries;
        fileHash += batch.hash;
        fileDebit += batch.debit;
        fileCredit += batch.credit;
        batch = null;
        return;
      }
      case '9': {
        if (batch) err(n, 'record type', `file control before the control record of the batch on line ${batch.line}`);
        sawControl = true;
        controlLine = n;
        controlBlocks = digits(n, 'block count', raw.slice(7, 13));
        const b = digits(n, 'batch count', raw.slice(1, 7));
        if (b !== null && b !== batches) err(n, 'batch count', `says ${b}; the file has ${batches}`);
        const c = digits(n, 'entry/addenda count', raw.slice(13, 21));
        if (c !== null && c !== fileEntries) err(n, 'entry/addenda count', `says ${c}; the file has ${fileEntries}`);
        const h = digits(n, 'entry hash', raw.slice(21, 31));
        const want = fileHash % HASH_MOD;
        if (h !== null && BigInt(h) !== want) err(n, 'entry hash', `says ${raw.slice(21, 31)}; the batches add up to ${want.toString().padStart(10, '0')}`);
        const d = digits(n, 'total debit amount', raw.slice(31, 43));
        if (d !== null && d !== fileDebit) err(n, 'total debit amount', `says ${formatMoney(d)}; the batches add up to ${formatMoney(fileDebit)}`);
        const cr = digits(n, 'total credit amount', raw.slice(43, 55));
        if (cr !== null && cr !== fileCredit) err(n, 'total credit amount', `says ${formatMoney(cr)}; the batches add up to ${formatMoney(fileCredit)}`);
        return;
      }
      default:
        err(n, 'record type', `"${type}" is not a NACHA record type (1, 5, 6, 7, 8, 9)`);
    }
  });
  closeEntry();
  if (!lines.length) err(1, 'record', 'the file is empty');
  else if (!sawControl) err(lines.length, 'record type', 'the file ends without its file control record (9)');
  else if (batch) err(lines.length, 'record type', 'a batch without its control record');
  if (sawControl && controlBlocks !== null && controlBlocks !== Math.ceil(records / 10))
    err(controlLine, 'block count', `says ${controlBlocks}; the file's ${records} records make ${Math.ceil(records / 10)} blocks of 10`);
  return { fileDate, entries, errors };
}

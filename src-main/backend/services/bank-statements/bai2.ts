import { isIsoDate } from '@shared/dates';
import { decodeText } from '../imports/read-csv';
import { emptyStatement, periodFromLines, type ParsedStatement } from './types';

/**
 * BAI2 (Cash Management Balance Reporting Specifications, version 2): comma-separated records ending
 * in "/", each starting with its record type: 01 file header, 02 group header, 03 account identifier
 * and balances, 16 transaction detail, 88 continuation of the record before, 49 account trailer, 98
 * group trailer, 99 file trailer. Amounts are whole cents with no point; the trailers carry control
 * totals (the sum of the amounts below them) and record counts, both checked.
 */

interface Rec {
  type: string;
  fields: string[];
  /** The line the record starts on; continuations add lines. */
  line: number;
  /** Physical lines (the record and its 88 continuations): what the trailers count. */
  physical: number;
}

/** Type codes of ledger balances in an 03 record: 010 opening ledger, 015 closing ledger. */
const OPENING_LEDGER = '010';
const CLOSING_LEDGER = '015';

/**
 * Physical lines into logical records: an 88 record continues the one before it. The text field of a
 * 16 record runs to the end of its line (it may hold commas and slashes), so it is kept whole.
 */
function records(text: string): { recs: Rec[]; problems: { line: number; reason: string }[] } {
  const recs: Rec[] = [];
  const problems: { line: number; reason: string }[] = [];
  const lines = text.split(/\r?\n/);
  lines.forEach((raw, i) => {
    const line = i + 1;
    const t = raw.trim();
    if (t === '') return;
    const m = /^(\d{2}),(.*)$/s.exec(t);
    if (!m) {
      problems.push({ line, reason: `is not a BAI2 record (it must start with a two-digit record type and a comma): "${t.slice(0, 40)}"` });
      return;
    }
    const [, type, rest] = m as unknown as [string, string, string];
    const prev = recs.at(-1);
    if (type === '88') {
      if (!prev) problems.push({ line, reason: 'a continuation (88) has no record before it' });
      else {
        // A detail's continuation is more of its text; any other record's is more fields.
        if (prev.type === '16') prev.fields[0] = `${prev.fields[0]} ${rest.trim()}`;
        else prev.fields.push(...splitFields(prev.type, rest));
        prev.physical++;
      }
      return;
    }
    recs.push({ type, fields: splitFields(type, rest), line, physical: 1 });
  });
  return { recs, problems };
}

/** Fields of a record's text: up to the "/" that ends it, except a 16 record's free text, which is the rest of the line. */
function splitFields(type: string, rest: string): string[] {
  // 16,code,amount,funds,...: the text comes last and the funds type's extras vary: kept whole for readDetail.
  if (type === '16') return [rest];
  const body = rest.replace(/\/\s*$/, '');
  return body.split(',').map((f) => f.trim());
}

/** YYMMDD -> ISO; BAI2 years are two digits, read as 20YY. */
function bai2Date(text: string): string | null {
  if (!/^\d{6}$/.test(text)) return null;
  const iso = `20${text.slice(0, 2)}-${text.slice(2, 4)}-${text.slice(4, 6)}`;
  return isIsoDate(iso) ? iso : null;
}

/** An amount: optional sign, whole cents. Empty is "no amount". */
function bai2Amount(text: string): number | null | 'bad' {
  if (text === '') return null;
  if (!/^[+-]?\d{1,15}$/.test(text)) return 'bad';
  return Number(text);
}

/** Fields a funds type adds after it: S three distributions, V a date and time, D a count and pairs. */
function fundsExtras(fields: string[], at: number): number {
  const funds = (fields[at] ?? '').toUpperCase();
  if (funds === 'S') return 3;
  if (funds === 'V') return 2;
  if (funds === 'D') return 1 + 2 * (Number(fields[at + 1]) || 0);
  return 0;
}

export function parseBai2(fileName: string, bytes: Buffer): ParsedStatement {
  const s = emptyStatement('bai2');
  const fail = (line: number, field: string, reason: string) => s.errors.push({ file: fileName, line, field, reason });
  const { recs, problems } = records(decodeText(bytes));
  for (const p of problems) fail(p.line, 'record type', p.reason);
  if (recs.length === 0) {
    if (problems.length === 0) fail(1, 'file', 'is empty: a BAI2 file starts with a file header (01)');
    return s;
  }

  let fileTotal = 0;
  let fileRecords = 0;
  let groups = 0;
  let groupTotal = 0;
  let groupRecords = 0;
  let groupAccounts = 0;
  let asOf: string | null = null;
  let accountTotal = 0;
  let accountRecords = 0;
  /** Where we are: the open group and account, if any. */
  let inGroup = false;
  let inAccount = false;
  let sawFileTrailer = false;
  const accounts = new Set<string>();
  const currencies = new Set<string>();

  const amountOf = (r: Rec, text: string, field: string): number => {
    const a = bai2Amount(text);
    if (a === 'bad') fail(r.line, field, `is not an amount in whole cents (${text}); BAI2 amounts have no point: 1234.56 is written 123456`);
    return typeof a === 'number' ? a : 0;
  };
  const count = (r: Rec, text: string, field: string): number | null => {
    if (!/^\d+$/.test(text)) {
      fail(r.line, field, `is not a number (${text || 'empty'})`);
      return null;
    }
    return Number(text);
  };
  const closeAccount = (r: Rec) => {
    fail(r.line, 'record type', `the account that starts before it has no account trailer (49); found a ${r.type} record`);
    inAccount = false;
  };

  for (const r of recs) {
    if (sawFileTrailer) {
      fail(r.line, 'record type', 'a record after the file trailer (99)');
      break;
    }
    fileRecords += r.physical;
    if (inGroup) groupRecords += r.physical;
    if (inAccount) accountRecords += r.physical;
    const f = r.fields;
    switch (r.type) {
      case '01':
        if (r !== recs[0]) fail(r.line, 'record type', 'a second file header (01)');
        if (f[7] && f[7] !== '2') fail(r.line, 'version number', `is ${f[7]}; only BAI version 2 is read`);
        break;
      case '02': {
        if (r === recs[0]) fail(r.line, 'record type', 'the file does not start with a file header (01)');
        if (inAccount) closeAccount(r);
        if (inGroup) fail(r.line, 'record type', 'a group header (02) before the group before it was closed by a group trailer (98)');
        inGroup = true;
        groups++;
        groupTotal = 0;
        groupRecords = r.physical;
        groupAccounts = 0;
        asOf = bai2Date(f[3] ?? '');
        if (!asOf) fail(r.line, 'as-of date', `is not a date written YYMMDD (${f[3] || 'empty'})`);
        if (f[5]) currencies.add(f[5].toUpperCase());
        break;
      }
      case '03': {
        if (!inGroup) fail(r.line, 'record type', 'an account identifier (03) outside a group (02 … 98)');
        if (inAccount) closeAccount(r);
        inAccount = true;
        groupAccounts++;
        accountTotal = 0;
        accountRecords = r.physical;
        const account = f[0] ?? '';
        if (account === '') fail(r.line, 'customer account number', 'is empty');
        else accounts.add(account);
        if (f[1]) currencies.add(f[1].toUpperCase());
        // Then repeated: type code, amount, item count, funds type (and its extras).
        for (let i = 2; i < f.length; ) {
          const code = f[i] ?? '';
          if (code === '') break;
          const amount = amountOf(r, f[i + 1] ?? '', `amount of balance ${code}`);
          accountTotal += amount;
          if (code === OPENING_LEDGER && s.openingBalanceCents === null) s.openingBalanceCents = amount;
          if (code === CLOSING_LEDGER) s.closingBalanceCents = amount;
          i += 4 + fundsExtras(f, i + 3);
        }
        break;
      }
      case '16': {
        if (!inAccount) fail(r.line, 'record type', 'a transaction detail (16) outside an account (03 … 49)');
        readDetail(r, asOf);
        break;
      }
      case '49': {
        if (!inAccount) {
          fail(r.line, 'record type', 'an account trailer (49) without its account identifier (03)');
          break;
        }
        inAccount = false;
        const total = amountOf(r, f[0] ?? '', 'account control total');
        const n = count(r, f[1] ?? '', 'number of records');
        if (total !== accountTotal) fail(r.line, 'account control total', `is ${total} but the amounts of the account's records add up to ${accountTotal}`);
        if (n !== null && n !== accountRecords) fail(r.line, 'number of records', `is ${n} but the account has ${accountRecords} records (03 to 49, with 88s)`);
        groupTotal += total;
        break;
      }
      case '98': {
        if (inAccount) closeAccount(r);
        if (!inGroup) {
          fail(r.line, 'record type', 'a group trailer (98) without its group header (02)');
          break;
        }
        inGroup = false;
        const total = amountOf(r, f[0] ?? '', 'group control total');
        const nAccounts = count(r, f[1] ?? '', 'number of accounts');
        const n = count(r, f[2] ?? '', 'number of records');
        if (total !== groupTotal) fail(r.line, 'group control total', `is ${total} but the group's account totals add up to ${groupTotal}`);
        if (nAccounts !== null && nAccounts !== groupAccounts) fail(r.line, 'number of accounts', `is ${nAccounts} but the group has ${groupAccounts}`);
        if (n !== null && n !== groupRecords) fail(r.line, 'number of records', `is ${n} but the group has ${groupRecords} records (02 to 98)`);
        fileTotal += total;
        break;
      }
      case '99': {
        if (inAccount) closeAccount(r);
        if (inGroup) fail(r.line, 'record type', 'the file trailer (99) comes before the last group trailer (98)');
        sawFileTrailer = true;
        const total = amountOf(r, f[0] ?? '', 'file control total');
        const nGroups = count(r, f[1] ?? '', 'number of groups');
        const n = count(r, f[2] ?? '', 'number of records');
        if (total !== fileTotal) fail(r.line, 'file control total', `is ${total} but the group totals add up to ${fileTotal}`);
        if (nGroups !== null && nGroups !== groups) fail(r.line, 'number of groups', `is ${nGroups} but the file has ${groups}`);
        if (n !== null && n !== fileRecords) fail(r.line, 'number of records', `is ${n} but the file has ${fileRecords} records`);
        break;
      }
      default:
        fail(r.line, 'record type', `${r.type} is not a BAI2 record type (01, 02, 03, 16, 88, 49, 98, 99)`);
    }
  }
  const last = recs.at(-1)!;
  if (recs[0]!.type !== '01') fail(recs[0]!.line, 'record type', 'the file does not start with a file header (01)');
  if (!sawFileTrailer) {
    if (inAccount) fail(last.line, 'record type', 'the file ends inside an account: its account trailer (49) is missing');
    fail(last.line, 'record type', 'the file ends without its file trailer (99); it may be cut short');
  }
  if (accounts.size > 1)
    fail(
      recs[0]!.line,
      'customer account number',
      `the file reports ${accounts.size} accounts (${[...accounts].join(', ')}); import one account's file at a time`,
    );
  if (currencies.size > 1) fail(recs[0]!.line, 'currency', `the file mixes currencies (${[...currencies].join(', ')})`);
  s.accountIdentifier = [...accounts][0] ?? null;
  s.currency = [...currencies][0] ?? null;
  periodFromLines(s);
  return s;

  /** 16,type code,amount,funds type[,extras],bank reference,customer reference,text */
  function readDetail(r: Rec, date: string | null) {
    // The record's text, with its continuations, as one string: split the fixed fields off the front.
    const parts = (r.fields[0] ?? '').split(',');
    const code = (parts[0] ?? '').trim();
    const amountText = (parts[1] ?? '').trim();
    let at =
      3 +
      fundsExtras(
        parts.map((p) => p.trim()),
        2,
      );
    const valueDate = (parts[2] ?? '').trim().toUpperCase() === 'V' ? bai2Date((parts[3] ?? '').trim()) : null;
    const bankRef = (parts[at++] ?? '').trim().replace(/\/$/, '');
    const customerRef = (parts[at++] ?? '').trim().replace(/\/$/, '');
    const text = parts.slice(at).join(',').trim().replace(/\/$/, '').replace(/\s+/g, ' ');
    const before = s.errors.length;
    const n = Number(code);
    if (!/^\d{3}$/.test(code)) fail(r.line, 'type code', `is not a three-digit type code (${code || 'empty'})`);
    else if (!(n >= 100 && n <= 699)) fail(r.line, 'type code', `${code} is not a transaction detail code (credits 100-399, debits 400-699)`);
    const amount = bai2Amount(amountText);
    if (amount === null) fail(r.line, 'amount', 'is empty');
    else if (amount === 'bad' || amount < 0) fail(r.line, 'amount', `is not an amount in whole cents (${amountText}); BAI2 amounts have no point or sign`);
    if (typeof amount === 'number') accountTotal += amount;
    if (s.errors.length > before || !date || typeof amount !== 'number') return;
    s.lines.push({
      line: r.line,
      bookingDate: date,
      valueDate,
      amountCents: n < 400 ? amount : -amount,
      bankReference: bankRef || null,
      customerReference: customerRef || null,
      description: text,
      typeCode: code,
    });
  }
}

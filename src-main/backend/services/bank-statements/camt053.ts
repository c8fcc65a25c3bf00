import { isIsoDate } from '@shared/dates';
import { readMoney } from '@shared/money/text';
import { decodeText } from '../imports/read-csv';
import { emptyStatement, periodFromLines, type ParsedStatement } from './types';
import { child, childrenNamed, readXml, textOf, type XmlNode } from './xml-tree';

/**
 * camt.053 (ISO 20022 Bank-to-Customer Statement, BkToCstmrStmt), any version: each Stmt's account
 * (Acct/Id/IBAN, else Acct/Id/Othr/Id) and currency, its opening and closing booked balances (Bal of
 * type OPBD and CLBD), and its entries (Ntry): Amt with its Ccy, CdtDbtInd (CRDT in, DBIT out), BookgDt
 * and ValDt (Dt or DtTm), AcctSvcrRef, the bank transaction code, and from the first TxDtls its
 * EndToEndId and unstructured remittance text (else the entry's AddtlNtryInf).
 */
export function parseCamt053(fileName: string, bytes: Buffer): ParsedStatement {
  const s = emptyStatement('camt053');
  const fail = (line: number, field: string, reason: string) => s.errors.push({ file: fileName, line, field, reason });
  const xml = readXml(decodeText(bytes));
  if ('reason' in xml) {
    fail(xml.line, 'file', `is not well-formed XML: ${xml.reason}`);
    return s;
  }
  const report = xml.root.name === 'Document' ? child(xml.root, 'BkToCstmrStmt') : undefined;
  if (!report) {
    fail(xml.root.line, 'Document', `is not a camt.053 statement: its root is <${xml.root.name}> without <BkToCstmrStmt>`);
    return s;
  }
  const statements = childrenNamed(report, 'Stmt');
  if (statements.length === 0) fail(report.line, 'Stmt', 'the file holds no statement (Stmt)');
  const accounts = new Set<string>();
  const currencies = new Set<string>();

  /** A date element (Dt, or DtTm whose day is taken) under `path`, as ISO. */
  const dateAt = (node: XmlNode, path: string, required: boolean): string | null => {
    const holder = child(node, path);
    if (!holder) {
      if (required) fail(node.line, path, 'is missing');
      return null;
    }
    const dt = child(holder, 'Dt') ?? child(holder, 'DtTm');
    const text = dt?.text.trim() ?? '';
    const day = text.slice(0, 10);
    if (!dt || !/^\d{4}-\d{2}-\d{2}$/.test(day) || !isIsoDate(day) || (dt.name === 'Dt' && text.length !== 10)) {
      fail(dt?.line ?? holder.line, `${path}/${dt?.name ?? 'Dt'}`, `is not a date written YYYY-MM-DD (${text || 'empty'})`);
      return null;
    }
    return day;
  };

  /** Amt with Ccy and CdtDbtInd: signed cents, credits positive. */
  const signedAmount = (node: XmlNode, what: string): number | null => {
    const amt = child(node, 'Amt');
    if (!amt) {
      fail(node.line, `${what}/Amt`, 'is missing');
      return null;
    }
    const r = readMoney(amt.text.trim());
    if (!r.ok) fail(amt.line, `${what}/Amt`, r.reason);
    const ccy = amt.attrs.Ccy ?? '';
    if (!/^[A-Z]{3}$/.test(ccy)) fail(amt.line, `${what}/Amt@Ccy`, `is not a currency code (${ccy || 'missing'})`);
    else currencies.add(ccy);
    const ind = textOf(node, 'CdtDbtInd');
    if (ind !== 'CRDT' && ind !== 'DBIT')
      fail(child(node, 'CdtDbtInd')?.line ?? node.line, `${what}/CdtDbtInd`, `is ${ind || 'missing'}; it must be CRDT or DBIT`);
    if (!r.ok || (ind !== 'CRDT' && ind !== 'DBIT')) return null;
    return ind === 'DBIT' ? -r.value : r.value;
  };

  for (const stmt of statements) {
    const acct = child(stmt, 'Acct');
    const id = textOf(acct, 'Id/IBAN') || textOf(acct, 'Id/Othr/Id');
    if (!id) fail(acct?.line ?? stmt.line, 'Stmt/Acct/Id/IBAN', 'is missing: the statement does not name its account');
    else accounts.add(id.replace(/\s+/g, '').toUpperCase());
    const period = child(stmt, 'FrToDt');
    const from = textOf(period, 'FrDtTm').slice(0, 10);
    const to = textOf(period, 'ToDtTm').slice(0, 10);
    if (isIsoDate(from) && (!s.from || from < s.from)) s.from = from;
    if (isIsoDate(to) && (!s.to || to > s.to)) s.to = to;

    for (const bal of childrenNamed(stmt, 'Bal')) {
      const code = textOf(bal, 'Tp/CdOrPrtry/Cd');
      if (code !== 'OPBD' && code !== 'CLBD') continue;
      const amount = signedAmount(bal, 'Bal');
      dateAt(bal, 'Dt', false);
      if (amount === null) continue;
      // Several statements in one file: the first opening and the last closing balance.
      if (code === 'OPBD' && s.openingBalanceCents === null) s.openingBalanceCents = amount;
      if (code === 'CLBD') s.closingBalanceCents = amount;
    }

    for (const ntry of childrenNamed(stmt, 'Ntry')) {
      const before = s.errors.length;
      const amount = signedAmount(ntry, 'Ntry');
      const booking = dateAt(ntry, 'BookgDt', true);
      const value = dateAt(ntry, 'ValDt', false);
      if (s.errors.length > before || amount === null || !booking) continue;
      const tx = child(ntry, 'NtryDtls/TxDtls');
      const domain = child(ntry, 'BkTxCd/Domn');
      const typeCode = domain
        ? [textOf(domain, 'Cd'), textOf(domain, 'Fmly/Cd'), textOf(domain, 'Fmly/SubFmlyCd')].filter(Boolean).join('/')
        : textOf(ntry, 'BkTxCd/Prtry/Cd');
      const remittance = tx ? childrenNamed(child(tx, 'RmtInf') ?? tx, 'Ustrd').map((u) => u.text.trim()) : [];
      const endToEnd = textOf(tx, 'Refs/EndToEndId');
      s.lines.push({
        line: ntry.line,
        bookingDate: booking,
        valueDate: value,
        amountCents: amount,
        bankReference: textOf(ntry, 'AcctSvcrRef') || null,
        // NOTPROVIDED is the placeholder the standard prescribes when there is no end-to-end reference.
        customerReference: endToEnd && endToEnd !== 'NOTPROVIDED' ? endToEnd : null,
        description: (remittance.filter(Boolean).join(' ') || textOf(ntry, 'AddtlNtryInf')).replace(/\s+/g, ' '),
        typeCode: typeCode || null,
      });
    }
  }
  if (accounts.size > 1) fail(report.line, 'Stmt/Acct/Id/IBAN', `the file holds statements of ${accounts.size} accounts; import one account's file at a time`);
  if (currencies.size > 1) fail(report.line, 'Amt@Ccy', `the file mixes currencies (${[...currencies].join(', ')})`);
  s.accountIdentifier = [...accounts][0] ?? null;
  s.currency = [...currencies][0] ?? null;
  periodFromLines(s);
  return s;
}

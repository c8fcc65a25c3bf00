import { createHash } from 'node:crypto';
import type { Transaction } from 'kysely';
import type { z } from 'zod';
import { formatDate, type IsoDate } from '@shared/dates';
import { accountCreateSchema, isIanaTimeZone } from '@shared/domain/accounts';
import { invoiceCreateDraftSchema } from '@shared/domain/invoices';
import { paymentPostSchema } from '@shared/domain/payments';
import { parseTerms } from '@shared/domain/terms';
import { cents, type Cents } from '@shared/money';
import type { ImportAllocation, ImportError, ImportInput, ImportPreview, ImportSummary } from '@shared/ipc/contract/imports';
import type { Actor, Queryable, ServiceContext, Trx } from '../../context';
import type { Database } from '../../db/schema';
import { DomainError, invalid } from '../../errors';
import { insertAccount } from '../accounts';
import { appendAudit } from '../audit';
import { addBankAccountInTrx } from '../bank-accounts';
import { checkBankNumberCell, readBankColumns, type ImportedBankAccount } from './bank-columns';
import { createAndPostInvoice, readInvoiceSettings } from '../invoices';
import { runDirect, sqlRun } from '../ledger/raw';
import { businessToday, openDebits, receivablesDomains, type Posting } from '../ledger/posting';
import { postPaymentInTrx } from '../payments';
import { columnSpecs, detectMapping, normalizeHeader, type ImportKind } from './columns';
import { allocationLines, findInvoices, planApplications, planOldestFirst, type Application } from './allocations';
import { postCreditNoteRow, readCreditNoteRow, type CreditNoteRow } from './credit-notes';
import { postOpenItem, readOpenItemRow, type OpenItemRow } from './open-items';
import { readQuickBooksSheet } from '../quickbooks/read';
import { readSheet, type SheetData } from './read';
import type { RowReader } from './row';
import { checkCell, parseAmount, parseDate, parseKind, parseMethod, termsFromDates } from './values';

export { columnSpecs, importKinds, type ImportKind } from './columns';

/** The import tables of migration 003, typed here so the shared schema file stays the core's. */
export interface ImportBatchTable {
  id: import('kysely').Generated<number>;
  kind: ImportKind;
  file_name: string;
  file_sha256: string;
  row_count: number;
  posted: number;
  skipped: number;
  amount_cents: number;
  created_at: string;
  created_by: string | null;
}
export interface ImportKeyTable {
  kind: ImportKind;
  key_norm: string;
  key: string;
  batch_id: number;
  line: number;
  row_hash: string;
  account_id: number | null;
  document_id: number | null;
}
export type ImportsDatabase = Database & { import_batch: ImportBatchTable; import_key: ImportKeyTable };
const imp = (db: Queryable) => db as unknown as Transaction<ImportsDatabase>;

type AccountData = z.output<typeof accountCreateSchema>;
type InvoiceData = Omit<z.output<typeof invoiceCreateDraftSchema>, 'accountId'>;
type PaymentData = Omit<z.output<typeof paymentPostSchema>, 'accountId' | 'allocation'>;

/** One data row, parsed and checked. */
interface RowPlan {
  line: number;
  key: string;
  keyNorm: string;
  hash: string;
  amountCents: number;
  /** Already imported (same key, same values): skipped. */
  duplicate: boolean;
  accountNumber: string;
  accountId: number | null;
  account?: AccountData;
  /** Accounts: the bank account its bank columns give, added with the account. */
  bankAccount?: ImportedBankAccount;
  invoice?: InvoiceData;
  payment?: PaymentData & { invoiceDocumentId: number | null };
  /** Payments: the invoice the row names, as written. */
  invoiceRef?: string;
  /** Every line of the file this plan comes from (a payment as in the file may span several). */
  lines: number[];
  /** Payments as in the file, credit notes: the invoices named, with what each row applies. */
  applications?: Application[];
  /** What of the payment or credit note stays unapplied credit (as in the file, credit notes). */
  unappliedCents?: number;
  creditNote?: CreditNoteRow;
  openItem?: OpenItemRow;
}

interface Analysis {
  sheet: SheetData;
  mapping: Record<string, string | null>;
  errors: ImportError[];
  plans: RowPlan[];
  rowCount: number;
}

const MAX_ERRORS = 5000;
const SAMPLE_ROWS = 10;
const normKey = (s: string) => s.trim().toLowerCase();
const sha = (v: unknown) => createHash('sha256').update(JSON.stringify(v)).digest('hex');

async function inChunks<T, R>(items: T[], size: number, fn: (chunk: T[]) => Promise<R[]>): Promise<R[]> {
  const out: R[] = [];
  for (let i = 0; i < items.length; i += size) out.push(...(await fn(items.slice(i, i + size))));
  return out;
}

/** Read, map and check a file; nothing is written. Used by preview and, inside its transaction, by post. */
async function analyze(db: Queryable, input: ImportInput, today: IsoDate): Promise<Analysis> {
  const kind = input.kind;
  const bytes = Buffer.from(input.contentBase64, 'base64');
  // A QuickBooks export is converted to this kind's canonical columns first; every check below is the same.
  const sheet = input.source === 'quickbooks' ? await readQuickBooksSheet(db, kind, input.fileName, bytes) : await readSheet(input.fileName, bytes);
  const errors: ImportError[] = [];
  const addError = (e: ImportError) => {
    if (errors.length < MAX_ERRORS) errors.push(e);
  };
  const specs = columnSpecs[kind];
  const mapping = detectMapping(kind, sheet.headers);

  // An explicit mapping overrides detection, column by column (null: do not import that column).
  const headerByNorm = new Map(sheet.headers.map((h) => [h.trim().toLowerCase(), h]));
  for (const [canonical, source] of Object.entries(input.mapping ?? {})) {
    if (!specs.some((s) => s.name === canonical)) {
      addError({
        line: sheet.headerLine,
        column: canonical,
        reason: `is not a column of a ${kind} import; the columns are ${specs.map((s) => s.name).join(', ')}`,
      });
      continue;
    }
    if (source === null) {
      mapping[canonical] = null;
      continue;
    }
    const found = headerByNorm.get(source.trim().toLowerCase());
    if (!found)
      addError({
        line: sheet.headerLine,
        column: canonical,
        reason: `is mapped to "${source}", which is not a column of the file (its columns: ${sheet.headers.filter(Boolean).join(', ')})`,
      });
    else {
      // A source column feeds one canonical column: the explicit choice wins over a detected one.
      for (const [c, s] of Object.entries(mapping)) if (s === found && c !== canonical) mapping[c] = null;
      mapping[canonical] = found;
    }
  }
  for (const spec of specs) {
    if (spec.required && !mapping[spec.name]) {
      addError({
        line: sheet.headerLine,
        column: spec.name,
        reason: `required column is missing (headers accepted: ${[spec.name, ...spec.aliases.slice(0, 4)].join(', ')}…); add it or map it to a column of the file`,
      });
    }
  }
  // Rows the reader could not take (a quote never closed, a value too many...) are errors as they are.
  if (errors.length > 0) return { sheet, mapping, errors: [...errors, ...sheet.problems].slice(0, MAX_ERRORS), plans: [], rowCount: sheet.rows.length };
  sheet.problems.forEach(addError);
  const unread = new Set(sheet.problems.map((p) => p.line));

  const index = new Map<string, number>();
  sheet.headers.forEach((h, i) => {
    if (!index.has(h)) index.set(h, i);
  });
  const colIndex = (canonical: string) => (mapping[canonical] ? index.get(mapping[canonical]!) : undefined);
  const columnLabel = (canonical: string) => (mapping[canonical] && sheet.sourceColumns?.[mapping[canonical]!]) || mapping[canonical] || canonical;

  const mode = input.allocationMode ?? 'oldest_first';
  // As in the file, the rows sharing a payment reference are one payment: the first row holds the group.
  const grouped = kind === 'payments' && mode === 'as_in_file';
  const groups = new Map<string, RowPlan>();
  const cutOver = kind === 'open_items' ? checkCutOver(input.cutOverDate, today, sheet.headerLine, addError) : null;

  // Pass 1: every cell, then each row's own values.
  const plans: RowPlan[] = [];
  const seen = new Map<string, number>();
  const keyColumn = specs[0]!.name;
  // IBANs and bank account numbers are long digit runs: their codecs refuse card numbers, not the cell rule.
  const bankNumberCells = new Set(kind === 'accounts' ? [colIndex('bank_iban'), colIndex('bank_account_number')].filter((i) => i !== undefined) : []);
  for (const row of sheet.rows) {
    if (unread.has(row.line)) continue;
    let rowOk = true;
    const fail = (canonical: string, reason: string) => {
      rowOk = false;
      addError({ line: row.line, column: columnLabel(canonical), reason });
    };
    row.cells.forEach((text, i) => {
      const problem = bankNumberCells.has(i) ? checkBankNumberCell(text) : checkCell(text);
      if (problem) {
        rowOk = false;
        addError({ line: row.line, column: sheet.sourceColumns?.[sheet.headers[i] ?? ''] || sheet.headers[i] || `column ${i + 1}`, reason: problem });
      }
    });
    if (!rowOk) continue;
    const get = (canonical: string) => {
      const i = colIndex(canonical);
      return i === undefined ? '' : (row.cells[i] ?? '').trim();
    };
    const required = (canonical: string) => {
      const v = get(canonical);
      if (!v) fail(canonical, 'is empty; this column is required');
      return v;
    };

    const key = required(keyColumn);
    const accountNumber = kind === 'accounts' ? key : required('account_number');
    if (key) {
      const prev = seen.get(normKey(key));
      if (prev !== undefined && !grouped) fail(keyColumn, `duplicate ${keyColumn.replace(/_/g, ' ')} "${key}" in the file (also on line ${prev})`);
      else seen.set(normKey(key), row.line);
    }
    const plan: RowPlan = {
      line: row.line,
      key,
      keyNorm: normKey(key),
      hash: '',
      amountCents: 0,
      duplicate: false,
      accountNumber,
      accountId: null,
      lines: [row.line],
    };
    const reader: RowReader = { line: row.line, key, get, required, fail };

    if (kind === 'accounts') {
      const kindText = get('kind');
      let accountKind: 'consumer' | 'commercial' = 'consumer';
      if (kindText) {
        const k = parseKind(kindText);
        if (k.ok) accountKind = k.value;
        else fail('kind', k.reason);
      }
      let creditLimitCents: number | null = null;
      if (get('credit_limit')) {
        const a = parseAmount(get('credit_limit'), { allowZero: true });
        if (a.ok) creditLimitCents = a.value;
        else fail('credit_limit', a.reason);
      }
      const tz = get('time_zone');
      if (tz && !isIanaTimeZone(tz)) fail('time_zone', `is not a time zone (${tz}); use an IANA name such as America/Chicago`);
      const terms = get('terms');
      if (terms && !parseTerms(terms)) fail('terms', `are not terms Ledgerdesk reads (${terms}); write them like Net 30, Due on receipt or 2/10 Net 30`);
      const name = required('name');
      const phone = get('phone');
      const email = get('email');
      const contactName = get('contact_name') || name;
      const candidate = {
        accountNumber: key,
        name,
        kind: accountKind,
        contacts:
          phone || email || get('contact_name')
            ? [
                {
                  name: contactName,
                  isPrimary: true,
                  phones: phone ? [{ label: 'Phone', number: phone }] : [],
                  emails: email ? [{ label: 'Email', email }] : [],
                },
              ]
            : [],
        billingAddress: {
          line1: get('address_line1'),
          line2: get('address_line2'),
          city: get('city'),
          state: get('state').toUpperCase(),
          postalCode: get('postal_code'),
          country: (get('country') || 'US').toUpperCase(),
        },
        timeZone: tz || undefined,
        terms: terms || undefined,
        creditLimitCents,
        notes: get('notes'),
      };
      const bank = readBankColumns(get, fail, name);
      if (!rowOk) continue;
      const parsed = accountCreateSchema.safeParse(candidate);
      if (!parsed.success) {
        for (const issue of parsed.error.issues) fail(columnForAccountPath(issue.path), issue.message);
        continue;
      }
      plan.account = parsed.data;
      if (bank) plan.bankAccount = bank;
      plan.hash = sha(parsed.data);
    } else if (kind === 'invoices') {
      const date = parseDate(required('invoice_date'));
      if (get('invoice_date') && !date.ok) fail('invoice_date', date.reason);
      const amount = get('amount') ? parseAmount(get('amount')) : null;
      if (!get('amount')) required('amount');
      else if (amount && !amount.ok) fail('amount', amount.reason);
      let terms: string | undefined;
      if (get('due_date')) {
        const due = parseDate(get('due_date'));
        if (!due.ok) fail('due_date', due.reason);
        else if (date.ok) {
          const t = termsFromDates(date.value, due.value);
          if (t.ok) terms = t.value;
          else fail('due_date', t.reason);
        }
      } else if (get('terms')) {
        const t = parseTerms(get('terms'));
        if (!t) fail('terms', `are not terms Ledgerdesk reads (${get('terms')}); write them like Net 30, Due on receipt or 2/10 Net 30`);
        else terms = t.label;
      }
      if (!rowOk || !date.ok || !amount?.ok) continue;
      const parsed = invoiceCreateDraftSchema.safeParse({
        accountId: 1,
        invoiceDate: date.value,
        terms,
        poNumber: get('po_number'),
        memo: get('memo'),
        lines: [
          {
            itemCode: get('item_code') || 'IMPORT',
            description: get('description') || `Imported invoice ${key}`,
            quantityMilli: 1000,
            unitPriceCents: amount.value,
            taxRateBp: 0,
          },
        ],
      });
      if (!parsed.success) {
        for (const issue of parsed.error.issues) fail(columnForInvoicePath(issue.path), issue.message);
        continue;
      }
      const { accountId: _a, ...invoice } = parsed.data;
      plan.invoice = invoice;
      plan.amountCents = amount.value;
      plan.hash = sha({ accountNumber: normKey(accountNumber), ...invoice });
    } else if (kind === 'credit_notes') {
      const read = readCreditNoteRow(reader, today);
      if (!read || !rowOk) continue;
      plan.creditNote = read.note;
      plan.applications = read.application ? [read.application] : [];
      plan.amountCents = read.note.amountCents;
      plan.hash = sha({
        accountNumber: normKey(accountNumber),
        ...read.note,
        invoice: normKey(get('invoice_number')),
        applied: read.application?.requestedCents ?? null,
      });
    } else if (kind === 'open_items') {
      const item = readOpenItemRow(reader, cutOver);
      if (!item || !rowOk) continue;
      plan.openItem = item;
      plan.amountCents = item.kind === 'invoice' ? item.openCents : -item.openCents;
      // The cut-over date is part of what was posted: the same file as of another day is other values.
      plan.hash = sha({ accountNumber: normKey(accountNumber), ...item, cutOver });
    } else {
      const date = parseDate(required('payment_date'));
      if (get('payment_date') && !date.ok) fail('payment_date', date.reason);
      if (date.ok && date.value > today) fail('payment_date', `is in the future (${date.value}; today is ${today})`);
      const amount = get('amount') ? parseAmount(get('amount')) : null;
      if (!get('amount')) required('amount');
      else if (amount && !amount.ok) fail('amount', amount.reason);
      let method: PaymentData['method'] = get('check_number') ? 'check' : 'bank_transfer';
      if (get('method')) {
        const m = parseMethod(get('method'));
        if (m.ok) method = m.value;
        else fail('method', m.reason);
      }
      const last4 = get('card_last4');
      if (last4 && !/^\d{4}$/.test(last4)) fail('card_last4', 'must be exactly the last 4 digits of the card');
      const applied = get('applied_amount') ? parseAmount(get('applied_amount'), { allowZero: true }) : null;
      if (applied && !applied.ok) fail('applied_amount', applied.reason);
      if (applied && !grouped) fail('applied_amount', 'is read only when payments are applied as in the file; choose that mode, or leave the column out');
      if (!rowOk || !date.ok || !amount?.ok) continue;
      const parsed = paymentPostSchema.safeParse({
        accountId: 1,
        date: date.value,
        method,
        amountCents: amount.value,
        reference: key,
        checkNumber: get('check_number'),
        cardLast4: last4,
        memo: get('memo'),
      });
      if (!parsed.success) {
        for (const issue of parsed.error.issues) fail(columnForPaymentPath(issue.path), issue.message);
        continue;
      }
      const { accountId: _a, allocation: _al, ...payment } = parsed.data;
      plan.payment = { ...payment, invoiceDocumentId: null };
      plan.amountCents = amount.value;
      plan.hash = sha({ accountNumber: normKey(accountNumber), invoice: normKey(get('invoice_number')), ...payment });
      plan.invoiceRef = get('invoice_number');
      if (grouped) {
        const requestedCents = applied?.ok ? applied.value : null;
        plan.applications =
          plan.invoiceRef || applied ? [{ line: row.line, invoiceRef: plan.invoiceRef, requestedCents, invoiceDocumentId: null, plannedCents: 0 }] : [];
        const first = groups.get(plan.keyNorm);
        if (first) {
          if (rowOk) joinPayment(first, plan, fail);
          continue;
        }
        groups.set(plan.keyNorm, plan);
      }
    }
    if (rowOk) plans.push(plan);
  }
  // One key per payment: a payment of several rows is hashed over all of them (a single row keeps the hash above).
  for (const g of groups.values())
    if (g.lines.length > 1 || g.applications!.some((a) => a.requestedCents !== null))
      g.hash = sha({
        accountNumber: normKey(g.accountNumber),
        ...g.payment,
        applications: g.applications!.map((a) => ({ invoice: normKey(a.invoiceRef), applied: a.requestedCents })),
      });

  // Pass 2: against the store: accounts, already imported keys, named invoices.
  const numbers = [...new Set(plans.map((p) => normKey(p.accountNumber)))];
  const accounts = new Map(
    (
      await inChunks(numbers, 500, (chunk) =>
        db.selectFrom('account').select(['id', 'account_number_norm', 'status']).where('account_number_norm', 'in', chunk).execute(),
      )
    ).map((a) => [a.account_number_norm, a]),
  );
  const keys = new Map(
    (
      await inChunks(
        plans.map((p) => p.keyNorm),
        500,
        (chunk) =>
          imp(db)
            .selectFrom('import_key')
            .select(['key_norm', 'row_hash', 'batch_id', 'line'])
            .where('kind', '=', kind)
            .where('key_norm', 'in', chunk)
            .execute(),
      )
    ).map((k) => [k.key_norm, k]),
  );
  const ready: RowPlan[] = [];
  for (const plan of plans) {
    const fail = (canonical: string, reason: string) => addError({ line: plan.line, column: columnLabel(canonical), reason });
    const prior = keys.get(plan.keyNorm);
    const acct = accounts.get(normKey(plan.accountNumber));
    if (kind === 'accounts') {
      if (prior && prior.row_hash !== plan.hash) {
        fail(
          keyColumn,
          `account ${plan.key} was imported before (batch ${prior.batch_id}, line ${prior.line}) with different values; edit the account in Ledgerdesk instead`,
        );
        continue;
      }
      // An account number already in the store (imported or typed in) is skipped: the account exists.
      plan.duplicate = !!acct;
      plan.accountId = acct?.id ?? null;
      ready.push(plan);
      continue;
    }
    if (prior) {
      if (prior.row_hash !== plan.hash)
        fail(
          keyColumn,
          `"${plan.key}" was imported before (batch ${prior.batch_id}, line ${prior.line}) with different values; a posted document is corrected with a new document, not by re-importing`,
        );
      else {
        plan.duplicate = true;
        ready.push(plan);
      }
      continue;
    }
    if (!acct) {
      fail('account_number', `unknown account "${plan.accountNumber}": no account has this number (import the accounts first)`);
      continue;
    }
    if (acct.status === 'closed') {
      fail('account_number', `account ${plan.accountNumber} is closed; reopen it before importing to it`);
      continue;
    }
    plan.accountId = acct.id;
    ready.push(plan);
  }

  // Rows naming an invoice: a Ledgerdesk number or an imported invoice's own number, on the same account.
  if (kind === 'payments' || kind === 'credit_notes') {
    const fresh = ready.filter((p) => !p.duplicate);
    const apps = (p: RowPlan): Application[] =>
      p.applications ?? (p.invoiceRef ? [{ line: p.line, invoiceRef: p.invoiceRef, requestedCents: null, invoiceDocumentId: null, plannedCents: 0 }] : []);
    const found = await findInvoices(
      db,
      fresh.flatMap((p) => apps(p).flatMap((a) => (a.invoiceRef ? [a.invoiceRef] : []))),
    );
    const open = new Map<number, number>();
    for (const plan of fresh) {
      plan.applications = apps(plan);
      for (const a of plan.applications) {
        if (!a.invoiceRef) continue;
        const match = found.get(a.invoiceRef);
        const fail = (reason: string) => addError({ line: a.line, column: columnLabel('invoice_number'), reason });
        if (!match?.isOpenItem) fail(`unknown invoice "${a.invoiceRef}": no invoice has this number`);
        else if (match.accountId !== plan.accountId) fail(`invoice "${a.invoiceRef}" belongs to another account, not ${plan.accountNumber}`);
        else {
          a.invoiceDocumentId = match.id;
          if (!open.has(match.id)) open.set(match.id, match.openCents);
        }
      }
      if (plan.payment) plan.payment.invoiceDocumentId = plan.applications[0]?.invoiceDocumentId ?? null;
    }
    // As in the file (and credit notes): what each row applies, in file order, against what is open then.
    if (grouped || kind === 'credit_notes')
      for (const plan of fresh)
        plan.unappliedCents = planApplications(
          plan.amountCents,
          plan.applications!,
          open,
          (line, column, reason) => addError({ line, column: columnLabel(column), reason }),
          { reference: plan.key, noun: kind === 'payments' ? 'payment' : 'credit note' },
        );
  }
  const bad = new Set(errors.map((e) => e.line));
  return { sheet, mapping, errors, plans: ready.filter((p) => !p.lines.some((l) => bad.has(l))), rowCount: sheet.rows.length };
}

/** Open items are as of the cut-over date: required, and not in the future. */
function checkCutOver(date: IsoDate | undefined, today: IsoDate, headerLine: number, addError: (e: ImportError) => void): IsoDate | null {
  const column = 'cut-over date';
  if (!date) addError({ line: headerLine, column, reason: "is required for open items: the day the old system's open items are as of" });
  else if (date > today) addError({ line: headerLine, column, reason: `is in the future (${formatDate(date)}; today is ${formatDate(today)})` });
  else return date;
  return null;
}

/** A further row of a payment as in the file: its payment cells must be the first row's; its invoice joins the payment. */
function joinPayment(first: RowPlan, row: RowPlan, fail: (canonical: string, reason: string) => void): void {
  const a = first.payment!;
  const b = row.payment!;
  const cells: [string, unknown, unknown][] = [
    ['account_number', normKey(first.accountNumber), normKey(row.accountNumber)],
    ['payment_date', a.date, b.date],
    ['amount', a.amountCents, b.amountCents],
    ['method', a.method, b.method],
    ['check_number', a.checkNumber, b.checkNumber],
    ['card_last4', a.cardLast4, b.cardLast4],
  ];
  const differs = cells.find(([, x, y]) => x !== y);
  if (differs) {
    fail(
      differs[0],
      `differs from line ${first.line}, the first row of payment "${first.key}": a payment's ${differs[0].replace(/_/g, ' ')} is the same on all its rows`,
    );
    return;
  }
  first.lines.push(row.line);
  first.applications!.push(...row.applications!);
}

function columnForAccountPath(path: PropertyKey[]): string {
  const [head, second, third] = path.map(String);
  if (head === 'billingAddress')
    return (
      (
        { line1: 'address_line1', line2: 'address_line2', city: 'city', state: 'state', postalCode: 'postal_code', country: 'country' } as Record<
          string,
          string
        >
      )[second ?? ''] ?? 'address_line1'
    );
  if (head === 'contacts') return third === 'phones' ? 'phone' : third === 'emails' ? 'email' : 'contact_name';
  return (
    (
      {
        accountNumber: 'account_number',
        name: 'name',
        kind: 'kind',
        timeZone: 'time_zone',
        terms: 'terms',
        creditLimitCents: 'credit_limit',
        notes: 'notes',
      } as Record<string, string>
    )[head ?? ''] ?? 'name'
  );
}
function columnForInvoicePath(path: PropertyKey[]): string {
  const [head, , leaf] = path.map(String);
  if (head === 'lines') return leaf === 'itemCode' ? 'item_code' : leaf === 'description' ? 'description' : 'amount';
  return ({ poNumber: 'po_number', memo: 'memo', invoiceDate: 'invoice_date', terms: 'terms' } as Record<string, string>)[head ?? ''] ?? 'invoice_number';
}
function columnForPaymentPath(path: PropertyKey[]): string {
  const head = String(path[0]);
  return (
    (
      {
        reference: 'payment_reference',
        checkNumber: 'check_number',
        cardLast4: 'card_last4',
        memo: 'memo',
        method: 'method',
        amountCents: 'amount',
        date: 'payment_date',
      } as Record<string, string>
    )[head] ?? 'payment_reference'
  );
}

function previewOf(input: ImportInput, a: Analysis): ImportPreview {
  const toPost = a.plans.filter((p) => !p.duplicate);
  const planned = input.kind === 'credit_notes' || input.kind === 'payments';
  const allocations = allocationsOf(toPost, planned);
  const index = new Map(a.sheet.headers.map((h, i) => [h, i] as const));
  return {
    kind: input.kind,
    fileName: input.fileName,
    format: a.sheet.format,
    detectedColumns: a.sheet.headers,
    mapping: a.mapping,
    columns: columnSpecs[input.kind].map((s) => ({ name: s.name, required: s.required, help: s.help })),
    rows: a.rowCount,
    errors: a.errors,
    errorsTruncated: a.errors.length >= MAX_ERRORS,
    sample: a.sheet.rows.slice(0, SAMPLE_ROWS).map((r) => ({
      line: r.line,
      values: Object.fromEntries(
        Object.entries(a.mapping)
          .filter(([, src]) => src)
          .map(([c, src]) => [c, r.cells[index.get(src!)!] ?? '']),
      ),
    })),
    totals: {
      rows: a.rowCount,
      rowsWithErrors: new Set(a.errors.filter((e) => e.line !== a.sheet.headerLine).map((e) => e.line)).size,
      toPost: a.errors.length === 0 ? toPost.length : 0,
      duplicates: a.plans.filter((p) => p.duplicate).length,
      amountCents: toPost.reduce((s, p) => s + p.amountCents, 0),
      appliedCents: allocations.applied,
      unappliedCents: allocations.unapplied,
    },
    allocations: allocations.rows,
  };
}

const ALLOCATION_ROWS = 200;

/** Per row, what the rows to post apply and leave unapplied (payments as in the file, credit notes). */
function allocationsOf(plans: RowPlan[], planned: boolean): { rows: ImportAllocation[]; applied: number; unapplied: number } {
  const rows: ImportAllocation[] = [];
  let applied = 0;
  let unapplied = 0;
  if (!planned) return { rows, applied, unapplied };
  for (const p of plans) {
    const apps: Application[] = p.applications?.length
      ? p.applications
      : [{ line: p.line, invoiceRef: '', requestedCents: null, invoiceDocumentId: null, plannedCents: 0 }];
    apps.forEach((a, i) => {
      const left = i === apps.length - 1 ? (p.unappliedCents ?? 0) : 0;
      applied += a.plannedCents;
      unapplied += left;
      if (rows.length < ALLOCATION_ROWS)
        rows.push({ line: a.line, paymentReference: p.key, invoiceNumber: a.invoiceRef || null, appliedCents: a.plannedCents, unappliedCents: left });
    });
  }
  return { rows, applied, unapplied };
}

/** As in the file: the applications planned while checking the file; the rest stays unapplied. */
function asInFile(apps: Application[]) {
  const lines = allocationLines(apps).map((l) => ({ documentId: l.documentId, amountCents: cents(l.amountCents) }));
  return lines.length ? { mode: 'manual' as const, lines } : { mode: 'none' as const };
}

/** How a payment naming an invoice is applied: that invoice first, the rest oldest due first. */
async function allocationFor(p: Posting, accountId: number, amount: Cents, invoiceId: number | null) {
  if (invoiceId === null) return { mode: 'auto' as const };
  const open = await openDebits(p.trx, accountId);
  const lines: { documentId: number; amountCents: Cents }[] = [];
  let left: number = amount;
  const named = open.find((d) => d.id === invoiceId);
  for (const d of named ? [named, ...open.filter((o) => o !== named)] : open) {
    if (left <= 0) break;
    const take = Math.min(left, d.open_cents);
    if (take > 0) lines.push({ documentId: d.id, amountCents: cents(take) });
    left -= take;
  }
  return lines.length ? { mode: 'manual' as const, lines } : { mode: 'none' as const };
}

/** One fixed statement per row (ledger/raw.ts): building the query for each of 20,000 rows cost more than the insert. */
const INSERT_KEY = 'INSERT INTO import_key (kind, key_norm, key, batch_id, line, row_hash, account_id, document_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?)';

export function createImportsService(ctx: ServiceContext) {
  return {
    /** Read, map and check a file, report every row's problems and what posting would do. Writes nothing. */
    async preview(input: ImportInput): Promise<ImportPreview> {
      const today = await businessToday(ctx.db, ctx.clock);
      const a = await analyze(ctx.db, input, today);
      // Oldest due first: the preview works out what posting will apply (posting does it again as it goes).
      if (input.kind === 'payments' && input.allocationMode !== 'as_in_file')
        await planOldestFirst(
          ctx.db,
          a.plans.filter((p) => !p.duplicate),
          (p) => p.payment!.invoiceDocumentId,
        );
      return previewOf(input, a);
    },

    /**
     * Post a file: all rows or none (one transaction). Any problem found in the file or while posting
     * throws VALIDATION with every row error in `details.errors`, and nothing is posted. Rows already
     * imported are skipped.
     */
    async post(actor: Actor, input: ImportInput): Promise<ImportSummary> {
      const bytes = Buffer.from(input.contentBase64, 'base64');
      const summary = await ctx.db.transaction().execute(async (trx: Trx) => {
        const today = await businessToday(trx, ctx.clock);
        const a = await analyze(trx, input, today);
        if (a.errors.length > 0) {
          throw new DomainError(
            'VALIDATION',
            `${input.fileName}: ${a.errors.length}${a.errors.length >= MAX_ERRORS ? '+' : ''} problem(s) found; nothing was posted. First: line ${a.errors[0]!.line}, ${a.errors[0]!.column}: ${a.errors[0]!.reason}`,
            { errors: a.errors },
          );
        }
        const p: Posting = { trx, clock: ctx.clock, actor };
        // The posting functions' fixed statements run on the connection this transaction holds (ledger/raw.ts).
        runDirect(trx, ctx.store.sqlite);
        // Read once for the file, not per invoice (the whole import is one transaction).
        const invoiceSettings = input.kind === 'invoices' ? await readInvoiceSettings(trx) : undefined;
        const now = ctx.clock.now().toISOString();
        const toPost = a.plans.filter((r) => !r.duplicate);
        const batch = await imp(trx)
          .insertInto('import_batch')
          .values({
            kind: input.kind,
            file_name: input.fileName,
            file_sha256: createHash('sha256').update(bytes).digest('hex'),
            row_count: a.rowCount,
            posted: toPost.length,
            skipped: a.plans.length - toPost.length,
            amount_cents: toPost.reduce((s, r) => s + r.amountCents, 0),
            created_at: now,
            created_by: actor.username,
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        let done = 0;
        for (const row of toPost) {
          let accountId = row.accountId;
          let documentId: number | null = null;
          try {
            if (input.kind === 'accounts') {
              accountId = await insertAccount(p, row.account!);
              if (row.bankAccount) await addBankAccountInTrx(p, { ...row.bankAccount, accountId });
            } else if (input.kind === 'invoices')
              documentId = (await createAndPostInvoice(p, { ...row.invoice!, accountId: row.accountId! }, today, invoiceSettings)).id;
            else if (row.creditNote) documentId = await postCreditNoteRow(p, row.accountId!, row.creditNote, row.applications?.[0] ?? null, today);
            else if (row.openItem) documentId = await postOpenItem(p, row.accountId!, row.key, row.openItem, input.cutOverDate!, today);
            else {
              const { invoiceDocumentId, ...pay } = row.payment!;
              const allocation =
                input.allocationMode === 'as_in_file'
                  ? asInFile(row.applications!)
                  : await allocationFor(p, row.accountId!, pay.amountCents, invoiceDocumentId);
              documentId = (await postPaymentInTrx(p, { ...pay, accountId: row.accountId!, allocation }, today)).payment.id;
            }
          } catch (err) {
            if (err instanceof DomainError) {
              const error = { line: row.line, column: columnSpecs[input.kind][0]!.name, reason: err.message };
              throw new DomainError('VALIDATION', `${input.fileName}: line ${row.line} could not be posted: ${err.message} Nothing was posted.`, {
                errors: [error],
              });
            }
            throw err;
          }
          await sqlRun(trx, INSERT_KEY, [input.kind, row.keyNorm, row.key, batch.id, row.line, row.hash, accountId, documentId]);
          if (++done % 500 === 0) ctx.emit('progress', { task: 'import', done, total: toPost.length, label: input.fileName });
        }
        const result: ImportSummary = {
          batchId: batch.id,
          kind: input.kind,
          fileName: input.fileName,
          rows: a.rowCount,
          posted: toPost.length,
          skippedAsDuplicates: a.plans.length - toPost.length,
          amountCents: toPost.reduce((s, r) => s + r.amountCents, 0),
        };
        await appendAudit(trx, ctx.clock, actor, { action: 'import.post', entity: 'import_batch', entityId: batch.id, after: result });
        return result;
      });
      if (summary.posted > 0) ctx.emit('data.changed', { domains: [...receivablesDomains, 'imports'] });
      return summary;
    },
  };
}
export type ImportsService = ReturnType<typeof createImportsService>;

/** For the CLI: the file's bytes as the endpoint takes them. */
export function importInputFromFile(kind: ImportKind, fileName: string, bytes: Buffer, mapping?: Record<string, string | null>): ImportInput {
  if (bytes.length === 0) throw invalid(`${fileName} is empty.`);
  return { kind, fileName, contentBase64: bytes.toString('base64'), mapping };
}
export { normalizeHeader };

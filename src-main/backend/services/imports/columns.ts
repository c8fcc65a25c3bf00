/**
 * The canonical columns of each import kind, with the header spellings accepted for each. Matching is
 * case-insensitive and ignores spaces and punctuation ("Acct #" = "acct number" = "ACCT_NUMBER").
 * docs/import.md lists the same table for people; keep the two in step.
 */
import { importKindValues } from '@shared/ipc/contract/imports';
import { bankAccountColumns } from './bank-columns';

export const importKinds = importKindValues;
export type ImportKind = (typeof importKinds)[number];

export interface ColumnSpec {
  /** Canonical name, as written in docs/import.md and accepted as a header. */
  name: string;
  required: boolean;
  /** Other headers that mean the same column. */
  aliases: string[];
  help: string;
}

const accountNumber: ColumnSpec = {
  name: 'account_number',
  required: true,
  aliases: [
    'account',
    'account no',
    'account num',
    'acct',
    'acct no',
    'acct num',
    'acct number',
    'acct #',
    'account #',
    'account id',
    'customer number',
    'customer no',
    'customer #',
    'customer id',
    'patient number',
    'patient account',
    'patient id',
    'guarantor number',
  ],
  help: 'The account number (letters, digits, . - / _).',
};

export const columnSpecs: Record<ImportKind, ColumnSpec[]> = {
  accounts: [
    { ...accountNumber, help: 'The account number; it is also the import key: an account number already in the store is skipped.' },
    {
      name: 'name',
      required: true,
      aliases: [
        'account name',
        'customer name',
        'customer',
        'client',
        'client name',
        'patient name',
        'guarantor',
        'guarantor name',
        'company',
        'company name',
        'full name',
        'debtor',
        'debtor name',
      ],
      help: 'Person or business name.',
    },
    {
      name: 'kind',
      required: false,
      aliases: ['type', 'account type', 'customer type', 'category'],
      help: 'consumer (default) or commercial; also accepts individual/person/personal and business/company/corporate.',
    },
    { name: 'contact_name', required: false, aliases: ['contact', 'attention', 'attn'], help: 'A contact person (defaults to the name).' },
    {
      name: 'phone',
      required: false,
      aliases: ['phone number', 'telephone', 'tel', 'phone 1', 'primary phone', 'home phone', 'mobile', 'cell', 'cell phone'],
      help: '7 to 15 digits; punctuation allowed.',
    },
    { name: 'email', required: false, aliases: ['email address', 'e-mail', 'e mail', 'mail'], help: 'An email address.' },
    {
      name: 'address_line1',
      required: false,
      aliases: ['address', 'address 1', 'address1', 'street', 'street address', 'billing address', 'line 1'],
      help: 'Street address.',
    },
    { name: 'address_line2', required: false, aliases: ['address 2', 'address2', 'suite', 'apt', 'unit', 'line 2'], help: 'Suite, apartment.' },
    { name: 'city', required: false, aliases: ['town', 'billing city'], help: 'City.' },
    {
      name: 'state',
      required: false,
      aliases: ['st', 'state code', 'province', 'region', 'billing state'],
      help: 'US state code (sets the account time zone).',
    },
    { name: 'postal_code', required: false, aliases: ['zip', 'zip code', 'zipcode', 'postcode', 'postal', 'billing zip'], help: 'ZIP or postal code.' },
    { name: 'country', required: false, aliases: ['country code'], help: 'Two-letter country code (default US).' },
    { name: 'terms', required: false, aliases: ['payment terms', 'term'], help: 'e.g. Net 30, Due on receipt, 2/10 Net 30 (default: the company default).' },
    { name: 'credit_limit', required: false, aliases: ['limit', 'credit line'], help: 'An amount in dollars.' },
    { name: 'time_zone', required: false, aliases: ['timezone', 'tz', 'zone'], help: 'IANA zone such as America/Chicago (default: from the state).' },
    { name: 'notes', required: false, aliases: ['note', 'comments', 'comment', 'remarks'], help: 'Free text.' },
    ...bankAccountColumns,
  ],
  invoices: [
    {
      name: 'invoice_number',
      required: true,
      aliases: [
        'invoice',
        'invoice no',
        'invoice num',
        'invoice #',
        'inv',
        'inv no',
        'inv #',
        'inv number',
        'invoice id',
        'invoice ref',
        'invoice reference',
        'external ref',
        'external reference',
        'reference',
        'ref',
        'document number',
        'doc number',
        'claim number',
        'claim #',
      ],
      help: "The invoice's number in the system it comes from: the import key. Ledgerdesk gives the invoice its own INV- number when posting.",
    },
    accountNumber,
    {
      name: 'invoice_date',
      required: true,
      aliases: ['date', 'inv date', 'invoice dt', 'bill date', 'billed date', 'service date', 'date of service', 'dos', 'document date'],
      help: 'YYYY-MM-DD or MM/DD/YYYY.',
    },
    {
      name: 'due_date',
      required: false,
      aliases: ['due', 'due dt', 'payment due', 'date due'],
      help: 'YYYY-MM-DD or MM/DD/YYYY; sets the terms to Net N days. When missing the terms set it.',
    },
    {
      name: 'terms',
      required: false,
      aliases: ['payment terms', 'term'],
      help: "e.g. Net 30 (default: the account's terms). Ignored when a due date is given.",
    },
    {
      name: 'amount',
      required: true,
      aliases: ['total', 'invoice amount', 'invoice total', 'amount due', 'balance', 'charge', 'charges', 'amt', 'total amount'],
      help: 'The invoice total in dollars, more than zero (e.g. 1,234.56 or $1234.56).',
    },
    {
      name: 'description',
      required: false,
      aliases: ['desc', 'service', 'service description', 'item description', 'details', 'line description'],
      help: 'Line description (default: "Imported invoice <number>").',
    },
    {
      name: 'item_code',
      required: false,
      aliases: ['item', 'code', 'service code', 'cpt', 'cpt code', 'procedure code', 'sku', 'product code'],
      help: 'Item or CPT/HCPCS code (default IMPORT).',
    },
    { name: 'po_number', required: false, aliases: ['po', 'po #', 'po no', 'purchase order', 'purchase order number'], help: 'Customer purchase order.' },
    { name: 'memo', required: false, aliases: ['note', 'notes', 'comment', 'comments'], help: 'Free text.' },
  ],
  payments: [
    {
      name: 'payment_reference',
      required: true,
      aliases: [
        'reference',
        'ref',
        'ref #',
        'ref no',
        'reference number',
        'payment ref',
        'payment id',
        'payment number',
        'payment #',
        'transaction id',
        'transaction number',
        'trans id',
        'confirmation',
        'confirmation number',
        'deposit reference',
        'lockbox reference',
      ],
      help: 'A reference unique to this payment (bank transaction id, lockbox item): the import key.',
    },
    accountNumber,
    {
      name: 'payment_date',
      required: true,
      aliases: ['date', 'paid date', 'date paid', 'received', 'received date', 'date received', 'deposit date', 'posting date', 'pmt date'],
      help: 'YYYY-MM-DD or MM/DD/YYYY; not in the future.',
    },
    {
      name: 'amount',
      required: true,
      aliases: ['payment amount', 'amount paid', 'paid', 'payment', 'amt', 'pmt amount', 'total'],
      help: 'In dollars, more than zero.',
    },
    {
      name: 'method',
      required: false,
      aliases: ['payment method', 'pay method', 'type', 'payment type', 'tender', 'tender type'],
      help: 'cash, check, card, ach or bank transfer (default: check when a check number is given, else bank transfer).',
    },
    { name: 'check_number', required: false, aliases: ['check', 'check no', 'check #', 'check num', 'cheque', 'cheque number'], help: 'Required for checks.' },
    {
      name: 'card_last4',
      required: false,
      aliases: ['last 4', 'last4', 'card last 4', 'card last four', 'last four', 'card'],
      help: 'The last 4 digits of the card; required for card payments. A full card number is refused.',
    },
    {
      name: 'invoice_number',
      required: false,
      aliases: ['invoice', 'invoice no', 'invoice #', 'inv', 'inv #', 'inv no', 'applies to', 'apply to', 'invoice ref'],
      help: "The invoice it pays: a Ledgerdesk number (INV-000123) or the invoice's imported number. When empty: oldest due first, or (as in the file) a payment on account.",
    },
    appliedAmount('As in the file: what this row applies to its invoice (default: as much as the payment and the invoice allow).'),
    { name: 'memo', required: false, aliases: ['note', 'notes', 'comment', 'comments', 'description'], help: 'Free text.' },
  ],
  credit_notes: [
    {
      name: 'credit_note_number',
      required: true,
      aliases: ['credit note', 'credit note no', 'credit memo', 'credit memo number', 'credit memo no', 'credit number', 'cm number', 'cm #', 'number', 'num'],
      help: "The credit note's number in the system it comes from: the import key. Ledgerdesk gives it its own number when posting.",
    },
    accountNumber,
    {
      name: 'credit_date',
      required: true,
      aliases: ['date', 'credit memo date', 'credit note date', 'document date', 'txn date'],
      help: 'YYYY-MM-DD or MM/DD/YYYY; not in the future.',
    },
    {
      name: 'amount',
      required: true,
      aliases: ['credit amount', 'total', 'amt', 'credit'],
      help: 'The credit in dollars; a negative amount (-25.00, (25.00)) is read as the same credit.',
    },
    { name: 'reason', required: true, aliases: ['credit reason', 'why', 'reason code'], help: 'Why the credit was given (Goodwill, Return...).' },
    {
      name: 'invoice_number',
      required: false,
      aliases: ['invoice', 'invoice no', 'invoice #', 'inv', 'inv #', 'applies to', 'apply to'],
      help: 'The invoice it credits (Ledgerdesk or imported number); when empty the credit stays unapplied.',
    },
    appliedAmount('What the credit applies to its invoice (default: as much as is open).'),
    { name: 'description', required: false, aliases: ['desc', 'memo', 'note', 'notes'], help: 'Free text.' },
  ],
  open_items: [
    {
      name: 'document_number',
      required: true,
      aliases: ['num', 'number', 'invoice number', 'invoice no', 'invoice #', 'doc number', 'document no', 'ref', 'reference', 'ref no'],
      help: "The open item's number in the old system: the import key.",
    },
    accountNumber,
    {
      name: 'kind',
      required: false,
      aliases: ['type', 'document type', 'txn type', 'transaction type'],
      help: 'invoice (default) or credit (credit memo, payment, credit note); a negative amount is a credit too.',
    },
    { name: 'document_date', required: true, aliases: ['date', 'invoice date', 'txn date', 'doc date'], help: 'On or before the cut-over date.' },
    {
      name: 'due_date',
      required: false,
      aliases: ['due', 'date due', 'due dt'],
      help: 'Invoices: sets the terms to Net N days (default: due on the document date).',
    },
    {
      name: 'original_amount',
      required: true,
      aliases: ['amount', 'original', 'orig amount', 'total', 'invoice amount'],
      help: 'The amount of the document when it was issued.',
    },
    {
      name: 'open_amount',
      required: true,
      aliases: ['open balance', 'open', 'balance', 'amount open', 'balance due', 'amount due', 'remaining'],
      help: 'What is still open on the cut-over date: more than zero, at most the original amount.',
    },
    { name: 'description', required: false, aliases: ['desc', 'memo', 'note', 'notes'], help: 'Free text.' },
  ],
};

function appliedAmount(help: string): ColumnSpec {
  return { name: 'applied_amount', required: false, aliases: ['applied', 'amount applied', 'applied amt', 'payment applied', 'allocated'], help };
}

/** "Acct #" -> "acctnumber"; "E-mail" -> "email"; "account_number" -> "accountnumber". */
export function normalizeHeader(h: string): string {
  return h
    .normalize('NFKC')
    .toLowerCase()
    .replace(/#/g, ' number ')
    .replace(/\bno\b\.?/g, ' number ')
    .replace(/\bnum\b/g, ' number ')
    .replace(/[^a-z0-9]+/g, '');
}

/** Auto-detect: canonical column -> the first source header that names it (its own name or an alias). */
export function detectMapping(kind: ImportKind, headers: string[]): Record<string, string | null> {
  const byNorm = new Map<string, string>();
  for (const h of headers) {
    const n = normalizeHeader(h);
    if (n && !byNorm.has(n)) byNorm.set(n, h);
  }
  const used = new Set<string>();
  const mapping: Record<string, string | null> = {};
  // Canonical names first (an exact "reference" column beats the alias "reference" of another column), then aliases in order.
  for (const spec of columnSpecs[kind]) {
    const src = byNorm.get(normalizeHeader(spec.name));
    mapping[spec.name] = src && !used.has(src) ? src : null;
    if (mapping[spec.name]) used.add(mapping[spec.name]!);
  }
  for (const spec of columnSpecs[kind]) {
    if (mapping[spec.name]) continue;
    for (const alias of spec.aliases) {
      const src = byNorm.get(normalizeHeader(alias));
      if (src && !used.has(src)) {
        mapping[spec.name] = src;
        used.add(src);
        break;
      }
    }
  }
  return mapping;
}

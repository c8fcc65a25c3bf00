import {
  type BankAccountAddInput,
  bankAccountTypes,
  type BankAccountType,
  checkAccountNumber,
  checkBic,
  checkIban,
  checkRoutingNumber,
} from '@shared/domain/bank-accounts';
import { hasControlCharacters } from '@shared/domain/text';
import type { ColumnSpec } from './columns';

/**
 * The accounts import's optional bank-account columns (issue 15): a US account (routing number, account
 * number, type) or an IBAN and BIC, checked by the same codecs as the screen, so that a bad check digit is
 * a row error naming its column. docs/import.md lists them for people.
 */
export const bankAccountColumns: ColumnSpec[] = [
  {
    name: 'bank_holder',
    required: false,
    aliases: ['bank account holder', 'account holder', 'holder', 'holder name'],
    help: 'The bank account holder (default: the account name).',
  },
  {
    name: 'bank_routing_number',
    required: false,
    aliases: ['routing number', 'routing', 'aba', 'aba number', 'routing no'],
    help: 'US: the nine-digit ABA routing number (check digit checked).',
  },
  {
    name: 'bank_account_number',
    required: false,
    aliases: ['bank account', 'bank account no', 'dda', 'dda number'],
    help: 'US: the bank account number, 4 to 17 digits.',
  },
  { name: 'bank_account_type', required: false, aliases: ['checking or savings'], help: 'US: checking (default) or savings.' },
  {
    name: 'bank_iban',
    required: false,
    aliases: ['iban'],
    help: 'An IBAN instead of a US account (spaces and lower case allowed; country length and check digits checked).',
  },
  { name: 'bank_bic', required: false, aliases: ['bic', 'swift', 'swift code', 'bic swift'], help: 'The BIC of an IBAN account, 8 or 11 characters.' },
];

export type ImportedBankAccount = Omit<BankAccountAddInput, 'accountId'>;

const typeWords: Record<string, BankAccountType> = { checking: 'checking', chk: 'checking', c: 'checking', savings: 'savings', sav: 'savings', s: 'savings' };

/** The row's bank account, or null when its bank columns are empty; each problem is reported on its column. */
export function readBankColumns(get: (c: string) => string, fail: (c: string, reason: string) => void, accountName: string): ImportedBankAccount | null {
  const [holder, routing, number, typeText, iban, bic] = bankAccountColumns.map((c) => get(c.name));
  if (!routing && !number && !typeText && !iban && !bic && !holder) return null;
  const holderName = holder || accountName;
  if (holderName.length > 120) fail('bank_holder', 'is longer than 120 characters');
  if (iban || bic) {
    if (routing || number || typeText) {
      fail(iban ? 'bank_iban' : 'bank_bic', 'give either a US routing and account number or an IBAN, not both');
      return null;
    }
    const i = checkIban(iban ?? '');
    if (!iban) fail('bank_iban', 'is empty; a BIC needs the IBAN of its account');
    else if (!i.ok) fail('bank_iban', i.reason);
    const b = bic ? checkBic(bic) : null;
    if (b && !b.ok) fail('bank_bic', b.reason);
    if (!i.ok || (b && !b.ok)) return null;
    return { holderName, scheme: 'iban', iban: i.value, bic: b?.value ?? '' };
  }
  const r = checkRoutingNumber(routing ?? '');
  if (!routing) fail('bank_routing_number', 'is empty; a bank account number needs its routing number');
  else if (!r.ok) fail('bank_routing_number', r.reason);
  const n = checkAccountNumber(number ?? '');
  if (!number) fail('bank_account_number', 'is empty; a routing number needs the account number');
  else if (!n.ok) fail('bank_account_number', n.reason);
  const accountType = typeText ? typeWords[typeText.toLowerCase()] : 'checking';
  if (!accountType) fail('bank_account_type', `is not ${bankAccountTypes.join(' or ')} (${typeText})`);
  if (!r.ok || !n.ok || !accountType) return null;
  return { holderName, scheme: 'us_aba', routingNumber: r.value, accountNumber: n.value, accountType };
}

/**
 * The cell rule for bank_iban and bank_account_number: control characters only. The import's card-number
 * rule would refuse a spaced IBAN (GB82 WEST 1234 5698 7654 32 holds a 14-digit run) and long account
 * numbers; their codecs refuse card numbers themselves, so none is stored.
 */
export function checkBankNumberCell(text: string): string | null {
  return hasControlCharacters(text) ? 'contains control characters (invisible characters that are not text); remove them' : null;
}

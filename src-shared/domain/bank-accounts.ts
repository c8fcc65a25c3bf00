import { electronicFormatIBAN, isValidBIC, validateIBAN, ValidationErrorsIBAN } from 'ibantools';
import { z } from 'zod';
import { containsCardNumber, looksLikeCardNumber } from './card-numbers';
import { paymentText } from './payments';
import { idSchema, requiredText } from './text';

/**
 * Customers' bank (debit) accounts: one codec per number. A check says only that a number is well formed
 * (its length and check digits), never that the account exists or belongs to the holder.
 */
export type Checked = { ok: true; value: string } | { ok: false; reason: string };

export const bankAccountSchemes = ['us_aba', 'iban'] as const;
export type BankAccountScheme = (typeof bankAccountSchemes)[number];
export const bankAccountTypes = ['checking', 'savings'] as const;
export type BankAccountType = (typeof bankAccountTypes)[number];
export const bankAccountTypeLabels: Record<BankAccountType, string> = { checking: 'Checking', savings: 'Savings' };
export type BankAccountStatus = 'active' | 'unusable';
export const bankAccountStatusLabels: Record<BankAccountStatus, string> = { active: 'Active', unusable: 'Unusable' };

/** What the screens say under a number that passed its check. */
export const CHECKSUM_CAVEAT = 'A valid check digit only means the number is well formed, not that the account exists or belongs to the holder.';

/** Digits only; spaces and dashes between digits, as people type them, are dropped. */
const digitsOf = (input: string) => input.trim().replace(/[ -]/g, '');

/** ABA routing number: nine digits whose weighted sum (3, 7, 1 repeating) is a multiple of ten. */
export function checkRoutingNumber(input: string): Checked {
  const d = digitsOf(input);
  if (!/^\d{9}$/.test(d)) return { ok: false, reason: 'a routing number has nine digits' };
  const weights = [3, 7, 1, 3, 7, 1, 3, 7, 1];
  const sum = weights.reduce((acc, w, i) => acc + w * Number(d[i]), 0);
  if (sum % 10 !== 0) return { ok: false, reason: 'the routing number fails its check digit (a digit is wrong or two are swapped)' };
  return { ok: true, value: d };
}

/** US account number: 4 to 17 digits (NACHA's DFI account number field), never a card number. */
export function checkAccountNumber(input: string): Checked {
  const d = digitsOf(input);
  if (!/^\d{4,17}$/.test(d)) return { ok: false, reason: 'an account number has 4 to 17 digits' };
  if (looksLikeCardNumber(d)) return { ok: false, reason: 'this looks like a card number; never enter one (card payments keep the last 4 digits only)' };
  return { ok: true, value: d };
}

/** IBAN in its electronic form: spaces and dashes dropped, upper case. */
export function normalizeIban(input: string): string {
  return electronicFormatIBAN(input.trim()) ?? '';
}

const ibanReasons: Partial<Record<ValidationErrorsIBAN, string>> = {
  [ValidationErrorsIBAN.NoIBANCountry]: 'the IBAN does not start with a known country code',
  [ValidationErrorsIBAN.WrongBBANLength]: 'the IBAN has the wrong length for its country',
  [ValidationErrorsIBAN.WrongBBANFormat]: 'the IBAN does not have its country\u2019s format',
  [ValidationErrorsIBAN.ChecksumNotNumber]: 'the IBAN\u2019s check digits (3rd and 4th characters) are not digits',
  [ValidationErrorsIBAN.WrongIBANChecksum]: 'the IBAN fails its check digits (a character is wrong or two are swapped)',
  [ValidationErrorsIBAN.WrongAccountBankBranchChecksum]: 'the IBAN fails its country\u2019s bank or branch check',
};

/** IBAN (ISO 13616): the country's length and format and the mod-97 check, through ibantools. */
export function checkIban(input: string): Checked {
  const iban = normalizeIban(input);
  if (!iban) return { ok: false, reason: 'enter the IBAN' };
  const result = validateIBAN(iban);
  if (result.valid) return { ok: true, value: iban };
  const first = result.errorCodes[0];
  return { ok: false, reason: (first !== undefined && ibanReasons[first]) || 'the IBAN is not valid' };
}

/** BIC (ISO 9362): 8 or 11 characters, through ibantools; upper-cased. */
export function checkBic(input: string): Checked {
  const bic = input.trim().replace(/ /g, '').toUpperCase();
  if (bic.length !== 8 && bic.length !== 11) return { ok: false, reason: 'a BIC has 8 or 11 characters' };
  if (!isValidBIC(bic)) return { ok: false, reason: 'the BIC is not valid (bank code, country code, location)' };
  return { ok: true, value: bic };
}

/** The only way a bank account number reaches a screen unrevealed: bullets and the last 4. */
export function maskAccountNumber(numberOrLast4: string): string {
  return `\u2022\u2022\u2022\u2022${numberOrLast4.slice(-4)}`;
}

/** The last 4 characters kept beside the full number (digits for US accounts, the IBAN's tail). */
export const lastFour = (number: string) => number.slice(-4);

// ---- Endpoint inputs ----

const numberText = (label: string, max: number) =>
  z
    .string()
    .max(max, `${label} must be at most ${max} characters`)
    .refine((s) => !/[^\dA-Za-z -]/.test(s), `${label}: letters, digits and spaces only`);

export const bankAccountAddSchema = z
  .object({
    accountId: idSchema,
    holderName: requiredText('Holder name', 120).refine((s) => !containsCardNumber(s), 'Holder name looks like a full card number; never enter one'),
    scheme: z.enum(bankAccountSchemes),
    routingNumber: numberText('Routing number', 20).default(''),
    accountNumber: numberText('Account number', 30).default(''),
    accountType: z.enum(bankAccountTypes).optional(),
    iban: numberText('IBAN', 50).default(''),
    bic: numberText('BIC', 15).default(''),
  })
  .superRefine((p, ctx) => {
    const fail = (path: string, label: string, r: Checked) => {
      if (!r.ok) ctx.addIssue({ code: 'custom', path: [path], message: `${label}: ${r.reason}` });
    };
    if (p.scheme === 'us_aba') {
      fail('routingNumber', 'Routing number', checkRoutingNumber(p.routingNumber));
      fail('accountNumber', 'Account number', checkAccountNumber(p.accountNumber));
      if (!p.accountType) ctx.addIssue({ code: 'custom', path: ['accountType'], message: 'Account type: choose checking or savings' });
      if (p.iban || p.bic) ctx.addIssue({ code: 'custom', path: ['iban'], message: 'IBAN and BIC belong to an IBAN account, not a US one' });
    } else {
      fail('iban', 'IBAN', checkIban(p.iban));
      if (p.bic) fail('bic', 'BIC', checkBic(p.bic));
      if (p.routingNumber || p.accountNumber || p.accountType)
        ctx.addIssue({ code: 'custom', path: ['routingNumber'], message: 'Routing and account numbers belong to a US account, not an IBAN one' });
    }
  });
export type BankAccountAddInput = z.input<typeof bankAccountAddSchema>;

export const bankAccountListSchema = z.object({ accountId: idSchema, activeOnly: z.boolean().default(false) });
export const bankAccountRevealSchema = z.object({ bankAccountId: idSchema });
export const bankAccountMarkUnusableSchema = z.object({
  bankAccountId: idSchema,
  reason: paymentText('Reason', 200).pipe(z.string().min(1, 'Reason is required')),
});

/** A bank account as every screen sees it: masked. */
export interface BankAccountSummary {
  id: number;
  accountId: number;
  holderName: string;
  scheme: BankAccountScheme;
  routingNumber: string | null;
  accountType: BankAccountType | null;
  bic: string | null;
  /** '••••1234' */
  masked: string;
  status: BankAccountStatus;
  unusableReason: string | null;
  createdAt: string;
}

/** What a reveal returns: the full number, once, audited. */
export interface BankAccountRevealed {
  id: number;
  number: string;
}

/** How a bank account is named in a list or a picker: 'Checking ••••6789 (Ann Lee)'. */
export function bankAccountLabel(b: Pick<BankAccountSummary, 'scheme' | 'accountType' | 'masked' | 'holderName'>): string {
  const kind = b.scheme === 'iban' ? 'IBAN' : b.accountType ? bankAccountTypeLabels[b.accountType] : 'Account';
  return `${kind} ${b.masked} (${b.holderName})`;
}

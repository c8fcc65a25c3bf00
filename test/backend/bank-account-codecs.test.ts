import { describe, expect, it } from 'vitest';
import { looksLikeCardNumber } from '@shared/domain/card-numbers';
import { textField } from '@shared/domain/text';
import { accountCreateSchema } from '@shared/domain/accounts';
import { reconciliationNoteSchema } from '@shared/domain/reconciliation';
import { paymentPostSchema, reversalSchema } from '@shared/domain/payments';
import {
  bankAccountAddSchema,
  checkAccountNumber,
  checkBic,
  checkIban,
  checkRoutingNumber,
  maskAccountNumber,
  normalizeIban,
} from '@shared/domain/bank-accounts';

describe('ABA routing numbers (3-7-1 check digit)', () => {
  // Published routing numbers: Federal Reserve Bank of Boston, JPMorgan Chase (New York), Bank of America (New York), Bank of America (Texas).
  const published = ['011000015', '021000021', '026009593', '111000025', '122105278'];
  it.each(published)('accepts %s', (n) => expect(checkRoutingNumber(n)).toEqual({ ok: true, value: n }));

  it.each(published)('refuses %s with its last digit changed', (n) => {
    const changed = n.slice(0, 8) + String((Number(n[8]) + 1) % 10);
    const r = checkRoutingNumber(changed);
    expect(r.ok).toBe(false);
    expect(!r.ok && r.reason).toMatch(/check digit/);
  });

  it('refuses two swapped digits, wrong lengths and letters, saying why', () => {
    expect(checkRoutingNumber('201000021').ok).toBe(false); // 021000021 with its first two digits swapped
    expect(checkRoutingNumber('02100002')).toEqual({ ok: false, reason: 'a routing number has nine digits' });
    expect(checkRoutingNumber('0210000211').ok).toBe(false);
    expect(checkRoutingNumber('02100002A').ok).toBe(false);
  });

  it('takes spaces and dashes as typed', () => {
    expect(checkRoutingNumber(' 0210-0002-1 ')).toEqual({ ok: true, value: '021000021' });
  });
});

describe('US account numbers', () => {
  it('takes 4 to 17 digits', () => {
    expect(checkAccountNumber('1234')).toEqual({ ok: true, value: '1234' });
    expect(checkAccountNumber('12345678901234567')).toEqual({ ok: true, value: '12345678901234567' });
    expect(checkAccountNumber('123').ok).toBe(false);
    expect(checkAccountNumber('123456789012345678').ok).toBe(false);
  });
  it('refuses a card number (network prefix and Luhn), not any long number', () => {
    expect(looksLikeCardNumber('4111111111111111')).toBe(true);
    expect(checkAccountNumber('4111 1111 1111 1111')).toMatchObject({ ok: false, reason: expect.stringMatching(/card number/) });
    expect(checkAccountNumber('5500005555555559').ok).toBe(false);
    // Same length, Luhn fails: a bank account number.
    expect(checkAccountNumber('4111111111111112').ok).toBe(true);
    // Luhn passes, no card network starts with 9.
    expect(looksLikeCardNumber('9111111111111110')).toBe(false);
  });
});

describe('a full card number typed anywhere (textField) is refused', () => {
  const note = textField('Note', 500);
  it.each([
    ['a Visa test number', 'Customer read out 4111111111111111 on the phone'],
    ['spaced and dashed', 'card 4111 1111-1111 1111 exp 12/29'],
    ['American Express, 15 digits', '378282246310005'],
    ['Mastercard 2-series', '2223003122003222'],
  ])('refuses %s, naming the field', (_what, text) => {
    const r = note.safeParse(text);
    expect(r.success).toBe(false);
    expect(r.error?.issues[0]?.message).toBe('Note looks like a full card number; never enter one (card payments keep the last 4 digits only)');
  });
  it.each([
    ['a Medicare claim number (13 digits, no card network)', 'Claim 1234567890123 denied, resubmitted'],
    ['an ACH trace number', 'Trace 071000010000123'],
    ['a card-like number whose check digit fails', '4111111111111112'],
    ['the last 4 only', 'Card ending 1111'],
  ])('keeps %s', (_what, text) => {
    expect(note.parse(text)).toBe(text);
  });
  it('reaches the endpoints through their schemas: an account name, a reconciliation note', () => {
    const name = accountCreateSchema.safeParse({ accountNumber: 'A-1', name: 'Pat 4111111111111111', kind: 'commercial' });
    expect(name.error?.issues.map((i) => [i.path.join('.'), i.message])).toEqual([
      ['name', expect.stringMatching(/^Account name looks like a full card number/)],
    ]);
    const note = reconciliationNoteSchema.safeParse({ reconciliationId: 1, subject: 'deposit', subjectId: 1, note: 'Paid by 5555 5555 5555 4444' });
    expect(note.success).toBe(false);
  });
});

describe('IBANs (ISO 13616 through ibantools)', () => {
  const published = ['GB82 WEST 1234 5698 7654 32', 'DE89 3704 0044 0532 0130 00', 'FR14 2004 1010 0505 0001 3M02 606', 'NL91 ABNA 0417 1643 00'];
  it.each(published)('accepts %s and stores it without spaces', (n) => {
    expect(checkIban(n)).toEqual({ ok: true, value: n.replace(/ /g, '') });
  });
  it('normalizes lower case with spaces', () => {
    expect(normalizeIban(' gb82 west 1234 5698 7654 32 ')).toBe('GB82WEST12345698765432');
    expect(checkIban('de89 3704 0044 0532 0130 00')).toEqual({ ok: true, value: 'DE89370400440532013000' });
  });
  it('refuses a digit changed (mod 97), naming the check digits', () => {
    const r = checkIban('GB82 WEST 1234 5698 7654 33');
    expect(r).toMatchObject({ ok: false, reason: expect.stringMatching(/check digits/) });
    expect(checkIban('DE89 3704 0044 0532 0130 01').ok).toBe(false);
    expect(checkIban('FR14 2004 1010 0505 0001 3M02 607').ok).toBe(false);
  });
  it('refuses the wrong length for the country and an unknown country', () => {
    expect(checkIban('DE89 3704 0044 0532 0130 0')).toMatchObject({ ok: false, reason: expect.stringMatching(/length/) });
    expect(checkIban('GB82 WEST 1234 5698 7654 321').ok).toBe(false);
    expect(checkIban('XX82 WEST 1234 5698 7654 32')).toMatchObject({ ok: false, reason: expect.stringMatching(/country/) });
    expect(checkIban('')).toMatchObject({ ok: false });
  });
});

describe('BICs', () => {
  it('takes 8 or 11 characters, upper-cased', () => {
    expect(checkBic('DEUTDEFF')).toEqual({ ok: true, value: 'DEUTDEFF' });
    expect(checkBic('deutdeff500')).toEqual({ ok: true, value: 'DEUTDEFF500' });
    expect(checkBic('DEUTDEF').ok).toBe(false);
    expect(checkBic('DEUT12FF').ok).toBe(false); // the country code must be letters
  });
});

describe('masking and the add input', () => {
  it('shows four bullets and the last 4 only', () => {
    expect(maskAccountNumber('000123456789')).toBe('••••6789');
    expect(maskAccountNumber('DE89370400440532013000')).toBe('••••3000');
  });
  it('names the field that fails', () => {
    const r = bankAccountAddSchema.safeParse({
      accountId: 1,
      holderName: 'Ann Lee',
      scheme: 'us_aba',
      routingNumber: '021000022',
      accountNumber: '12345678',
      accountType: 'checking',
    });
    expect(r.success).toBe(false);
    expect(r.error?.issues.map((i) => [i.path.join('.'), i.message])).toEqual([['routingNumber', expect.stringMatching(/^Routing number: .*check digit/)]]);
    const ok = bankAccountAddSchema.safeParse({ accountId: 1, holderName: 'Ann Lee', scheme: 'iban', iban: 'gb82 west 1234 5698 7654 32', bic: 'NWBKGB2L' });
    expect(ok.success).toBe(true);
    const mixed = bankAccountAddSchema.safeParse({
      accountId: 1,
      holderName: 'Ann Lee',
      scheme: 'us_aba',
      routingNumber: '021000021',
      accountNumber: '12345678',
    });
    expect(mixed.error?.issues[0]?.path).toEqual(['accountType']);
  });
});

describe('card numbers in payment free text', () => {
  const card = '4111 1111 1111 1111';
  it('are refused in the reference, memo and check number, and in a reversal reason', () => {
    const base = { accountId: 1, method: 'check' as const, checkNumber: '1001', amountCents: 100 };
    for (const field of ['reference', 'memo', 'checkNumber'])
      expect(paymentPostSchema.safeParse({ ...base, [field]: card }).error?.issues[0]?.message).toMatch(/full card number/);
    expect(reversalSchema.safeParse({ paymentId: 1, reason: `card ${card} disputed` }).error?.issues[0]?.message).toMatch(/full card number/);
    expect(reversalSchema.safeParse({ paymentId: 1, reason: ' ' }).error?.issues[0]?.message).toBe('Reason is required');
    expect(reversalSchema.safeParse({ paymentId: 1, reason: 'Bounced, card ending 1111' }).success).toBe(true);
  });
  it("are refused in a bank account's holder name", () => {
    const r = bankAccountAddSchema.safeParse({ accountId: 1, holderName: card, scheme: 'iban', iban: 'GB82 WEST 1234 5698 7654 32' });
    expect(r.error?.issues[0]?.message).toMatch(/full card number/);
  });
});

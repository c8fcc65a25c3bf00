import type { TextInputProps } from '@mantine/core';
import type { LedgerView } from '@shared/domain/ledger';
import { formatDate } from '@shared/dates';
import { formatMoney, parseMoney } from '@shared/money';
import { AmountInput } from '../../components/AmountInput';

/** The account's payments not reversed yet (a reversal's description names the payment it reverses). */
export function unreversedPayments(ledger: LedgerView) {
  const reversed = new Set(ledger.entries.filter((e) => e.kind === 'reversal').map((e) => /of (\S+?)(:|$)/.exec(e.description)?.[1]));
  return ledger.entries.filter((e) => e.kind === 'payment' && !reversed.has(e.number ?? ''));
}

/** The payments as a Select's choices: number, date, amount and description. */
export function paymentChoices(payments: LedgerView['entries']) {
  return payments.map((p) => ({
    value: String(p.documentId),
    label: `${p.number} · ${formatDate(p.date)} · ${formatMoney(p.creditCents)} · ${p.description}`,
  }));
}

/** A returned-payment fee as typed: empty is none (0); cents is null when it is not an amount, ok false when it is not one or below zero. */
export function parseFee(text: string): { cents: number | null; ok: boolean } {
  const cents = text.trim() ? parseMoney(text) : 0;
  return { cents, ok: cents !== null && cents >= 0 };
}

/** What a reversal's message adds when it posted a fee: the fee documents' numbers. */
export function feePosted(related: { number: string }[]): string {
  return related.length ? `; fee ${related.map((x) => x.number).join(', ')} posted` : '';
}

/** The returned-payment fee field, optional; `invalid` shows it is not an amount. */
export function ReturnedFeeInput({ invalid, ...rest }: { invalid: boolean } & TextInputProps) {
  return <AmountInput label="Returned-payment fee" description="Optional" placeholder="0.00" error={invalid ? 'Not an amount' : undefined} {...rest} />;
}

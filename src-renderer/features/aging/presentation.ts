import { agingBucketIndex, agingBucketLabels, type AgingPresentation, type AgingSettings } from '@shared/domain/aging';
import { formatMoney } from '@shared/money';

/**
 * The presentation options as one choice (the Aging screen's "Open credits" menu and its URL value):
 * where credits go, by which date when aged, and whether payments are kept apart.
 */
export const presentationChoices: { value: string; label: string; p: AgingPresentation }[] = [
  { value: 'column', label: 'In the Unapplied column', p: { creditPresentation: 'column', creditAgingDate: 'document', prepaymentsApart: false } },
  {
    value: 'column-apart',
    label: 'Unapplied column, prepayments apart',
    p: { creditPresentation: 'column', creditAgingDate: 'document', prepaymentsApart: true },
  },
  { value: 'aged', label: 'Aged by their date', p: { creditPresentation: 'aged', creditAgingDate: 'document', prepaymentsApart: false } },
  { value: 'aged-due', label: 'Aged by due date', p: { creditPresentation: 'aged', creditAgingDate: 'due', prepaymentsApart: false } },
  {
    value: 'aged-apart',
    label: 'Aged by their date, prepayments apart',
    p: { creditPresentation: 'aged', creditAgingDate: 'document', prepaymentsApart: true },
  },
  { value: 'aged-due-apart', label: 'Aged by due date, prepayments apart', p: { creditPresentation: 'aged', creditAgingDate: 'due', prepaymentsApart: true } },
];

/** The choice for a presentation (the aging date does not matter while credits sit in a column). */
export function choiceOf(p: AgingPresentation): string {
  if (p.creditPresentation === 'column') return p.prepaymentsApart ? 'column-apart' : 'column';
  return `aged${p.creditAgingDate === 'due' ? '-due' : ''}${p.prepaymentsApart ? '-apart' : ''}`;
}

export function presentationOfChoice(value: string | null): AgingPresentation | undefined {
  return presentationChoices.find((c) => c.value === value)?.p;
}

/** One sentence with example amounts: where a credit note and a payment on account show under these options. */
export function presentationPreview(s: Pick<AgingSettings, 'currentThroughDays' | 'edges'> & AgingPresentation): string {
  const labels = agingBucketLabels(s);
  const bucket = (days: number) => labels[agingBucketIndex(days, s)]!;
  const [noteAmount, note] = [formatMoney(5000), formatMoney(-5000)];
  const [payAmount, pay] = [formatMoney(10000), formatMoney(-10000)];
  const byDue = s.creditAgingDate === 'due';
  const creditNote =
    s.creditPresentation === 'column'
      ? `a credit note of ${noteAmount} not yet applied shows as ${note} under Unapplied`
      : `a credit note of ${noteAmount} ${byDue ? 'due' : 'dated'} 45 days ago shows as ${note} under ${bucket(45)}`;
  const payment = s.prepaymentsApart
    ? `a payment on account of ${payAmount} as ${pay} under Prepayments`
    : s.creditPresentation === 'column'
      ? `a payment on account of ${payAmount} as ${pay} under Unapplied`
      : `a payment on account of ${payAmount} received 10 days ago as ${pay} under ${bucket(10)}`;
  return `For example, ${creditNote}, and ${payment}; the account total is the same either way.`;
}

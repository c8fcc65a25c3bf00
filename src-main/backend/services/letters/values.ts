import type { AccountDetail } from '@shared/domain/accounts';
import type { PaymentPlan } from '@shared/domain/collections-policy';
import type { Letterhead } from '@shared/domain/documents';
import type { LetterValues } from '@shared/domain/letters';
import type { Role } from '@shared/domain/users';
import type { IsoDate } from '@shared/dates';
import { formatDate } from '@shared/dates';
import { formatMoney } from '@shared/money';
import type { Services } from '../index';
import { mailingAddressOf } from '../documents/address';
import { addressLines } from '../documents/letterhead';

/** Who makes the letter: their name signs it (clerkName); a supervisor's also fills supervisorName. */
export interface LetterClerk {
  name: string | null;
  role: Role | null;
}

/** What a letter is merged with, and the figures the gates need. */
export interface LoadedLetterValues {
  account: AccountDetail;
  values: LetterValues;
  amountPastDueCents: number;
}

const frequencyWords = { weekly: 'weekly', biweekly: 'every two weeks', monthly: 'monthly' } as const;

/** "6 installments of $100.00, monthly, from Jan 5, 2027 ($600.00 in all; $400.00 still to pay)". */
function planSummary(p: PaymentPlan): string {
  const installments = p.installments.filter((i) => i.seq > 0);
  const amount = installments[0]?.amountCents ?? 0;
  const down = p.downPaymentCents > 0 ? `a down payment of ${formatMoney(p.downPaymentCents)}, then ` : '';
  return `${down}${p.installmentCount} installments of ${formatMoney(amount)}, ${frequencyWords[p.frequency]}, from ${formatDate(p.firstDate)} (${formatMoney(p.totalCents)} in all; ${formatMoney(p.remainingCents)} still to pay)`;
}

/**
 * A letter's merge values for one account, from the services the screens use: accounts.get (name,
 * contact, address), aging.detail and aging.summary as of today (open items, past due, buckets, late
 * fees: the aging report's figures), promises.list (the pending promise), plans.list (the current or
 * late plan and its next installment), the letterhead (company), and the user making the letter.
 * The validation notice's itemization fields are not filled: an office that sends it as a third-party
 * collector words them in the letter (they stay MISSING_FIELD until then).
 */
export async function loadLetterValues(
  services: Services,
  input: {
    accountId: number;
    today: IsoDate;
    payByDate: IsoDate;
    clerk: LetterClerk;
    letterhead: Letterhead;
    companyName: string;
    /** The text names {{supervisorName}}: only then are the users read for it (a run makes many letters). */
    supervisor: boolean;
  },
): Promise<LoadedLetterValues> {
  const { accountId, today } = input;
  const [account, detail, summary, promises, plans, supervisor] = await Promise.all([
    services.accounts.get(accountId),
    services.aging.detail({ asOf: today, accountId }),
    services.aging.summary({ asOf: today, accountId }),
    services.promises.list(accountId, today),
    services.plans.list({ accountId, asOf: today }),
    input.supervisor ? supervisorName(services, input.clerk) : null,
  ]);
  const row = summary.rows.find((r) => r.accountId === accountId);
  const pastDue = detail.rows.filter((r) => r.bucket > 0);
  const amountPastDueCents = pastDue.reduce((s, r) => s + r.openCents, 0);
  const oldest = pastDue.reduce<string | null>((m, r) => (m === null || r.dueDate < m ? r.dueDate : m), null);
  const promise = promises.find((p) => p.status === 'pending') ?? null;
  const plan = plans.find((p) => p.status === 'current' || p.status === 'late') ?? null;
  const contact = account.contacts.find((c) => c.isPrimary) ?? account.contacts[0] ?? null;
  const { letterhead } = input;
  const values: LetterValues = {
    accountName: account.name,
    accountNumber: account.accountNumber,
    // A person's own account is addressed to them; a business without a contact falls back to “customer”.
    contactName: contact?.name ?? (account.kind === 'consumer' ? account.name : null),
    mailingAddress: addressLines(mailingAddressOf(account)),
    today,
    amountPastDue: amountPastDueCents,
    totalDue: Math.max(0, row?.totalCents ?? 0),
    oldestDueDate: oldest,
    openItems: detail.rows.map((r) => ({
      number: r.number ?? '',
      date: r.docDate,
      dueDate: r.dueDate,
      amountCents: r.totalCents,
      balanceCents: r.openCents,
      daysPastDue: r.daysPastDue,
    })),
    agingBuckets: summary.bucketLabels.map((label, i) => ({ label, balanceCents: row?.buckets[i] ?? 0 })),
    lateFees: detail.rows.filter((r) => r.kind === 'fee').reduce((s, r) => s + r.openCents, 0),
    promiseAmount: promise?.amountCents ?? null,
    promiseDate: promise?.dueDate ?? null,
    planSummary: plan ? planSummary(plan) : null,
    nextInstallmentAmount: plan?.nextDue?.amountCents ?? null,
    nextInstallmentDate: plan?.nextDue?.dueDate ?? null,
    payByDate: input.payByDate,
    clerkName: input.clerk.name,
    clerkTitle: null,
    supervisorName: supervisor,
    companyName: letterhead.legalName.trim() || input.companyName,
    companyAddress: addressLines(letterhead.address),
    companyPhone: letterhead.phone,
    creditorName: letterhead.legalName.trim() || input.companyName,
  };
  return { account, values, amountPastDueCents };
}

/** The supervisor a letter names: the user making it when a supervisor, else the first active supervisor by name. */
async function supervisorName(services: Services, clerk: LetterClerk): Promise<string | null> {
  if (clerk.role === 'supervisor' && clerk.name) return clerk.name;
  const users = await services.users.list();
  const sup = users.filter((u) => u.role === 'supervisor' && u.active).sort((a, b) => a.displayName.localeCompare(b.displayName))[0];
  return sup?.displayName ?? null;
}

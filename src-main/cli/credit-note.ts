import os from 'node:os';
import { readDate } from '@shared/dates';
import { creditNoteSchema } from '@shared/domain/invoices';
import { formatMoney, readMoney } from '@shared/money';
import { DomainError } from '../backend/errors';
import { CliError, openBackend, type Command } from './common';

/** The schema's fields as the command line names them, for its messages. */
const optionNames: Record<string, string> = { amountCents: 'amount', reason: 'reason', date: 'date', accountId: 'ACCOUNT', invoiceId: 'invoice' };

/**
 * `credit-note ACCOUNT --amount 12.34 --reason "..." [--invoice NUMBER] [--date YYYY-MM-DD]`: a credit
 * note posted as invoices.postCreditNote posts the app's, audited as `cli:<login>`; naming no invoice,
 * it stays unapplied credit on the account until applied.
 */
export const creditNoteCommand: Command = async (opts, positionals, out) => {
  const [accountNumber] = positionals;
  if (!accountNumber) throw new CliError('credit-note: give the account number, e.g. credit-note 100123 --amount 25.00 --reason "Goodwill".');
  if (typeof opts.amount !== 'string') throw new CliError('credit-note: --amount AMOUNT is required, e.g. --amount 25.00.');
  const amount = readMoney(opts.amount, { zero: false });
  if (!amount.ok) throw new CliError(`credit-note: --amount ${amount.reason}.`);
  if (typeof opts.reason !== 'string') throw new CliError('credit-note: --reason "..." is required.');
  let date: string | undefined;
  if (typeof opts.date === 'string') {
    const r = readDate(opts.date);
    if (!r.ok) throw new CliError(`credit-note: --date ${r.reason}`);
    date = r.value;
  }
  const backend = openBackend(opts);
  try {
    const { db } = backend.ctx;
    const account = await db.selectFrom('account').select('id').where('account_number', '=', accountNumber).executeTakeFirst();
    if (!account) throw new CliError(`credit-note: there is no account numbered ${accountNumber}.`);
    let invoiceId: number | undefined;
    if (typeof opts.invoice === 'string') {
      const inv = await db
        .selectFrom('document')
        .select(['id', 'account_id'])
        .where('kind', '=', 'invoice')
        .where('number', '=', opts.invoice)
        .executeTakeFirst();
      if (!inv) throw new CliError(`credit-note: there is no invoice numbered ${opts.invoice}.`);
      if (inv.account_id !== account.id) throw new CliError(`credit-note: invoice ${opts.invoice} is not account ${accountNumber}'s.`);
      invoiceId = inv.id;
    }
    const parsed = creditNoteSchema.safeParse({ accountId: account.id, invoiceId, date, reason: opts.reason, amountCents: amount.value });
    if (!parsed.success)
      throw new CliError(
        `credit-note: ${parsed.error.issues.map((i) => `${optionNames[String(i.path[0])] ? `--${optionNames[String(i.path[0])]}` : 'credit note'}: ${i.message}`).join('; ')}`,
      );
    const actor = { userId: null, username: `cli:${os.userInfo().username}` };
    try {
      const r = await backend.services.invoices.postCreditNote(actor, parsed.data);
      out(
        `credit note ${r.number}: ${formatMoney(amount.value)} to account ${accountNumber}${invoiceId ? `, applied to invoice ${String(opts.invoice)}` : ', left as unapplied credit'}; account balance ${formatMoney(r.accountBalanceCents)}.`,
      );
      return 0;
    } catch (err) {
      if (err instanceof DomainError) throw new CliError(`credit-note: ${err.message}`);
      throw err;
    }
  } finally {
    await backend.close();
  }
};

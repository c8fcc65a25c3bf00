import { formatDate } from '../dates';
import type { DeliveryChannel, StatementType } from './documents';
import { problemText } from './documents-text';
import type { MailProblem, StatementCandidate, StatementRun } from './statements';

/** Words for statement runs on screen (codes and data cross IPC; the words are here). */
export const statementTypeLabels: Record<StatementType, string> = {
  open_item: 'Open item',
  balance_forward: 'Balance forward',
};

/** Why a statement cannot be mailed to the account, in the pipeline's own words. */
export function mailProblemText(p: MailProblem, accountId: number): string {
  return problemText({ ref: { kind: 'statement', accountId, asOf: '2000-01-01', type: 'open_item' }, number: null, accountName: null, ...p });
}

/** "Open item as of Mar 15, 2026" or "Balance forward Feb 13 – Mar 15, 2026". */
export function statementRunTitle(r: Pick<StatementRun, 'type' | 'asOf' | 'from'>): string {
  if (r.type === 'balance_forward' && r.from) return `${statementTypeLabels.balance_forward}, ${formatDate(r.from)} – ${formatDate(r.asOf)}`;
  return `${statementTypeLabels[r.type]} as of ${formatDate(r.asOf)}`;
}

/** How a saved run first went out. */
export const runChannelLabels: Record<DeliveryChannel, string> = { print: 'Printed', pdf: 'Saved as PDF', email: 'Emailed' };

/** The accounts of a selection that have no billing email: listed apart on an email run. */
export const withoutEmail = (list: readonly StatementCandidate[]) => list.filter((c) => c.email === null);

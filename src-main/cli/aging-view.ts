import Papa from 'papaparse';
import { csvText } from '@shared/csv-text';
import {
  agingDetailSchema,
  agingSummarySchema,
  creditAgingDates,
  creditPresentations,
  type AgingDetail,
  type AgingPresentation,
  type AgingSummary,
} from '@shared/domain/aging';
import { centsToDecimalString } from '@shared/money';
import { CliError } from './cli-error';
import type { CommandOptions } from './store-lite';

/** The options' names as the command line spells them, for the schema's messages. */
const optionNames: Record<string, string> = { asOf: 'as-of', basis: 'basis', creditPresentation: 'credits', creditAgingDate: 'credit-date' };

function oneOf<T extends string>(opts: CommandOptions, name: string, values: readonly T[]): T | undefined {
  const v = opts[name];
  if (v === undefined) return undefined;
  if (typeof v !== 'string' || !(values as readonly string[]).includes(v))
    throw new CliError(`--${name} must be ${values.join(' or ')}; it is '${String(v)}'.`);
  return v as T;
}

/** The query of an aging view: --as-of, --basis and the presentation of this run only (what is not given comes from the settings). */
export function agingQueryOf(opts: CommandOptions, detail: boolean): Record<string, unknown> {
  if (opts['prepayments-apart'] && opts['no-prepayments-apart']) throw new CliError('--prepayments-apart and --no-prepayments-apart contradict each other.');
  const presentation: Partial<AgingPresentation> = {};
  const credits = oneOf(opts, 'credits', creditPresentations);
  if (credits) presentation.creditPresentation = credits;
  const creditDate = oneOf(opts, 'credit-date', creditAgingDates);
  if (creditDate) presentation.creditAgingDate = creditDate;
  if (opts['prepayments-apart']) presentation.prepaymentsApart = true;
  if (opts['no-prepayments-apart']) presentation.prepaymentsApart = false;
  const query = {
    asOf: typeof opts['as-of'] === 'string' ? opts['as-of'] : undefined,
    basis: typeof opts.basis === 'string' ? opts.basis : undefined,
    ...(Object.keys(presentation).length > 0 ? { presentation } : {}),
  };
  const parsed = (detail ? agingDetailSchema : agingSummarySchema).safeParse(query);
  if (!parsed.success)
    throw new CliError(
      parsed.error.issues
        .map((i) => {
          const field = String(i.path[i.path.length - 1] ?? '');
          return `--${optionNames[field] ?? field}: ${i.message}`;
        })
        .join('; '),
    );
  return query;
}

/** One row per account, unapplied credit (and prepayments, when apart) as negative decimals, grand totals last. */
export function summaryCsv(r: AgingSummary): string {
  const apart = r.presentation.prepaymentsApart;
  const header = ['account_number', 'account_name', 'account_kind', ...r.bucketLabels, 'unapplied_credit', ...(apart ? ['prepayments'] : []), 'total'];
  const rows = r.rows.map((x) => [
    csvText(x.accountNumber),
    csvText(x.accountName),
    x.accountKind,
    ...x.buckets.map(centsToDecimalString),
    centsToDecimalString(-x.unappliedCents),
    ...(apart ? [centsToDecimalString(-x.prepaymentCents)] : []),
    centsToDecimalString(x.totalCents),
  ]);
  const t = r.totals;
  rows.push([
    'TOTAL',
    '',
    '',
    ...t.buckets.map(centsToDecimalString),
    centsToDecimalString(-t.unappliedCents),
    ...(apart ? [centsToDecimalString(-(t.prepaymentCents ?? 0))] : []),
    centsToDecimalString(t.totalCents),
  ]);
  return Papa.unparse({ fields: header, data: rows });
}

/** One row per open item (an aged credit is a negative amount in its bucket). */
export function detailCsv(r: AgingDetail): string {
  const header = ['account_number', 'account_name', 'account_kind', 'document', 'kind', 'date', 'due_date', 'days_past_due', 'bucket', 'total', 'open'];
  const rows = r.rows.map((x) => [
    csvText(x.accountNumber),
    csvText(x.accountName),
    x.accountKind,
    csvText(x.number ?? ''),
    x.kind,
    x.docDate,
    x.dueDate,
    String(x.daysPastDue),
    r.bucketLabels[x.bucket]!,
    centsToDecimalString(x.totalCents),
    centsToDecimalString(x.openCents),
  ]);
  return Papa.unparse({ fields: header, data: rows });
}

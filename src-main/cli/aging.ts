import Papa from 'papaparse';
import { csvText } from '@shared/csv-text';
import { agingDetailSchema, agingSummarySchema, type AgingDetail, type AgingSummary } from '@shared/domain/aging';
import { centsToDecimalString } from '@shared/money';
import { CliError, openBackend, type Command } from './common';

function summaryCsv(r: AgingSummary): string {
  const header = ['account_number', 'account_name', 'account_kind', ...r.bucketLabels, 'unapplied_credit', 'total'];
  const rows = r.rows.map((x) => [
    csvText(x.accountNumber),
    csvText(x.accountName),
    x.accountKind,
    ...x.buckets.map(centsToDecimalString),
    centsToDecimalString(-x.unappliedCents),
    centsToDecimalString(x.totalCents),
  ]);
  rows.push([
    'TOTAL',
    '',
    '',
    ...r.totals.buckets.map(centsToDecimalString),
    centsToDecimalString(-r.totals.unappliedCents),
    centsToDecimalString(r.totals.totalCents),
  ]);
  return Papa.unparse({ fields: header, data: rows });
}

function detailCsv(r: AgingDetail): string {
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

/**
 * `aging --as-of YYYY-MM-DD [--basis due|invoice] [--format json|csv] [--detail]`
 * Prints the aging summary (one row per account, unapplied credit subtracted in the total, grand
 * totals last) or, with --detail, one row per open item. Amounts in CSV are plain decimals.
 */
export const agingCommands: Record<string, Command> = {
  async aging(opts, _pos, out) {
    const format = opts.format === undefined ? 'json' : String(opts.format);
    if (format !== 'json' && format !== 'csv') throw new CliError('--format must be json or csv');
    const query = {
      asOf: typeof opts['as-of'] === 'string' ? opts['as-of'] : undefined,
      basis: typeof opts.basis === 'string' ? opts.basis : undefined,
    };
    const schema = opts.detail ? agingDetailSchema : agingSummarySchema;
    const parsed = schema.safeParse(query);
    if (!parsed.success)
      throw new CliError(parsed.error.issues.map((i) => `--${i.path.join('.') === 'asOf' ? 'as-of' : i.path.join('.')}: ${i.message}`).join('; '));
    const backend = openBackend(opts);
    try {
      if (opts.detail) {
        const r = await backend.services.aging.detail(agingDetailSchema.parse(query));
        out(format === 'json' ? JSON.stringify(r, null, 2) : detailCsv(r));
      } else {
        const r = await backend.services.aging.summary(agingSummarySchema.parse(query));
        out(format === 'json' ? JSON.stringify(r, null, 2) : summaryCsv(r));
      }
      return 0;
    } finally {
      await backend.close();
    }
  },
};

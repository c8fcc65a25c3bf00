import { exportGridRoles, exportGridTitles, type ExportCell, type ExportKind, type GridExportInput } from '@shared/domain/grid-export';
import type { Role } from '@shared/domain/users';
import type { Actor, ServiceContext } from '../../context';
import { DomainError } from '../../errors';
import { appendAudit } from '../audit';
import { businessToday } from '../ledger/posting';
import type { SettingsService } from '../settings';
import type { ColumnKind } from '../reports/cells';
import { createWorkbook, type Column } from '../reports/workbook';
import { gridCsv } from './grid-csv';

/** The grid kinds are the workbook's column kinds: a kind added to one and not the other fails here. */
const asColumnKind = (k: ExportKind): ColumnKind => k;

/** Totals only where a sum means something (the grid's money and count totals). */
const summable = (k: ExportKind) => k === 'money' || k === 'integer';

/**
 * Export what you see (docs/reports.md): the rows the screen's grid holds, with its columns, filters and
 * sort, as an .xlsx by the workbook conventions or a CSV; each export is recorded in the audit log,
 * since account data leaves the store in the file.
 */
export function createGridExportService(ctx: ServiceContext, deps: { settings: SettingsService }) {
  return {
    /** `q` is the endpoint's parsed input: a grid's rows are validated once, at the boundary (hundreds of thousands of cells). */
    async export(actor: Actor, who: { displayName: string; role: Role }, q: GridExportInput): Promise<{ fileName: string; bytes: Buffer; rows: number }> {
      if (!exportGridRoles[q.grid].includes(who.role))
        throw new DomainError('FORBIDDEN', `The ${exportGridTitles[q.grid].toLowerCase()} grid is for supervisors; it cannot be exported from this account.`);
      const company = await deps.settings.requireCompany();
      const asOf = q.asOf ?? (await businessToday(ctx.db, ctx.clock));
      const title = exportGridTitles[q.grid];
      const rowCount = q.rows.length;
      let bytes: Buffer;
      let fileName: string;
      if (q.format === 'csv') {
        bytes = Buffer.from(gridCsv(q.columns, q.rows, company.timeZone), 'utf8');
        fileName = `${title} ${asOf}.csv`;
      } else {
        const wb = createWorkbook({
          title,
          company: company.companyName,
          currency: company.currency,
          asOf,
          creator: who.displayName,
          created: ctx.clock.now(),
          timeZone: company.timeZone,
        });
        wb.about({
          filters: [
            ['Grid', `${title} (exported from the screen)`],
            ...(q.filters.length ? q.filters : [['Filters', 'None: every row the grid lists'] as [string, string]]),
            ['Sort', q.sort || 'As the screen lists them'],
            ['Rows', rowCount.toLocaleString('en-US')],
          ],
          definitions: [
            ['Columns', 'The columns the grid showed, in its order; amounts are numbers in the company currency, dates are dates.'],
            ['Totals row', 'SUBTOTAL(109, ...) over the rows the filter shows, for the columns the grid totals.'],
          ],
          notes: [
            'Every row of the grid with its filters, not only the rows that were on screen.',
            `Account data leaves the store in this file: the export is recorded in the audit log (who, when, the ${title.toLowerCase()} grid, ${rowCount.toLocaleString('en-US')} rows, Excel).`,
          ],
        });
        const columns = q.columns.map(
          (c, i): Column<readonly ExportCell[]> => ({
            header: c.header,
            kind: asColumnKind(c.kind),
            value: (r) => r[i] ?? null,
            total: c.total && summable(c.kind),
          }),
        );
        wb.table({ name: title, columns, rows: q.rows });
        bytes = await wb.toBuffer();
        fileName = `${title} ${asOf}.xlsx`;
      }
      await ctx.db.transaction().execute((trx) =>
        appendAudit(trx, ctx.clock, actor, {
          action: 'grid.export',
          entity: 'export',
          entityId: fileName,
          after: { grid: q.grid, format: q.format, rows: rowCount, columns: q.columns.map((c) => c.header), filters: q.filters, sort: q.sort },
        }),
      );
      return { fileName, bytes, rows: rowCount };
    },
  };
}
export type GridExportService = ReturnType<typeof createGridExportService>;

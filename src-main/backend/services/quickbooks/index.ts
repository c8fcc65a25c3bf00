import type { z } from 'zod';
import {
  quickBooksAccountsSchema,
  quickBooksExportSchema,
  type QuickBooksAccounts,
  type quickBooksAccountsPatchSchema,
  type QuickBooksExport,
} from '@shared/domain/quickbooks';
import type { Actor, ServiceContext } from '../../context';
import { invalid } from '../../errors';
import { appendAudit } from '../audit';
import { mergeSettings, writeSetting } from '../settings';
import { buildIif, documentsOfPeriod, QUICKBOOKS_ACCOUNTS_SETTING, readQuickBooksAccounts, toAnsi } from './export';

export { readQuickBooksSheet } from './read';
export { parseIif, readQuickBooksDate } from './iif';

/**
 * QuickBooks Desktop interop (docs/quickbooks.md). Imports convert QuickBooks exports to canonical rows
 * in readQuickBooksSheet (called by the imports service); this service exports the period's receivables
 * activity as IIF journal entries and keeps the QuickBooks account names they post to.
 */
export function createQuickBooksService(ctx: ServiceContext) {
  return {
    accounts: (): Promise<QuickBooksAccounts> => readQuickBooksAccounts(ctx.db),

    async saveAccounts(actor: Actor, patch: z.output<typeof quickBooksAccountsPatchSchema>): Promise<QuickBooksAccounts> {
      const next = await ctx.db.transaction().execute(async (trx) => {
        const before = await readQuickBooksAccounts(trx);
        const after = mergeSettings(quickBooksAccountsSchema, before, patch);
        await writeSetting(trx, QUICKBOOKS_ACCOUNTS_SETTING, after);
        // The record names the group ('quickbooks': "Quickbooks settings changed" in the audit log), like the other settings.
        await appendAudit(trx, ctx.clock, actor, { action: 'settings.update', entity: 'setting', entityId: 'quickbooks', before, after });
        return after;
      });
      ctx.emit('data.changed', { domains: ['settings'] });
      return next;
    },

    /** The IIF file of the documents dated from..to (posted ones; drafts are not activity). */
    async exportIif(query: z.input<typeof quickBooksExportSchema>): Promise<QuickBooksExport> {
      const q = quickBooksExportSchema.safeParse(query);
      if (!q.success) throw invalid(q.error.issues.map((i) => i.message).join('; '));
      const { from, to } = q.data;
      const [docs, accounts] = await Promise.all([documentsOfPeriod(ctx.db, from, to), readQuickBooksAccounts(ctx.db)]);
      const iif = buildIif(docs, accounts);
      return {
        fileName: `quickbooks-journal-${from}-to-${to}.iif`,
        base64: toAnsi(iif.text).toString('base64'),
        transactions: iif.transactions,
        debitCents: iif.debitCents,
      };
    },
  };
}
export type QuickBooksService = ReturnType<typeof createQuickBooksService>;

import { z } from 'zod';
import { endpoint, noInput } from '../endpoint';
import {
  accountCreateSchema,
  accountListSchema,
  accountSearchSchema,
  accountUpdateSchema,
  type AccountDetail,
  type AccountSearchHit,
  type AccountSummary,
} from '../../domain/accounts';
import {
  creditNoteSchema,
  invoiceCreateDraftSchema,
  invoiceListSchema,
  invoiceSettingsSchema,
  invoiceUpdateDraftSchema,
  itemUpsertSchema,
  type InvoiceDetail,
  type InvoiceListRow,
  type InvoiceSettings,
  type Item,
} from '../../domain/invoices';
import {
  applyCreditSchema,
  paymentPostSchema,
  previewAllocationSchema,
  refundSchema,
  reversalSchema,
  type AllocationPreview,
  type PostingResult,
  type Receipt,
} from '../../domain/payments';
import { adjustmentSchema, documentGetSchema, ledgerGetSchema, writeOffSchema, type DocumentDetail, type LedgerView } from '../../domain/ledger';
import {
  agingDetailSchema,
  agingDrillSchema,
  agingSettingsUpdateSchema,
  agingSummarySchema,
  type AgingDetail,
  type AgingSettings,
  type AgingSummary,
} from '../../domain/aging';
import { idSchema, type Page } from '../../domain/text';
import { updateSchema } from '../../domain/partial-update';

/** Receivables: accounts, price list, invoices and credit notes, payments, ledger, aging. */
export const receivablesContract = {
  'accounts.search': endpoint(accountSearchSchema).returns<AccountSearchHit[]>(),
  'accounts.list': endpoint(accountListSchema).returns<Page<AccountSummary>>(),
  'accounts.get': endpoint(z.object({ accountId: idSchema })).returns<AccountDetail>(),
  'accounts.create': endpoint(accountCreateSchema).returns<AccountDetail>(),
  'accounts.update': endpoint(accountUpdateSchema).returns<AccountDetail>(),

  'items.list': endpoint(z.object({ includeInactive: z.boolean().default(false), search: z.string().max(60).optional() })).returns<Item[]>(),
  'items.upsert': endpoint(itemUpsertSchema).returns<Item>(),

  'invoices.createDraft': endpoint(invoiceCreateDraftSchema).returns<InvoiceDetail>(),
  'invoices.updateDraft': endpoint(invoiceUpdateDraftSchema).returns<InvoiceDetail>(),
  'invoices.deleteDraft': endpoint(z.object({ invoiceId: idSchema })).returns<null>(),
  'invoices.post': endpoint(z.object({ invoiceId: idSchema })).returns<InvoiceDetail>(),
  'invoices.get': endpoint(z.object({ invoiceId: idSchema })).returns<InvoiceDetail>(),
  'invoices.list': endpoint(invoiceListSchema).returns<Page<InvoiceListRow>>(),
  'invoices.postCreditNote': endpoint(creditNoteSchema).returns<PostingResult>(),
  'invoices.getSettings': endpoint(noInput).returns<InvoiceSettings>(),
  'invoices.updateSettings': endpoint(updateSchema(invoiceSettingsSchema)).returns<InvoiceSettings>(),

  'payments.previewAllocation': endpoint(previewAllocationSchema).returns<AllocationPreview>(),
  'payments.post': endpoint(paymentPostSchema).returns<PostingResult & { receipt: Receipt }>(),
  'payments.receipt': endpoint(z.object({ paymentId: idSchema })).returns<Receipt>(),
  'payments.applyCredit': endpoint(applyCreditSchema).returns<{
    allocations: { documentId: number; creditDocumentId: number; amountCents: number }[];
    accountBalanceCents: number;
    unappliedCents: number;
  }>(),
  'payments.reverse': endpoint(reversalSchema).returns<PostingResult>(),
  'payments.refund': endpoint(refundSchema).returns<PostingResult>(),

  'ledger.get': endpoint(ledgerGetSchema).returns<LedgerView>(),
  'ledger.document': endpoint(documentGetSchema).returns<DocumentDetail>(),
  'ledger.postAdjustment': endpoint(adjustmentSchema).returns<PostingResult>(),
  'ledger.postWriteOff': endpoint(writeOffSchema).returns<PostingResult>(),

  'aging.summary': endpoint(agingSummarySchema).returns<AgingSummary>(),
  'aging.detail': endpoint(agingDetailSchema).returns<AgingDetail>(),
  'aging.drill': endpoint(agingDrillSchema).returns<AgingDetail>(),
  'aging.getSettings': endpoint(noInput).returns<AgingSettings>(),
  'aging.updateSettings': endpoint(agingSettingsUpdateSchema).returns<AgingSettings>(),
};
export type ReceivablesChannel = keyof typeof receivablesContract;

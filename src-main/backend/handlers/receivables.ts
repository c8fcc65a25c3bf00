import type { receivablesContract } from '@shared/ipc/contract/receivables';
import type { HandlerSlice } from './types';

export const receivablesHandlers: HandlerSlice<keyof typeof receivablesContract> = {
  'accounts.search': (input, { services }) => services.accounts.search(input.query, input.limit),
  'accounts.list': (input, { services }) => services.accounts.list(input),
  'accounts.get': (input, { services }) => services.accounts.get(input.accountId),
  'accounts.create': (input, { services, actor }) => services.accounts.create(actor, input),
  'accounts.update': (input, { services, actor }) => services.accounts.update(actor, input),

  'items.list': (input, { services }) => services.invoices.listItems(input),
  'items.upsert': (input, { services, actor }) => services.invoices.upsertItem(actor, input),

  'invoices.createDraft': (input, { services, actor }) => services.invoices.createDraft(actor, input),
  'invoices.updateDraft': (input, { services, actor }) => services.invoices.updateDraft(actor, input),
  async 'invoices.deleteDraft'(input, { services, actor }) {
    await services.invoices.deleteDraft(actor, input.invoiceId);
    return null;
  },
  'invoices.post': (input, { services, actor }) => services.invoices.post(actor, input.invoiceId),
  'invoices.get': (input, { services }) => services.invoices.get(input.invoiceId),
  'invoices.list': (input, { services, actor }) => services.invoices.list(input, actor),
  'invoices.postCreditNote': (input, { services, actor }) => services.invoices.postCreditNote(actor, input),
  'invoices.getSettings': (_input, { services }) => services.invoices.getSettings(),
  'invoices.updateSettings': (input, { services, actor }) => services.invoices.updateSettings(actor, input),

  'payments.previewAllocation': (input, { services }) => services.payments.previewAllocation(input),
  'payments.post': (input, { services, actor }) => services.payments.post(actor, input),
  'payments.receipt': (input, { services }) => services.payments.receipt(input.paymentId),
  'payments.applyCredit': (input, { services, actor }) => services.payments.applyCredit(actor, input),
  'payments.reverse': (input, { services, actor }) => services.payments.reverse(actor, input),
  'payments.refund': (input, { services, actor }) => services.payments.refund(actor, input),

  'ledger.get': (input, { services }) => services.ledger.get(input.accountId, input.asOf),
  'ledger.document': (input, { services }) => services.ledger.document(input.documentId),
  'ledger.postAdjustment': (input, { services, actor }) => services.ledger.postAdjustment(actor, input),
  'ledger.postWriteOff': (input, { services, actor }) => services.ledger.postWriteOff(actor, input),

  'aging.summary': (input, { services }) => services.aging.summary(input),
  'aging.detail': (input, { services }) => services.aging.detail(input),
  'aging.drill': (input, { services }) => services.aging.drill(input),
  'aging.getSettings': (_input, { services }) => services.aging.getSettings(),
  'aging.updateSettings': (input, { services, actor }) => services.aging.updateSettings(actor, input),
};

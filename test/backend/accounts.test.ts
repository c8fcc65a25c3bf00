import { describe, expect, it } from 'vitest';
import { must, newAccount, postInvoice, receivablesBackend } from '../support/receivables';

describe('accounts', () => {
  it('creates an account with contacts, addresses, a derived time zone and company defaults', async () => {
    const { b, s } = await receivablesBackend();
    const a = await must(b, s.clerk, 'accounts.create', {
      accountNumber: 'C-100',
      name: 'Acme Dental Group',
      kind: 'commercial',
      billingAddress: { line1: '1 Main St', city: 'Denver', state: 'CO', postalCode: '80202' },
      mailingAddress: { line1: 'PO Box 5', city: 'Phoenix', state: 'AZ', postalCode: '85001' },
      contacts: [
        { name: 'Ann Billing', title: 'AP', phones: [{ label: 'work', number: '303-555-0100' }], emails: [{ email: 'ap@acme.example' }] },
        { name: 'Bob Owner', isPrimary: true, phones: [{ number: '(602) 555-0199' }] },
      ],
      creditLimitCents: 500000,
      terms: '2/10 net 30',
    });
    expect(a.timeZone).toBe('America/Phoenix'); // mailing address wins
    expect(a.terms).toBe('2/10 Net 30');
    expect(a.primaryPhone).toBe('(602) 555-0199');
    expect(a.contacts).toHaveLength(2);
    const plain = await newAccount(b, s.clerk);
    expect(plain.timeZone).toBe('America/Chicago'); // the company's zone when no state
    expect(plain.terms).toBe('Net 30');
  });

  it('refuses duplicate account numbers (case-insensitive) and bad input with messages that say where', async () => {
    const { b, s } = await receivablesBackend();
    await newAccount(b, s.clerk, { accountNumber: 'X-1' });
    const dup = await b.call(s.clerk, 'accounts.create', { accountNumber: 'x-1', name: 'Other', kind: 'consumer' });
    expect(dup.ok ? null : dup.error).toMatchObject({ code: 'CONFLICT', message: expect.stringContaining('x-1') });
    const bad = await b.call(s.clerk, 'accounts.create', {
      accountNumber: 'X-2',
      name: '',
      kind: 'consumer',
      contacts: [{ name: 'P', emails: [{ email: 'nope' }] }],
    });
    expect(bad.ok ? null : bad.error.code).toBe('VALIDATION');
    expect(bad.ok ? '' : bad.error.message).toMatch(/name/);
    const tz = await b.call(s.clerk, 'accounts.create', { accountNumber: 'X-3', name: 'Z', kind: 'consumer', timeZone: 'Mars/Olympus' });
    expect(tz.ok ? null : tz.error.code).toBe('VALIDATION');
  });

  it('stores hostile text as text', async () => {
    const { b, s } = await receivablesBackend();
    const name = '<img src=x onerror=alert(1)> & "Sons"';
    const a = await newAccount(b, s.clerk, { name, notes: '<script>alert(1)</script>' });
    const again = await must(b, s.clerk, 'accounts.get', { accountId: a.id });
    expect(again.name).toBe(name);
    expect(again.notes).toBe('<script>alert(1)</script>');
    const long = await b.call(s.clerk, 'accounts.create', { accountNumber: 'L-1', name: 'x'.repeat(161), kind: 'consumer' });
    expect(long.ok ? null : long.error.message).toMatch(/at most 160/);
  });

  it('edits are audited with before and after; re-derives the zone when the address moves', async () => {
    const { b, s } = await receivablesBackend();
    const a = await newAccount(b, s.clerk, { billingAddress: { state: 'NY' } });
    expect(a.timeZone).toBe('America/New_York');
    const e = await must(b, s.clerk, 'accounts.update', { accountId: a.id, name: 'Renamed LLC', billingAddress: { state: 'WA' }, status: 'on_hold' });
    expect(e).toMatchObject({ name: 'Renamed LLC', timeZone: 'America/Los_Angeles', status: 'on_hold' });
    const tz = await must(b, s.clerk, 'accounts.update', { accountId: a.id, timeZone: 'America/Boise' });
    expect(tz.timeZone).toBe('America/Boise');
    const audit = await must(b, s.supervisor, 'audit.list', { entity: 'account', entityId: String(a.id) });
    const updates = audit.filter((r) => r.action === 'account.update'); // newest first
    expect(updates).toHaveLength(2);
    const upd = updates[1]!;
    expect((upd.after as { name: string }).name).toBe('Renamed LLC');
    expect((upd.before as { name: string }).name).toBe(a.name);
    expect((upd.after as { status: string }).status).toBe('on_hold');
  });

  it('refuses closing an account with a balance', async () => {
    const { b, s } = await receivablesBackend();
    const a = await newAccount(b, s.clerk);
    await postInvoice(b, s.clerk, a.id, 500);
    const r = await b.call(s.clerk, 'accounts.update', { accountId: a.id, status: 'closed' });
    expect(r.ok ? null : r.error.code).toBe('CONFLICT');
  });

  it('finds accounts as you type by number, name or any name word, phone digits, email and invoice number', async () => {
    const { b, s } = await receivablesBackend();
    const a = await must(b, s.clerk, 'accounts.create', {
      accountNumber: 'MED-2044',
      name: 'Riverside  Family Clinic',
      kind: 'commercial',
      contacts: [{ name: 'Dana Reyes', phones: [{ number: '+1 (312) 555-0147' }], emails: [{ email: 'Billing@Riverside.example' }] }],
    });
    const other = await newAccount(b, s.clerk, { name: 'Riverbend Storage' });
    const inv = await postInvoice(b, s.clerk, a.id, 1000);
    const ids = async (query: string) => (await must(b, s.clerk, 'accounts.search', { query })).map((h) => h.id);
    expect(await ids('med-20')).toEqual([a.id]);
    expect((await ids('river')).sort()).toEqual([a.id, other.id].sort());
    expect(await ids('riverside fam')).toEqual([a.id]);
    expect(await ids('clin')).toEqual([a.id]);
    expect(await ids('reyes')).toEqual([a.id]);
    expect(await ids('312-555')).toEqual([a.id]);
    expect(await ids('(312) 555 01')).toEqual([a.id]);
    expect(await ids('billing@river')).toEqual([a.id]);
    expect(await ids(inv.number!.slice(0, 8))).toContain(a.id);
    expect(await ids('1')).toContain(a.id); // INV-000001 by its bare number
    expect(await ids('zzz')).toEqual([]);
    const hit = (await must(b, s.clerk, 'accounts.search', { query: '312555' }))[0]!;
    expect(hit).toMatchObject({ matchedOn: 'phone', matchedText: '+1 (312) 555-0147' });
  });

  it('browses a page of accounts with the total count', async () => {
    const { b, s } = await receivablesBackend();
    for (let i = 0; i < 7; i++) await newAccount(b, s.clerk, { name: `Browse ${String.fromCharCode(71 - i)}`, kind: i % 2 ? 'consumer' : 'commercial' });
    const page = await must(b, s.clerk, 'accounts.list', { limit: 3, offset: 0 });
    expect(page.total).toBe(7);
    expect(page.rows.map((r) => r.name)).toEqual(['Browse A', 'Browse B', 'Browse C']);
    const consumers = await must(b, s.clerk, 'accounts.list', { kind: 'consumer', limit: 50, offset: 0 });
    expect(consumers.total).toBe(3);
  });
});

describe('contact identity across edits', () => {
  it('keeps the ids of contacts that come back, adds new ones and removes the missing', async () => {
    const { b, s } = await receivablesBackend();
    const created = await must(b, s.clerk, 'accounts.create', {
      accountNumber: 'C-200',
      name: 'Stable Contacts LLC',
      kind: 'commercial',
      billingAddress: { line1: '1 Main St', city: 'Austin', state: 'TX', postalCode: '78701' },
      contacts: [{ name: 'Pat Payables', phones: [{ label: 'work', number: '512-555-0100' }] }, { name: 'Old Contact' }],
    });
    const [pat, old] = created.contacts;
    const updated = await must(b, s.clerk, 'accounts.update', {
      accountId: created.id,
      contacts: [{ ...pat!, phones: [{ label: 'work', number: '512-555-0199' }] }, { name: 'New Person' }],
    });
    expect(updated.contacts.map((c) => c.name)).toEqual(['Pat Payables', 'New Person']);
    expect(updated.contacts[0]!.id).toBe(pat!.id);
    expect(updated.contacts[0]!.phones[0]!.number).toBe('512-555-0199');
    expect(updated.contacts.some((c) => c.id === old!.id)).toBe(false);
  });
});

import { describe, expect, it } from 'vitest';
import type { Backend } from '../../src-main/backend';
import { DomainError } from '../../src-main/backend/errors';
import { fixedClock, testBackend } from '../support/store';
import { must, newAccount, postInvoice, receivablesBackend } from '../support/receivables';

const phoneAccount = (b: Backend, session: string, name: string, number: string) =>
  newAccount(b, session, { name, contacts: [{ name: `${name} desk`, phones: [{ number }] }] });

describe('phone search by any run of four or more digits', () => {
  it('finds a number by its last digits, a middle run, with or without punctuation, and never by three digits alone', async () => {
    const { b, s } = await receivablesBackend();
    const lake = await phoneAccount(b, s.clerk, 'Lakeview Pediatrics', '(773) 555-8276');
    const north = await phoneAccount(b, s.clerk, 'Northside Dental', '773.555.1234');
    const harbor = await phoneAccount(b, s.clerk, 'Harbor Supply', '+1 312 555 0199');
    const ids = async (query: string) => (await must(b, s.clerk, 'accounts.search', { query })).map((h) => h.id).sort((x, y) => x - y);
    expect(await ids('8276')).toEqual([lake.id]);
    expect(await ids('555-12')).toEqual([north.id]);
    expect(await ids('7735558276')).toEqual([lake.id]);
    expect(await ids('(773) 555-8276')).toEqual([lake.id]);
    expect(await ids('(773) 555')).toEqual([lake.id, north.id]);
    expect(await ids('5550')).toEqual([harbor.id]); // the middle of a number stored with its country code
    // After a US country code the digits are the start of the number: the 773 area code, not "1773" anywhere.
    expect(await ids('+1 773')).toEqual([lake.id, north.id]);
    expect(await ids('+1 (312) 555-0199')).toEqual([harbor.id]);
    expect(await ids('827')).toEqual([]); // three digits: too few to mean a phone number
    expect(await ids('8277')).toEqual([]);
    const hit = (await must(b, s.clerk, 'accounts.search', { query: '82 76' }))[0];
    expect(hit).toMatchObject({ id: lake.id, matchedOn: 'phone', matchedText: '(773) 555-8276' });
  });

  it('follows an edited phone number: the old digits no longer match, the new ones do', async () => {
    const { b, s } = await receivablesBackend();
    const a = await phoneAccount(b, s.clerk, 'Maple Clinic', '(773) 555-8276');
    const detail = await must(b, s.clerk, 'accounts.get', { accountId: a.id });
    const contact = detail.contacts[0]!;
    await must(b, s.clerk, 'accounts.update', {
      accountId: a.id,
      contacts: [{ ...contact, phones: [{ number: '(773) 555-9041' }] }],
    });
    const ids = async (query: string) => (await must(b, s.clerk, 'accounts.search', { query })).map((h) => h.id);
    expect(await ids('8276')).toEqual([]);
    expect(await ids('9041')).toEqual([a.id]);
  });

  it('migration 019 fills the digit runs of the phones already stored', async () => {
    const clock = fixedClock('2026-03-15T15:00:00Z');
    const { b, s } = await receivablesBackend();
    const a = await phoneAccount(b, s.clerk, 'Older Store Clinic', '(773) 555-8276');
    // Back to the store as it was before migration 019: no runs table, the migration not applied.
    b.ctx.store.sqlite.exec(`DROP TABLE account_phone_run; DELETE FROM migration WHERE id = 19;`);
    const { storePath, key } = b as Backend & { storePath: string; key: Buffer };
    await b.close();
    const reopened = testBackend({ storePath, key, clock });
    expect((await reopened.services.accounts.search('555-82')).map((h) => h.id)).toEqual([a.id]);
  });
});

describe('the accounts list sorts by a whitelisted key, either way', () => {
  async function listed() {
    const { b, s } = await receivablesBackend();
    const made = [];
    // Two equal balances and two equal names check the tie-break by id.
    for (const [name, cents, kind] of [
      ['Delta Labs', 5000, 'commercial'],
      ['alpha clinic', 12000, 'consumer'],
      ['Charlie Co', 5000, 'commercial'],
      ['Bravo Dental', 0, 'consumer'],
      ['Charlie Co', 700, 'consumer'],
    ] as const) {
      const a = await newAccount(b, s.clerk, { name, kind });
      if (cents > 0) await postInvoice(b, s.clerk, a.id, cents);
      made.push({ id: a.id, name, cents, kind });
    }
    const ids = async (sort: string, direction?: 'asc' | 'desc', limit = 50, offset = 0) =>
      (await must(b, s.clerk, 'accounts.list', { sort: sort as 'name', direction, limit, offset })).rows.map((r) => r.id);
    return { b, s, made, ids };
  }

  it('sorts by name and by balance both ways with ties broken by id, and pages stably', async () => {
    const { made, ids } = await listed();
    const byId = (x: { id: number }, y: { id: number }) => x.id - y.id;
    const byName = [...made].sort((x, y) => x.name.toLowerCase().localeCompare(y.name.toLowerCase()) || byId(x, y)).map((a) => a.id);
    const byBalance = [...made].sort((x, y) => x.cents - y.cents || byId(x, y)).map((a) => a.id);
    expect(await ids('name', 'asc')).toEqual(byName);
    expect(await ids('name')).toEqual(byName); // text starts A to Z
    expect(await ids('name', 'desc')).toEqual([...byName].reverse());
    expect(await ids('balance', 'asc')).toEqual(byBalance);
    expect(await ids('balance')).toEqual([...byBalance].reverse()); // money starts with the largest
    expect(await ids('balance', 'desc')).toEqual([...byBalance].reverse());
    const paged = [...(await ids('balance', 'asc', 2, 0)), ...(await ids('balance', 'asc', 2, 2)), ...(await ids('balance', 'asc', 2, 4))];
    expect(paged).toEqual(byBalance);
  });

  it('sorts by kind, account number and past due', async () => {
    const { made, ids } = await listed();
    const kinds = made.filter((a) => a.kind === 'commercial').map((a) => a.id);
    expect((await ids('kind', 'asc')).slice(0, kinds.length)).toEqual(kinds);
    expect(await ids('accountNumber', 'desc')).toEqual(made.map((a) => a.id).reverse()); // numbers were given in order
    expect(await ids('pastDue', 'asc')).toHaveLength(made.length);
  });

  it('refuses a sort key or direction it does not know, saying which keys it takes', async () => {
    const { b, s } = await listed();
    const bad = await b.call(s.clerk, 'accounts.list', { sort: 'name; DROP TABLE account' as 'name', limit: 10, offset: 0 });
    expect(bad.ok ? null : bad.error.code).toBe('VALIDATION');
    expect(bad.ok ? '' : bad.error.message).toMatch(/cannot be sorted by "name; DROP TABLE account".*name, accountNumber, kind, status, balance, pastDue/);
    const dir = await b.call(s.clerk, 'accounts.list', { sort: 'name', direction: 'sideways' as 'asc', limit: 10, offset: 0 });
    expect(dir.ok ? null : dir.error.code).toBe('VALIDATION');
    expect(dir.ok ? '' : dir.error.message).toMatch(/direction/);
    // Inside the backend (CLI, scripts) the service checks the key itself.
    const direct = b.services.accounts.list({ sort: 'email' as 'name', limit: 10, offset: 0 });
    await expect(direct).rejects.toThrow(DomainError);
    await expect(direct).rejects.toThrow(/cannot be sorted by "email"/);
  });
});

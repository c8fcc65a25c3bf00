import { describe, expect, it } from 'vitest';
import { verifyStore } from '../../src-main/backend/verify';
import { must, newAccount, postInvoice, receivablesBackend } from '../support/receivables';
import { testBackend, withCompany } from '../support/store';

// A full disk is made real by capping the store's size (PRAGMA max_page_count): SQLite then answers
// SQLITE_FULL exactly as it does when the disk runs out.
describe('a store that cannot take a write', () => {
  it('a full disk: refuses the change with a clear error, keeps nothing of it, and the store works once there is room', async () => {
    const { b, s } = await receivablesBackend();
    const acct = await newAccount(b, s.clerk);
    await postInvoice(b, s.clerk, acct.id, 50_000);
    const sqlite = b.ctx.store.sqlite;
    const pages = sqlite.pragma('page_count', { simple: true }) as number;
    sqlite.pragma(`max_page_count = ${pages}`);

    // Post payments until one needs a page the cap does not allow (each adds a document, an
    // allocation, ledger rows, a receipt number and an audit record).
    let refused: { code: string; message: string } | undefined;
    let posted = 0;
    for (let i = 0; i < 500 && !refused; i++) {
      const r = await b.call(s.clerk, 'payments.post', {
        accountId: acct.id,
        method: 'cash',
        amountCents: 1,
        date: '2026-03-15',
        reference: `payment ${i} `.padEnd(80, 'x'),
      });
      if (r.ok) posted++;
      else refused = r.error;
    }
    expect(refused?.code).toBe('STORE_FULL');
    expect(refused?.message).toMatch(/disk .* is full, so nothing was saved/);

    const ledger = await must(b, s.clerk, 'ledger.get', { accountId: acct.id });
    expect(ledger.entries.filter((e) => e.kind === 'payment')).toHaveLength(posted);
    expect(ledger.totals.balanceCents).toBe(50_000 - posted);

    sqlite.pragma('max_page_count = 1073741823');
    const after = await must(b, s.clerk, 'payments.post', { accountId: acct.id, method: 'cash', amountCents: 1, date: '2026-03-15' });
    expect(after.receipt.receiptNumber).toMatch(new RegExp(`-0*${posted + 1}$`)); // the refused one took no number
    expect((await verifyStore(b)).ok).toBe(true);
  });

  it('a store that cannot be written: a sign-in (which writes its audit record) is refused, saying so', async () => {
    const first = testBackend();
    await withCompany(first);
    await first.close();
    const ro = testBackend({ storePath: first.storePath, key: first.key, readonly: true });
    const r = await ro.call('s', 'auth.signIn', { username: 'admin', password: 'correct horse' });
    expect(r).toMatchObject({ ok: false, error: { code: 'STORE_READ_ONLY' } });
    if (!r.ok) expect(r.error.message).toMatch(/cannot be written .* nothing was saved/);
  });
});

import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../src-main/cli';
import { buildDocument, type BuildOptions } from '../../src-main/backend/services/documents/build';
import { formatMoney } from '../../src-shared/money';
import { documentSettings, documentsOffice } from '../support/document-builds';
import { must } from '../support/receivables';
import { tempDir } from '../support/store';

const opts: BuildOptions = { channel: 'pdf', copy: false, settings: documentSettings(), logo: null, companyName: 'Riverside' };

/** The visible text of a built page: tags dropped, entities decoded, whitespace collapsed. */
const textOf = (page: string) =>
  page
    .replace(/<style[\s\S]*?<\/style>/g, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&amp;/g, '&')
    .replace(/&#39;/g, "'")
    .replace(/\s+/g, ' ');

async function standaloneNotes() {
  const o = await documentsOffice();
  const { b, s, account } = o;
  const byLines = await must(b, s.clerk, 'invoices.postCreditNote', {
    accountId: account.id,
    date: '2026-03-14',
    reason: 'Returned goods, unopened',
    lines: [
      { itemCode: 'PARTS', description: 'Returned supplies', quantityMilli: 2000, unitPriceCents: 1999, taxRateBp: 825 },
      { itemCode: 'SVC', description: 'Unused service hour', quantityMilli: 1000, unitPriceCents: 4000 },
    ],
  });
  const byAmount = await must(b, s.clerk, 'invoices.postCreditNote', { accountId: account.id, amountCents: 1500, reason: 'Goodwill for the late delivery' });
  return { ...o, byLines, byAmount };
}

describe('the credit note document for a standalone credit note', () => {
  it('prints its lines, subtotal and tax, the reason and the account’s unapplied credit, and names no invoice', async () => {
    const o = await standaloneNotes();
    const r = await buildDocument(o.b.services, { kind: 'credit_note', documentId: o.byLines.documentId }, opts);
    if (!r.ok) throw new Error(JSON.stringify(r.problem));
    const text = textOf(r.document.body);
    // 2 x 19.99 = 39.98 + 3.30 tax (8.25%) + 40.00 = 83.28
    expect(text).toContain('Returned supplies');
    expect(text).toContain('Unused service hour');
    expect(text).toMatch(/Subtotal \$79\.98/);
    expect(text).toMatch(/Tax \$3\.30/);
    expect(text).toMatch(/Credit amount \$83\.28/);
    expect(text).toContain('Returned goods, unopened');
    expect(text).not.toMatch(/Credits invoice|Credit on invoice|Now open on/);
    // Both notes are unapplied: the account's unapplied credit is their sum, as the ledger says.
    const ledger = await must(o.b, o.s.clerk, 'ledger.get', { accountId: o.account.id });
    expect(ledger.totals.unappliedCents).toBe(8_328 + 1_500);
    expect(text).toContain(`Unapplied credit: ${formatMoney(ledger.totals.unappliedCents)}`);

    const amount = await buildDocument(o.b.services, { kind: 'credit_note', documentId: o.byAmount.documentId }, opts);
    if (!amount.ok) throw new Error(JSON.stringify(amount.problem));
    const t2 = textOf(amount.document.body);
    expect(t2).toContain('Credit to your account');
    expect(t2).toContain('Reason: Goodwill for the late delivery');
    expect(t2).not.toMatch(/Subtotal|Credits invoice/);
  });

  it('a credit note of many lines runs over several sheets like an invoice, the totals and reason on the last', async () => {
    const o = await documentsOffice();
    const lines = Array.from({ length: 70 }, (_, i) => ({
      itemCode: `RET-${i + 1}`,
      description: `Returned item ${i + 1}`,
      quantityMilli: 1000,
      unitPriceCents: 100,
    }));
    const cn = await must(o.b, o.s.clerk, 'invoices.postCreditNote', { accountId: o.account.id, reason: 'Whole shipment returned', lines });
    const r = await buildDocument(o.b.services, { kind: 'credit_note', documentId: cn.documentId }, opts);
    if (!r.ok) throw new Error(JSON.stringify(r.problem));
    const sheets = r.document.body.split('Continued on the next page');
    expect(sheets.length).toBeGreaterThan(1);
    const last = textOf(sheets.at(-1)!);
    expect(last).toContain('Returned item 70');
    expect(last).toMatch(/Credit amount \$70\.00/);
    expect(last).toContain('Whole shipment returned');
    expect(textOf(sheets[0]!)).not.toContain('Whole shipment returned');
    for (let i = 1; i <= 70; i++) expect(r.document.body).toContain(`>RET-${i}<`);
  });

  it('renders through `document credit_note NUMBER` to a PDF whose text says the same', async () => {
    const o = await standaloneNotes();
    await o.b.close();
    const dir = tempDir();
    const keyFile = path.join(dir, 'office.key');
    fs.writeFileSync(keyFile, o.b.key.toString('hex'));
    const pdf = path.join(dir, 'credit-note.pdf');
    const lines: string[] = [];
    const code = await runCli(['document', 'credit_note', o.byLines.number, '--out', pdf, '--store', o.b.storePath, '--key-file', keyFile], (l) =>
      lines.push(l),
    );
    expect(code).toBe(0);
    const text = execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' }).replace(/[ \t]+/g, ' ');
    expect(text).toContain('CREDIT NOTE');
    expect(text).toContain(o.byLines.number);
    expect(text).toContain('Returned supplies');
    expect(text).toContain('Returned goods, unopened');
    expect(text).toContain('Unapplied credit: $98.28');
    expect(text).not.toContain('Credits invoice');
  }, 60_000);
});

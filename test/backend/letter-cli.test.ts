import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../src-main/cli';
import { openBackend } from '../../src-main/cli/common';
import { tempDir } from '../support/store';
import { must, newAccount, postInvoice, receivablesBackend } from '../support/receivables';

/** `npm run cli -- letters run`, in-process as the terminal would run it. */
async function cli(...argv: string[]) {
  const lines: string[] = [];
  const errors: string[] = [];
  const error = console.error;
  console.error = (...a: unknown[]) => errors.push(a.join(' '));
  try {
    const code = await runCli(argv, (l) => lines.push(l));
    return { code, text: lines.join('\n'), errors: errors.join('\n') };
  } finally {
    console.error = error;
  }
}

const address = (postalCode: string) => ({ line1: '1 Main St', line2: '', city: 'Springfield', state: 'IL', postalCode, country: 'US' });

/**
 * A store (today 2026-03-15) whose stages queued the Second notice for four accounts: Ames (62704) and
 * Cole (30301) can get it, Dent has no address, Eve asked us to stop writing after it was queued.
 */
async function queuedStore() {
  const { b, s } = await receivablesBackend();
  const mk = async (name: string, zip: string | null) => {
    const a = await newAccount(b, s.clerk, { name, kind: 'consumer', ...(zip ? { billingAddress: address(zip) } : {}) });
    await postInvoice(b, s.clerk, a.id, 12_000, { date: '2026-01-01', terms: 'Net 30' });
    return a;
  };
  const ames = await mk('Ames', '62704');
  const cole = await mk('Cole', '30301');
  const dent = await mk('Dent', null);
  const eve = await mk('Eve', '94105');
  await must(b, s.supervisor, 'stages.evaluate', { asOf: '2026-03-15' });
  await must(b, s.clerk, 'flags.set', { kind: 'cease_communication', accountId: eve.id, reason: 'Letter asking us to stop' });
  await must(b, s.admin, 'documents.updateSettings', { letterhead: { phone: '(312) 555-0100', legalName: 'Test Billing Co' } });
  await b.close();
  const dir = tempDir();
  const keyFile = path.join(dir, 'office.key');
  fs.writeFileSync(keyFile, b.key.toString('hex'));
  return { store: ['--store', b.storePath, '--key-file', keyFile], dir, ames, cole, dent, eve };
}

describe('letters run from the command line', () => {
  it('a dry run prints, as JSON, who would get the letter in postal-code order and who is skipped and why; it records nothing', async () => {
    const { store, ames, cole, dent, eve } = await queuedStore();
    const r = await cli('letters', 'run', '--template', 'second-notice', '--dry-run', ...store);
    expect(r.code).toBe(0);
    const report = JSON.parse(r.text) as {
      template: string;
      stage: string | null;
      letters: { accountNumber: string; postalCode: string; pastDueCents: number }[];
      skipped: { accountNumber: string; code: string; reason: string }[];
    };
    expect(report.template).toBe('Second notice');
    expect(report.letters.map((l) => [l.accountNumber, l.postalCode, l.pastDueCents])).toEqual([
      [cole.accountNumber, '30301', 12_000],
      [ames.accountNumber, '62704', 12_000],
    ]);
    expect(report.skipped.map((x) => [x.accountNumber, x.code])).toEqual([
      [dent.accountNumber, 'NO_ADDRESS'],
      [eve.accountNumber, 'BLOCKED'],
    ]);
    expect(report.skipped[0]?.reason).toMatch(/street address/);
    expect(report.skipped[1]?.reason).toMatch(/Cease communication .*1006\.6\(c\)/);

    // The old stage code and the stage name select the same; another stage has none of them.
    const same = await cli('letters', 'run', '--template', 'SECOND_NOTICE', '--stage', 'second notice', '--dry-run', ...store);
    expect((JSON.parse(same.text) as { letters: unknown[] }).letters).toHaveLength(2);
    const none = await cli('letters', 'run', '--template', 'second-notice', '--stage', 'Final notice', '--dry-run', ...store);
    expect(JSON.parse(none.text)).toMatchObject({ letters: [], skipped: [] });

    // Nothing was recorded: a run records only without --dry-run.
    const again = await cli('letters', 'run', '--template', 'second-notice', '--dry-run', ...store);
    expect(again.text).toBe(r.text);
  });

  it('refuses an unknown template or stage, naming what exists', async () => {
    const { store } = await queuedStore();
    const t = await cli('letters', 'run', '--template', 'second-notise', '--dry-run', ...store);
    expect(t.code).not.toBe(0);
    expect(t.errors).toMatch(/no letter template "second-notise".*second-notice/);
    const s = await cli('letters', 'run', '--template', 'second-notice', '--stage', 'Nope', '--dry-run', ...store);
    expect(s.errors).toMatch(/no collection stage "Nope".*"Second notice"/);
    const o = await cli('letters', 'run', '--template', 'second-notice', ...store);
    expect(o.errors).toMatch(/--out FILE.html or FILE.pdf is required/);
  });

  it('without --dry-run writes one PDF of the letters in postal-code order, records them as sent by PDF and closes their tasks', async () => {
    const { store, dir, ames, cole } = await queuedStore();
    const pdf = path.join(dir, 'letters.pdf');
    const unsigned = await cli('letters', 'run', '--template', 'second-notice', '--out', pdf, ...store);
    expect(unsigned.errors).toMatch(/--as USERNAME is required/);
    expect((await cli('letters', 'run', '--template', 'second-notice', '--out', pdf, '--as', 'nobody', ...store)).errors).toMatch(/no active user "nobody"/);
    const r = await cli('letters', 'run', '--template', 'second-notice', '--out', pdf, '--as', 'clara', ...store);
    expect(r.errors).toBe('');
    expect(r.code).toBe(0);
    expect(r.text).toMatch(/letters run \d+: 2 "Second notice" letters ->/);
    expect(r.text).toMatch(/skipped .*Dent: No mailing address/);
    expect(r.text).toMatch(/skipped .*Eve: A compliance rule blocks this letter/);
    const pages = Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [pdf], { encoding: 'utf8' }))?.[1]);
    const text = execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' });
    // Cole (30301) comes before Ames (62704): presort order.
    expect(text.indexOf(cole.accountNumber)).toBeGreaterThan(-1);
    expect(text.indexOf(cole.accountNumber)).toBeLessThan(text.indexOf(ames.accountNumber));
    // Signed by the user named by --as, never by the terminal's login.
    expect(text).toContain('clara');
    expect(text).not.toMatch(/cli:/);
    expect(fs.readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);

    const backend = openBackend({ store: store[1], 'key-file': store[3] });
    try {
      const sent = await backend.ctx.db.selectFrom('letter').select(['account_id', 'channel', 'task_id', 'archived_document_id']).orderBy('id').execute();
      expect(sent.map((l) => [l.account_id, l.channel])).toEqual([
        [cole.id, 'pdf'],
        [ames.id, 'pdf'],
      ]);
      const archived = await backend.ctx.db.selectFrom('archived_document').select(['pages']).where('kind', '=', 'letter').execute();
      expect(archived.reduce((n, a) => n + a.pages, 0)).toBe(pages);
      const tasks = await backend.ctx.db
        .selectFrom('collection_task')
        .select(['account_id', 'status'])
        .where('kind', '=', 'letter')
        .orderBy('account_id')
        .execute();
      expect(tasks.filter((t) => t.status === 'done').map((t) => t.account_id)).toEqual([ames.id, cole.id]);
    } finally {
      await backend.close();
    }

    // Nothing left to send: the accounts that could not get it are still listed.
    const again = await cli('letters', 'run', '--template', 'second-notice', '--out', pdf, '--as', 'clara', ...store);
    expect(again.code).not.toBe(0);
    expect(again.errors).toMatch(/no letter that can go \(2 skipped\)/);
  });
});

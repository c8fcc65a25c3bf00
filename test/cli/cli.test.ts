import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawn } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBackend } from '../../src-main/backend';
import { commandSpecs } from '../../src-main/cli/registry';
import { parseIif } from '../../src-main/backend/services/quickbooks';
import { readIifAmount } from '../../src-main/backend/services/quickbooks/iif';
import { buildCli, runBuilt, type Run } from './bundle';

/**
 * The bundled CLI run as the user runs it: a child process of plain Node, its stdout read from a pipe.
 * The store is made and filled through the CLI itself (init, import): 60 accounts, 4,000 open invoices,
 * enough for an aging detail of more than 1 MB.
 */
const AS_OF = '2026-06-30';
const INVOICES = 4000;
let cli = '';
let dir = '';
let store: string[] = [];
let keyFile = '';
let storePath = '';

const run = (...args: string[]): Promise<Run> => runBuilt(cli, args);
const json = (r: Run): unknown => JSON.parse(r.stdout.toString('utf8'));

function writeBook(): { accounts: string; invoices: string } {
  const accounts = ['account_number,name'];
  for (let a = 1; a <= 60; a++) accounts.push(`C-${a},Customer ${a}`);
  const invoices = ['invoice_number,account_number,invoice_date,due_date,amount'];
  for (let i = 1; i <= INVOICES; i++) {
    const day = 1 + (i % 180);
    const date = new Date(Date.UTC(2026, 0, day)).toISOString().slice(0, 10);
    const due = new Date(Date.UTC(2026, 0, day + 30)).toISOString().slice(0, 10);
    invoices.push(`OLD-${i},C-${1 + (i % 60)},${date},${due},${(100 + (i % 900)).toFixed(2)}`);
  }
  const a = path.join(dir, 'accounts.csv');
  const i = path.join(dir, 'invoices.csv');
  fs.writeFileSync(a, `${accounts.join('\n')}\n`);
  fs.writeFileSync(i, `${invoices.join('\n')}\n`);
  return { accounts: a, invoices: i };
}

beforeAll(async () => {
  cli = await buildCli();
  // Kept for the whole file (test/support's tempDir is removed after each test).
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ledgerdesk-cli-test-'));
  storePath = path.join(dir, 'office.ldk');
  keyFile = path.join(dir, 'office.key');
  store = ['--store', storePath, '--key-file', keyFile];
  const init = await runBuilt(cli, ['init', ...store, '--company', 'Cli Test Billing', '--admin', 'admin', '--admin-name', 'Ada Admin'], {
    LEDGERDESK_ADMIN_PASSWORD: 'correct horse battery staple',
  });
  expect(init.stderr).toBe('');
  expect(init.code).toBe(0);
  const book = writeBook();
  for (const [kind, file] of [
    ['accounts', book.accounts],
    ['invoices', book.invoices],
  ] as const) {
    const r = await run('import', kind, file, ...store);
    expect(r.stdout.toString()).toMatch(/posted \d+ row/);
    expect(r.code).toBe(0);
  }
}, 240_000);

afterAll(() => {
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
  if (cli) fs.rmSync(path.dirname(cli), { recursive: true, force: true });
});

describe('usage', () => {
  it('--help, help <command> and <command> --help print the usage to stdout and exit 0', async () => {
    const top = await run('--help');
    expect([top.code, top.stderr]).toEqual([0, '']);
    for (const spec of commandSpecs) expect(top.stdout.toString()).toContain(`  ${spec.name} `);
    for (const spec of commandSpecs) {
      for (const r of [await run('help', spec.name), await run(spec.name, '--help')]) {
        expect([r.code, r.stderr]).toEqual([0, '']);
        const text = r.stdout.toString();
        expect(text.startsWith(`Usage: ledgerdesk ${spec.name} `)).toBe(true);
        for (const option of Object.keys(spec.options)) expect(text).toContain(`--${option}`);
      }
    }
  }, 120_000);

  it('bin/ledgerdesk.cjs runs the built bundle, and says how to build it when it is missing, exit 2', async () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'ledgerdesk-cli-bin-'));
    try {
      fs.mkdirSync(path.join(root, 'bin'));
      fs.copyFileSync(path.resolve(__dirname, '../../bin/ledgerdesk.cjs'), path.join(root, 'bin/ledgerdesk.cjs'));
      const missing = await runBuilt(path.join(root, 'bin/ledgerdesk.cjs'), ['--help']);
      expect(missing.code).toBe(2);
      expect(missing.stdout.length).toBe(0);
      expect(missing.stderr).toMatch(/^ledgerdesk: the command line is not built \(.*out\/main\/cli\.js is missing\): run `npx electron-vite build`/);
      fs.mkdirSync(path.join(root, 'out'));
      fs.symlinkSync(path.dirname(cli), path.join(root, 'out/main'), 'dir');
      const built = await runBuilt(path.join(root, 'bin/ledgerdesk.cjs'), ['agin']);
      expect([built.code, built.stderr.split('\n')[0]]).toEqual([2, "error: unknown command 'agin'. Did you mean 'aging'?"]);
      const help = await runBuilt(path.join(root, 'bin/ledgerdesk.cjs'), ['help', 'aging']);
      expect([help.code, help.stdout.toString().split('\n')[0]]).toEqual([0, expect.stringMatching(/^Usage: ledgerdesk aging /)]);
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
    }
  });

  it('no command: the usage on stderr, exit 2', async () => {
    const r = await run();
    expect(r.code).toBe(2);
    expect(r.stdout.length).toBe(0);
    expect(r.stderr).toContain('Usage: ledgerdesk <command>');
  });

  it('an unknown command is named, with the close one suggested, exit 2', async () => {
    const typo = await run('agin', ...store);
    expect(typo.code).toBe(2);
    expect(typo.stdout.length).toBe(0);
    expect(typo.stderr.split('\n')[0]).toBe("error: unknown command 'agin'. Did you mean 'aging'?");
    const far = await run('frobnicate');
    expect(far.code).toBe(2);
    expect(far.stderr.split('\n')[0]).toBe("error: unknown command 'frobnicate'.");
    const help = await run('help', 'setings');
    expect([help.code, help.stderr.split('\n')[0]]).toEqual([2, "error: unknown command 'setings'. Did you mean 'settings'?"]);
  });

  it('an unknown option, a flag given a value, an option without its value and an extra argument are errors naming them, exit 2', async () => {
    const cases: [string[], string][] = [
      [['aging', '--edges', '29,59,89'], "error: aging: unknown option '--edges'."],
      [['aging', '--detial'], "error: aging: unknown option '--detial'. Did you mean '--detail'?"],
      [['aging', '--as-of'], 'error: aging: --as-of needs a value (YYYY-MM-DD)'],
      [['aging', '--as-of', '--detail'], 'error: aging: --as-of needs a value (YYYY-MM-DD)'],
      [['aging', '--detail=yes'], 'error: aging: --detail is a flag and takes no value.'],
      [['aging', 'extra'], "error: aging: unexpected argument 'extra'."],
      [['settings', 'get', '--key', 'x'], "error: settings: unknown option '--key'."],
    ];
    for (const [args, message] of cases) {
      const r = await run(...args, ...store);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stdout.length).toBe(0);
      expect(r.stderr.split('\n')[0]).toContain(message);
      expect(r.stderr).toContain(`Run 'ledgerdesk ${args[0]} --help' for its options.`);
    }
  });

  it('a refused value is said on stderr, exit 2; a missing store likewise', async () => {
    const badDate = await run('aging', '--as-of', '2026-02-30', ...store);
    expect([badDate.code, badDate.stdout.length]).toEqual([2, 0]);
    expect(badDate.stderr).toMatch(/^error: --as-of: /);
    const badFormat = await run('aging', '--format', 'xml', ...store);
    expect([badFormat.code, badFormat.stderr.trim()]).toEqual([2, "error: --format must be json or csv; it is 'xml'."]);
    const noStore = await run('aging', '--store', path.join(dir, 'missing.ldk'), '--key-file', keyFile);
    expect([noStore.code, noStore.stderr.trim()]).toEqual([2, `error: Store not found: ${path.join(dir, 'missing.ldk')}`]);
  });
});

describe('output', () => {
  it('more than 1 MB reaches a pipe whole before the process exits: the same bytes as written to a file, and JSON that parses', async () => {
    const args = ['aging', '--detail', '--as-of', AS_OF, ...store];
    const piped = await run(...args);
    expect(piped.code).toBe(0);
    expect(piped.stdout.length).toBeGreaterThan(1_000_000);
    const file = path.join(dir, 'detail.json');
    const fd = fs.openSync(file, 'w');
    const code = await new Promise<number | null>((resolve, reject) => {
      const child = spawn(process.execPath, [cli, ...args], { stdio: ['ignore', fd, 'ignore'] });
      child.on('error', reject);
      child.on('close', resolve);
    });
    fs.closeSync(fd);
    expect(code).toBe(0);
    expect(piped.stdout.equals(fs.readFileSync(file))).toBe(true);
    const detail = json(piped) as { rows: unknown[] };
    expect(detail.rows).toHaveLength(INVOICES);

    const csv = await run('aging', '--detail', '--format', 'csv', '--as-of', AS_OF, ...store);
    expect(csv.code).toBe(0);
    expect(csv.stdout.toString().trimEnd().split(/\r?\n/)).toHaveLength(INVOICES + 1);
  }, 60_000);

  it('the aging JSON has the documented keys: amounts in cents, the buckets as day ranges beside their labels', async () => {
    const r = await run('aging', '--as-of', AS_OF, ...store);
    expect([r.code, r.stderr]).toEqual([0, '']);
    const s = json(r) as Record<string, unknown> & {
      bucketLabels: string[];
      buckets: { label: string; fromDays: number | null; toDays: number | null }[];
      rows: Record<string, unknown>[];
      totals: Record<string, unknown> & { buckets: number[]; totalCents: number };
    };
    expect(Object.keys(s).sort()).toEqual(['asOf', 'basis', 'bucketLabels', 'buckets', 'presentation', 'rowCount', 'rows', 'totals']);
    expect(s.asOf).toBe(AS_OF);
    expect(s.buckets).toEqual([
      { label: 'Current', fromDays: null, toDays: 0 },
      { label: '1-30', fromDays: 1, toDays: 30 },
      { label: '31-60', fromDays: 31, toDays: 60 },
      { label: '61-90', fromDays: 61, toDays: 90 },
      { label: '91-120', fromDays: 91, toDays: 120 },
      { label: 'Over 120', fromDays: 121, toDays: null },
    ]);
    expect(s.bucketLabels).toEqual(s.buckets.map((b) => b.label));
    expect(Object.keys(s.rows[0]!).sort()).toEqual([
      'accountId',
      'accountKind',
      'accountName',
      'accountNumber',
      'buckets',
      'prepaymentCents',
      'totalCents',
      'unappliedCents',
    ]);
    expect(s.rows).toHaveLength(60);
    // Cents: the file's amounts 100.00 + (i mod 900) dollars, summed whole.
    let expected = 0;
    for (let i = 1; i <= INVOICES; i++) expected += (100 + (i % 900)) * 100;
    expect(s.totals.totalCents).toBe(expected);
    expect(s.totals.buckets.reduce((a, b) => a + b, 0)).toBe(expected);
  });
});

describe('settings', () => {
  it('get prints every key as JSON; set validates with the app schema, saves, audits as cli:<login>, and the aging follows', async () => {
    const all = await run('settings', 'get', ...store);
    expect([all.code, all.stderr]).toEqual([0, '']);
    const values = json(all) as Record<string, unknown>;
    expect(values).toMatchObject({
      'aging.currentThroughDays': 0,
      'aging.edges': [30, 60, 90, 120],
      'aging.defaultBasis': 'due',
      'company.companyName': 'Cli Test Billing',
    });
    expect(Object.keys(values)).not.toContain('company.currency');

    const set = await run('settings', 'set', 'aging.edges', '29,59,89', ...store);
    expect([set.code, set.stderr, set.stdout.toString().trim()]).toEqual([0, '', 'aging.edges = [29,59,89]']);
    const one = await run('settings', 'get', 'aging.edges', ...store);
    expect(json(one)).toEqual([29, 59, 89]);
    const aging = json(await run('aging', '--as-of', AS_OF, ...store)) as { bucketLabels: string[]; buckets: { toDays: number | null }[] };
    expect(aging.bucketLabels).toEqual(['Current', '1-29', '30-59', '60-89', 'Over 89']);
    expect(aging.buckets.map((b) => b.toDays)).toEqual([0, 29, 59, 89, null]);

    expect((await run('settings', 'set', 'company.name', 'Cli Renamed Billing', ...store)).code).toBe(0);
    expect(json(await run('settings', 'get', 'company.companyName', ...store))).toBe('Cli Renamed Billing');
    expect((await run('settings', 'set', 'aging.defaultBasis', 'invoice', ...store)).code).toBe(0);
    expect((json(await run('aging', '--as-of', AS_OF, ...store)) as { basis: string }).basis).toBe('invoice');

    const b = createBackend({ storePath, key: Buffer.from(fs.readFileSync(keyFile, 'utf8').trim(), 'hex') });
    try {
      const audits = await b.ctx.db
        .selectFrom('audit')
        .select(['username', 'entity_id', 'after_json'])
        .where('action', '=', 'settings.update')
        .orderBy('seq')
        .execute();
      expect(audits.map((a) => [a.username, a.entity_id])).toEqual([
        [`cli:${os.userInfo().username}`, 'aging'],
        [`cli:${os.userInfo().username}`, 'company'],
        [`cli:${os.userInfo().username}`, 'aging'],
      ]);
      expect(JSON.parse(audits[0]!.after_json!).edges).toEqual([29, 59, 89]);
    } finally {
      await b.close();
    }
  });

  it('a refused value or an unknown key names the key and the reason, exit 2, and changes nothing', async () => {
    const before = (await run('settings', 'get', ...store)).stdout.toString();
    const cases: [string[], RegExp][] = [
      [['aging.edges', '60,30'], /^error: settings set aging\.edges: '60,30' is refused: .*edges\.1: Bucket edges must rise: 30 is not more than 60/],
      [['aging.edges', '30,sixty'], /^error: settings set aging\.edges: '30,sixty' is refused: whole numbers separated by commas/],
      [['aging.currentThroughDays', '500'], /^error: settings set aging\.currentThroughDays: '500' is refused: /],
      [['aging.defaultBasis', 'posted'], /^error: settings set aging\.defaultBasis: 'posted' is refused: /],
      [['company.complianceEnabled', 'yes'], /^error: settings set company\.complianceEnabled: 'yes' is refused: true or false/],
      [['company.timeZone', 'Mars/Olympus'], /^error: settings set company\.timeZone: 'Mars\/Olympus' is refused: /],
      [['aging.buckets', '3'], /^error: settings: unknown key 'aging\.buckets'; the keys are aging\.currentThroughDays, /],
    ];
    for (const [args, message] of cases) {
      const r = await run('settings', 'set', ...args, ...store);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stdout.length).toBe(0);
      expect(r.stderr).toMatch(message);
    }
    expect((await run('settings', 'get', ...store)).stdout.toString()).toBe(before);
  });
});

describe('settings: the letterhead', () => {
  it("the company's address, phone and email on documents: set, read back, audited; a bad email refused", async () => {
    const all = json(await run('settings', 'get', ...store)) as Record<string, unknown>;
    expect(all).toMatchObject({ 'letterhead.phone': '', 'letterhead.address.city': '' });
    for (const [k, v] of [
      ['letterhead.phone', '(555) 010-2000'],
      ['letterhead.address.line1', '12 Harbor Street'],
      ['letterhead.address.city', 'Riverside'],
    ]) {
      const r = await run('settings', 'set', k!, v!, ...store);
      expect([r.code, r.stderr, r.stdout.toString().trim()]).toEqual([0, '', `${k} = ${JSON.stringify(v)}`]);
    }
    expect(json(await run('settings', 'get', 'letterhead.address.city', ...store))).toBe('Riverside');
    expect(json(await run('settings', 'get', 'letterhead.address.line1', ...store))).toBe('12 Harbor Street');
    const bad = await run('settings', 'set', 'letterhead.email', 'not-an-email', ...store);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/^error: settings set letterhead\.email: 'not-an-email' is refused: Not an email address/);
    const b = createBackend({ storePath, key: Buffer.from(fs.readFileSync(keyFile, 'utf8').trim(), 'hex') });
    try {
      const audits = await b.ctx.db.selectFrom('audit').select(['username', 'after_json']).where('action', '=', 'document.settings').orderBy('seq').execute();
      expect(audits.map((a) => a.username)).toEqual(Array(3).fill(`cli:${os.userInfo().username}`));
      expect(JSON.parse(audits[2]!.after_json!).letterhead).toMatchObject({
        phone: '(555) 010-2000',
        address: { line1: '12 Harbor Street', city: 'Riverside' },
      });
    } finally {
      await b.close();
    }
  });
});

describe('export', () => {
  it('writes the aging as CSV and JSON files, the same as the aging command prints', async () => {
    const csvFile = path.join(dir, 'aging.csv');
    const r = await run('export', 'aging', '--format', 'csv', '--out', csvFile, '--as-of', AS_OF, ...store);
    expect([r.code, r.stderr]).toEqual([0, '']);
    const printed = await run('aging', '--format', 'csv', '--as-of', AS_OF, ...store);
    expect(fs.readFileSync(csvFile).equals(printed.stdout)).toBe(true);
    const jsonFile = path.join(dir, 'aging.json');
    expect((await run('export', 'aging', '--format', 'json', '--out', jsonFile, '--as-of', AS_OF, ...store)).code).toBe(0);
    expect(JSON.parse(fs.readFileSync(jsonFile, 'utf8'))).toEqual(json(await run('aging', '--as-of', AS_OF, ...store)));
    const mismatch = await run('export', 'aging', '--format', 'csv', '--out', path.join(dir, 'aging.txt'), ...store);
    expect([mismatch.code, mismatch.stderr.trim()]).toEqual([
      2,
      `error: export: --out must end in .csv for --format csv; it is ${path.join(dir, 'aging.txt')}.`,
    ]);
    const reportCsv = await run('export', 'report', 'cash-receipts', '--format', 'csv', '--out', csvFile, ...store);
    expect([reportCsv.code, reportCsv.stderr.trim()]).toEqual([2, 'error: export report cash-receipts: the reports are workbooks; --format xlsx.']);
    expect(fs.readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });
});

describe('QuickBooks', () => {
  it('export quickbooks writes the period as IIF journal entries that balance, the invoices of the period in debits; bad flags exit 2', async () => {
    const iif = path.join(dir, 'journal.iif');
    const r = await run('export', 'quickbooks', '--from', '2026-01-01', '--to', '2026-01-31', '--format', 'iif', '--out', iif, ...store);
    expect([r.code, r.stderr]).toEqual([0, '']);
    const file = parseIif('journal.iif', fs.readFileSync(iif));
    expect(file.problems).toEqual([]);
    // The book's January invoices: one journal entry each, receivables debited by their amounts.
    const january = Array.from({ length: INVOICES }, (_, k) => k + 1).filter((i) => 1 + (i % 180) <= 31);
    expect(file.transactions).toHaveLength(january.length);
    let receivables = 0;
    for (const tx of file.transactions) {
      let sum = 0;
      for (const rec of [tx.trns, ...tx.spls]) {
        const a = readIifAmount(rec.get('AMOUNT'));
        if (!a.ok) throw new Error(`line ${rec.line}: ${a.reason}`);
        sum += a.value;
        if (rec.get('ACCNT') === 'Accounts Receivable') receivables += a.value;
      }
      expect(sum).toBe(0);
    }
    expect(receivables).toBe(january.reduce((s, i) => s + (100 + (i % 900)) * 100, 0));
    expect(r.stdout.toString()).toContain(`${january.length} entries`);
    const csv = await run('export', 'quickbooks', '--from', '2026-01-01', '--to', '2026-01-31', '--format', 'csv', '--out', path.join(dir, 'j.csv'), ...store);
    expect([csv.code, csv.stderr.trim()]).toEqual([2, 'error: export quickbooks: the journal is an IIF file; --format iif.']);
    const noTo = await run('export', 'quickbooks', '--from', '2026-01-01', '--format', 'iif', '--out', iif, ...store);
    expect([noTo.code, noTo.stderr.trim()]).toEqual([2, 'error: export quickbooks: --from YYYY-MM-DD and --to YYYY-MM-DD are required.']);
  });

  it('import --source quickbooks reads an IIF customer list; payments from QuickBooks are refused, exit 2', async () => {
    const file = path.join(dir, 'customers.iif');
    fs.writeFileSync(file, '!CUST\tNAME\tBADDR1\tPHONE1\tEMAIL\nCUST\tHarbor Dental\tHarbor Dental\t(555) 010-4400\tbilling@harbor.example\n');
    const r = await run('import', 'accounts', file, '--source', 'quickbooks', ...store);
    expect([r.code, r.stderr]).toEqual([0, '']);
    expect(r.stdout.toString()).toMatch(/posted 1 row\(s\)/);
    const b = createBackend({ storePath, key: Buffer.from(fs.readFileSync(keyFile, 'utf8').trim(), 'hex') });
    try {
      const acct = await b.ctx.db.selectFrom('account').select(['name']).where('name', '=', 'Harbor Dental').executeTakeFirst();
      expect(acct?.name).toBe('Harbor Dental');
    } finally {
      await b.close();
    }
    const payments = await run('import', 'payments', file, '--source', 'quickbooks', ...store);
    expect([payments.code, payments.stderr.trim()]).toEqual([
      2,
      'error: import payments: QuickBooks files bring accounts, invoices or open items, not payments.',
    ]);
  });
});

describe('moving in: import modes, credit notes, the presentation of one run', () => {
  it('payments import as in the file (a payment on account stays unapplied credit); the aging flags show it apart for that run only', async () => {
    const file = path.join(dir, 'payments.csv');
    fs.writeFileSync(file, 'payment_reference,account_number,payment_date,amount,invoice_number,applied_amount\nPAY-ON-ACCOUNT,C-7,2026-05-01,50.00,,\n');
    const onInvoices = await run('import', 'invoices', file, '--mode', 'as-in-file', ...store);
    expect([onInvoices.code, onInvoices.stderr.trim()]).toEqual([2, 'error: import invoices: --mode is for payments.']);
    const badMode = await run('import', 'payments', file, '--mode', 'newest-first', ...store);
    expect([badMode.code, badMode.stderr.trim()]).toEqual([2, "error: import payments: --mode must be as-in-file or oldest-first; it is 'newest-first'."]);
    const cutOver = await run('import', 'payments', file, '--cut-over', '2026-06-30', ...store);
    expect([cutOver.code, cutOver.stderr.trim()]).toEqual([2, 'error: import payments: --cut-over is for open-items.']);
    const badKind = await run('import', 'refunds', file, ...store);
    expect(badKind.stderr.trim()).toBe("error: import: the kind must be one of accounts, invoices, payments, credit-notes, open-items; it is 'refunds'.");

    const posted = await run('import', 'payments', file, '--mode', 'as-in-file', ...store);
    expect([posted.code, posted.stderr]).toEqual([0, '']);
    expect(posted.stdout.toString()).toMatch(/posted 1 row\(s\), \$50\.00/);

    type Row = { accountNumber: string; buckets: number[]; unappliedCents: number; prepaymentCents: number; totalCents: number };
    const rowOf = async (...flags: string[]) => {
      const r = await run('aging', '--as-of', AS_OF, '--basis', 'due', ...flags, ...store);
      expect([r.code, r.stderr]).toEqual([0, '']);
      const s = json(r) as { presentation: Record<string, unknown>; rows: Row[] };
      return { presentation: s.presentation, row: s.rows.find((x) => x.accountNumber === 'C-7')! };
    };
    const column = await rowOf();
    expect(column.row.unappliedCents).toBe(5000);
    expect(column.row.prepaymentCents).toBe(0);
    const apart = await rowOf('--prepayments-apart');
    expect(apart.presentation.prepaymentsApart).toBe(true);
    expect([apart.row.unappliedCents, apart.row.prepaymentCents, apart.row.totalCents]).toEqual([0, 5000, column.row.totalCents]);
    const aged = await rowOf('--credits', 'aged', '--credit-date', 'document');
    expect(aged.presentation).toMatchObject({ creditPresentation: 'aged', creditAgingDate: 'document' });
    expect(aged.row.unappliedCents).toBe(0);
    expect(aged.row.totalCents).toBe(column.row.totalCents);
    // 2026-05-01 to 2026-06-30 is 60 days: the payment is -50.00 in the bucket holding 60 days.
    const settings = json(await run('settings', 'get', 'aging.edges', ...store)) as number[];
    const bucket = 1 + settings.findIndex((e) => 60 <= e);
    expect(aged.row.buckets[bucket]! - column.row.buckets[bucket]!).toBe(-5000);
    // Nothing of it was saved.
    expect((await rowOf()).presentation).toEqual(column.presentation);
    const csv = await run('aging', '--as-of', AS_OF, '--format', 'csv', '--prepayments-apart', ...store);
    expect(csv.stdout.toString().split('\n')[0]).toMatch(/,unapplied_credit,prepayments,total\r?$/);
    const wrong = await run('aging', '--credits', 'sideways', ...store);
    expect([wrong.code, wrong.stderr.trim()]).toEqual([2, "error: --credits must be column or aged; it is 'sideways'."]);
  });

  it('credit-note posts a standalone credit note left as unapplied credit, audited as cli:<login>; bad input is refused, exit 2', async () => {
    const r = await run('credit-note', 'C-8', '--amount', '12.34', '--reason', 'Goodwill for a late delivery', '--date', '2026-06-15', ...store);
    expect([r.code, r.stderr]).toEqual([0, '']);
    expect(r.stdout.toString()).toMatch(/^credit note \S+: \$12\.34 to account C-8, left as unapplied credit; account balance \$/);
    const s = json(await run('aging', '--as-of', AS_OF, '--credits', 'column', ...store)) as { rows: { accountNumber: string; unappliedCents: number }[] };
    expect(s.rows.find((x) => x.accountNumber === 'C-8')!.unappliedCents).toBe(1234);

    const refusals: [string[], string][] = [
      [['C-8', '--amount', '0', '--reason', 'x'], 'error: credit-note: --amount is zero; it must be more than zero.'],
      [['C-8', '--amount', '12.345', '--reason', 'x'], 'error: credit-note: --amount has more than 2 decimal places'],
      [['C-8', '--amount', '5.00'], 'error: credit-note: --reason "..." is required.'],
      [['NOBODY', '--amount', '5.00', '--reason', 'x'], 'error: credit-note: there is no account numbered NOBODY.'],
      [['C-8', '--amount', '5.00', '--reason', 'x', '--invoice', 'NOPE'], 'error: credit-note: there is no invoice numbered NOPE.'],
      [['C-8', '--amount', '5.00', '--reason', 'x', '--date', '2026-13-01'], 'error: credit-note: --date '],
    ];
    for (const [args, message] of refusals) {
      const bad = await run('credit-note', ...args, ...store);
      expect(bad.code, args.join(' ')).toBe(2);
      expect(bad.stderr).toContain(message);
    }
    const b = createBackend({ storePath, key: Buffer.from(fs.readFileSync(keyFile, 'utf8').trim(), 'hex') });
    try {
      const notes = await b.ctx.db.selectFrom('document').select(['created_by', 'open_cents']).where('kind', '=', 'credit_note').execute();
      expect(notes).toEqual([{ created_by: `cli:${os.userInfo().username}`, open_cents: 1234 }]);
    } finally {
      await b.close();
    }
  });
  it('open items import as of --cut-over (required there); credit notes import standalone as unapplied credit', async () => {
    type Row = { accountNumber: string; unappliedCents: number; totalCents: number };
    const rows = async () => (json(await run('aging', '--as-of', AS_OF, '--credits', 'column', '--no-prepayments-apart', ...store)) as { rows: Row[] }).rows;
    const before = await rows();
    const total = (rs: Row[], n: string) => rs.find((x) => x.accountNumber === n)?.totalCents ?? 0;

    const openItems = path.join(dir, 'open-items.csv');
    fs.writeFileSync(
      openItems,
      'document_number,account_number,kind,document_date,due_date,original_amount,open_amount\nOI-1,C-9,invoice,2026-03-01,2026-03-31,300.00,120.00\nOI-2,C-9,credit,2026-04-01,,40.00,40.00\n',
    );
    const missing = await run('import', 'open-items', openItems, ...store);
    expect(missing.code).not.toBe(0);
    const dry = await run('import', 'open_items', openItems, '--cut-over', AS_OF, '--dry-run', ...store);
    expect([dry.code, dry.stderr, dry.code === 0 ? '' : dry.stdout.toString()]).toEqual([0, '', '']);
    expect(dry.stdout.toString()).toMatch(/dry run: would post 2 row\(s\), \$80\.00/);
    const posted = await run('import', 'open-items', openItems, '--cut-over', AS_OF, ...store);
    expect([posted.code, posted.stderr]).toEqual([0, '']);

    const creditNotes = path.join(dir, 'credit-notes.csv');
    fs.writeFileSync(creditNotes, 'credit_note_number,account_number,credit_date,amount,reason\nCM-OLD-1,C-10,2026-06-01,25.00,Returned goods\n');
    const credit = await run('import', 'credit-notes', creditNotes, ...store);
    expect([credit.code, credit.stderr]).toEqual([0, '']);
    expect(credit.stdout.toString()).toMatch(/posted 1 row\(s\)/);

    const after = await rows();
    expect(total(after, 'C-9') - total(before, 'C-9')).toBe(8000);
    expect(total(after, 'C-10') - total(before, 'C-10')).toBe(-2500);
    expect(after.find((x) => x.accountNumber === 'C-10')!.unappliedCents - (before.find((x) => x.accountNumber === 'C-10')?.unappliedCents ?? 0)).toBe(2500);
  });
});

/**
 * Times `quickbooks.exportIif` for the last whole month and the last quarter on a scratch copy of a bench
 * store (`npm run bench` builds it), and reads each file back: every entry must balance.
 *   tsx --tsconfig tsconfig.node.json scripts/bench-quickbooks.ts [--size medium|large]
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { addDays, addMonths, startOfMonth } from '../src-shared/dates';
import { createBackend } from '../src-main/backend';
import { businessToday } from '../src-main/backend/services/ledger/posting';
import { parseIif } from '../src-main/backend/services/quickbooks';
import { readIifAmount } from '../src-main/backend/services/quickbooks/iif';

async function main() {
  const i = process.argv.indexOf('--size');
  const size = i > 0 ? process.argv[i + 1]! : 'medium';
  const dir = path.resolve(__dirname, '..', 'bench-data');
  const store = path.join(dir, `${size}.ldk`);
  if (!fs.existsSync(store)) throw new Error(`bench: ${store} is missing; run npm run bench -- --size ${size} first`);
  const work = path.join(os.tmpdir(), `${size}.quickbooks.ldk`);
  for (const f of [work, `${work}-wal`, `${work}-shm`]) fs.rmSync(f, { force: true });
  fs.copyFileSync(store, work);
  const key = Buffer.from(fs.readFileSync(path.join(dir, `${size}.key`), 'utf8').trim(), 'hex');
  const b = createBackend({ storePath: work, key, log: () => undefined });
  try {
    const today = await businessToday(b.ctx.db, b.ctx.clock);
    const monthStart = addMonths(startOfMonth(today), -1);
    const periods = [
      { name: 'month', from: monthStart, to: addDays(startOfMonth(today), -1) },
      { name: 'quarter', from: addMonths(monthStart, -2), to: addDays(startOfMonth(today), -1) },
    ];
    const out: Record<string, unknown>[] = [];
    for (const p of periods) {
      const t0 = performance.now();
      const file = await b.services.quickbooks.exportIif({ from: p.from, to: p.to });
      const ms = Math.round(performance.now() - t0);
      const parsed = parseIif('bench.iif', Buffer.from(file.base64, 'base64'));
      let unbalanced = parsed.problems.length;
      for (const tx of parsed.transactions) {
        const sum = [tx.trns, ...tx.spls].reduce((s, r) => {
          const a = readIifAmount(r.get('AMOUNT'));
          return s + (a.ok ? a.value : Number.NaN);
        }, 0);
        if (sum !== 0) unbalanced++;
      }
      out.push({ ...p, ms, transactions: file.transactions, bytes: Math.floor((file.base64.length * 3) / 4), unbalanced });
    }
    console.log(
      JSON.stringify({ machine: { loadAverage: os.loadavg().map((x) => Math.round(x * 10) / 10), cpus: os.cpus().length }, size, exports: out }, null, 2),
    );
  } finally {
    await b.close();
    for (const f of [work, `${work}-wal`, `${work}-shm`]) fs.rmSync(f, { force: true });
  }
}

void main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});

/**
 * The worklist made for calling at medium (docs/clerks-day.md): `npx tsx --tsconfig tsconfig.node.json
 * scripts/bench-worklist-calling.ts [--size medium] [--runs 7]`. Works on a copy of bench-data/<size>.ldk
 * (built by `npm run bench`), evaluates the stages as of today once, then times the worklist as a
 * supervisor asks for it on screen (2,000 rows), the callable-now filter, and the callable states alone.
 * Prints JSON.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { createBackend } from '../src-main/backend';
import { businessToday } from '../src-main/backend/services/ledger/posting';
import { callableStates } from '../src-main/backend/services/worklist/calling';

const arg = (name: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
};
const size = arg('size') ?? 'medium';
const RUNS = Number(arg('runs') ?? 7);
const dir = path.resolve(__dirname, '..', 'bench-data');
const work = path.join(os.tmpdir(), `worklist-calling-${size}.ldk`);
const ms = (x: number) => Math.round(x * 10) / 10;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function times(fn: () => Promise<unknown>): Promise<{ medianMs: number; maxMs: number }> {
  await fn(); // warm-up
  const xs: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t = performance.now();
    await fn();
    xs.push(performance.now() - t);
  }
  return { medianMs: ms(median(xs)), maxMs: ms(Math.max(...xs)) };
}

async function main() {
  for (const f of [work, `${work}-wal`, `${work}-shm`]) fs.rmSync(f, { force: true });
  fs.copyFileSync(path.join(dir, `${size}.ldk`), work);
  const key = Buffer.from(fs.readFileSync(path.join(dir, `${size}.key`), 'utf8').trim(), 'hex');
  const b = createBackend({ storePath: work, key, log: () => undefined });
  try {
    const today = await businessToday(b.ctx.db, b.ctx.clock);
    await b.services.stages.evaluate({ userId: null, username: 'bench' }, today);
    const me = { userId: null, role: 'supervisor' };
    const screen = { assignee: 'all' as const, limit: 2000, offset: 0 };
    const list = await b.services.worklist.get(screen, me);
    const ids = list.items.map((i) => i.accountId);
    const callable = list.items.filter((i) => i.calling.callableNow).length;
    const out = {
      size,
      asOf: today,
      now: b.ctx.clock.now().toISOString(),
      total: list.total,
      rows: list.items.length,
      callableNow: callable,
      noNumber: list.items.filter((i) => i.calling.phone === null).length,
      withLastContact: list.items.filter((i) => i.calling.lastContact).length,
      withPromise: list.items.filter((i) => i.calling.promise).length,
      worklistGet2000: await times(() => b.services.worklist.get(screen, me)),
      worklistGetCallableOnly: await times(() => b.services.worklist.get({ ...screen, callableNow: true }, me)),
      worklistGet50: await times(() => b.services.worklist.get({ ...screen, limit: 50 }, me)),
      callableStatesAlone: await times(() => callableStates(b.ctx.db, ids, b.ctx.clock.now())),
      loadavg: os.loadavg().map((x) => Math.round(x * 100) / 100),
    };
    process.stdout.write(`${JSON.stringify(out, null, 2)}\n`);
  } finally {
    await b.close();
    for (const f of [work, `${work}-wal`, `${work}-shm`]) fs.rmSync(f, { force: true });
  }
}

void main();

/**
 * Times `irregularities.get` (every check over the whole store) on a scratch copy of a bench store
 * (`npm run bench` builds it): the first look and three more, with each check's count.
 *   tsx --tsconfig tsconfig.node.json scripts/bench-irregularities.ts [--size medium|large]
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createBackend } from '../src-main/backend';

async function main() {
  const i = process.argv.indexOf('--size');
  const size = i > 0 ? process.argv[i + 1]! : 'medium';
  const dir = path.resolve(__dirname, '..', 'bench-data');
  const store = path.join(dir, `${size}.ldk`);
  if (!fs.existsSync(store)) throw new Error(`bench: ${store} is missing; run npm run bench -- --size ${size} first`);
  const work = path.join(os.tmpdir(), `${size}.irregularities.ldk`);
  for (const f of [work, `${work}-wal`, `${work}-shm`, `${work}.anchor.json`]) fs.rmSync(f, { force: true });
  fs.copyFileSync(store, work);
  if (fs.existsSync(`${store}.anchor.json`)) fs.copyFileSync(`${store}.anchor.json`, `${work}.anchor.json`);
  const key = Buffer.from(fs.readFileSync(path.join(dir, `${size}.key`), 'utf8').trim(), 'hex');
  const b = createBackend({ storePath: work, key, log: () => undefined });
  try {
    const runs: number[] = [];
    let counts: Record<string, number> = {};
    for (let run = 0; run < 4; run++) {
      const t0 = performance.now();
      const r = await b.services.irregularities.get({});
      runs.push(Math.round(performance.now() - t0));
      counts = Object.fromEntries(r.sections.map((s) => [s.check, s.count]));
    }
    const docs = (b.ctx.store.sqlite.prepare('SELECT count(*) AS n FROM document').get() as { n: number }).n;
    console.log(
      JSON.stringify(
        { machine: { loadAverage: os.loadavg().map((x) => Math.round(x * 10) / 10), cpus: os.cpus().length }, size, documents: docs, ms: runs, counts },
        null,
        2,
      ),
    );
  } finally {
    await b.close();
    for (const f of [work, `${work}-wal`, `${work}-shm`, `${work}.anchor.json`]) fs.rmSync(f, { force: true });
  }
}

void main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});

/**
 * Screen timings on the medium store (issue 13, "Fast at medium"): the built renderer (out/, run
 * `npx electron-vite build` first) in Debian's Chromium, with window.api bridged to a real backend in
 * this process the way the e2e fixture does it (e2e/fixtures/bridge.ts: page.exposeBinding to the same
 * dispatch the app's IPC handlers call; documents and diagnostics, which the shell answers, are left
 * out), on a scratch copy of bench-data/medium.ldk.
 *
 * Each run is a fresh page (an empty query cache, as after starting the app): sign in as the
 * supervisor, then open each main screen once through the router (the sidebar's hash change) and time
 * navigation -> the screen's data visible (a selector per screen, and no loader left in the page).
 * Collections is timed again for "Preview late fees" (click -> first fee row).
 *
 *   npx tsx --tsconfig tsconfig.node.json scripts/bench-screens.ts [--runs 5] [--size medium] [--trace] [--profile]
 *
 * Prints JSON: per screen the median and max milliseconds, and the machine's load average.
 * `npm run bench -- --screens [--screen-runs N]` runs it too (benchScreens below).
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { chromium, type Page } from '@playwright/test';
import { BackendHost } from '../src-main/backend/host';
import { apiInitScript } from '../test/kit/api-init-script';
import { storeChannels } from '../src-shared/ipc/contract';
import { demoUsers } from '../src-main/backend/demo';
import { businessToday } from '../src-main/backend/services/ledger/posting';

const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 && process.argv[i + 1] ? (process.argv[i + 1] as string) : fallback;
};
const RUNS = Number(arg('runs', '5'));
const size = arg('size', 'medium');
/** --trace: every backend call and its milliseconds on stderr, to see what a screen waits for. */
const TRACE = process.argv.includes('--trace');
/** --profile: a CPU profile of the page while each screen opens; its ten costliest functions on stderr. */
const PROFILE = process.argv.includes('--profile');
const root = path.resolve(__dirname, '..');
const storePath = path.join(root, 'bench-data', `${size}.ldk`);
const keyPath = path.join(root, 'bench-data', `${size}.key`);
const log = (m: string) => process.stderr.write(`[bench-screens] ${m}\n`);

/** A main screen: where it is, and what shows that its data is on screen. */
interface Screen {
  name: string;
  hash: (accountId: number) => string;
  ready: (page: Page) => Promise<unknown>;
}
const firstRow = (page: Page, grid?: string) =>
  (grid ? page.getByTestId(grid) : page.locator('main')).locator('[role=row][aria-rowindex]').first().waitFor({ state: 'visible' });

const screens: Screen[] = [
  { name: 'Accounts', hash: () => '#/accounts', ready: (p) => firstRow(p, 'accounts-grid') },
  { name: 'Account page', hash: (id) => `#/accounts/${id}`, ready: (p) => firstRow(p) },
  { name: 'Aging', hash: () => '#/aging', ready: (p) => firstRow(p) },
  { name: 'Worklist', hash: () => '#/worklist', ready: (p) => firstRow(p) },
  { name: 'Letters', hash: () => '#/letters', ready: (p) => p.getByRole('tabpanel').getByRole('grid').first().waitFor() },
  {
    name: 'Collections',
    hash: () => '#/collections',
    // Before issue 13 the screen opened with the preview computed: its first row was the data.
    ready: (p) => p.getByTestId('fee-preview-run').or(p.getByTestId('fee-preview').locator('[role=row][aria-rowindex]').first()).waitFor(),
  },
  { name: 'Reports', hash: () => '#/reports', ready: (p) => p.getByTestId('report-panel').waitFor() },
  { name: 'Dashboard', hash: () => '#/dashboard', ready: (p) => p.getByTestId('dashboard-receivables').waitFor() },
  { name: 'Settings', hash: () => '#/settings', ready: (p) => p.getByLabel('Company name').and(p.locator('input:not([value=""])')).waitFor() },
  { name: 'Import', hash: () => '#/import', ready: (p) => p.getByRole('button', { name: /Choose file/ }).waitFor() },
];

/** No spinner left in the page's main area (a grid still loading, a panel still fetching). */
const settled = async (page: Page) => {
  const busy = page.locator('main .mantine-Loader-root, main [aria-busy="true"]').filter({ visible: true });
  const until = performance.now() + 60_000;
  while ((await busy.count()) > 0) {
    if (performance.now() > until) throw new Error('A loader stayed on screen for a minute.');
    await page.waitForTimeout(10);
  }
};

async function bridge(page: Page, host: BackendHost, origin: string, sessionId: string): Promise<void> {
  await page.exposeBinding('__ledgerdeskInvoke', async (source, channel: string, input: unknown) => {
    if (new URL(source.frame.url()).origin !== origin) return { ok: false, error: { code: 'FORBIDDEN', message: 'Not a Ledgerdesk page.' } };
    if ((storeChannels as string[]).includes(channel))
      return { ok: true, value: { state: 'ready', storePath: host.current.ctx.store.path, keychainAvailable: true } };
    const t = performance.now();
    const answer = await host.dispatch(sessionId, channel, input);
    if (TRACE) log(`${channel} ${Math.round(performance.now() - t)} ms`);
    return answer;
  });
  await page.addInitScript({ content: apiInitScript });
}

/** The built renderer on loopback (module scripts do not run from file://). */
async function serve(dir: string): Promise<{ url: string; close(): Promise<void> }> {
  if (!fs.existsSync(path.join(dir, 'index.html'))) throw new Error(`No built renderer in ${dir}: run "npx electron-vite build" first.`);
  const types: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.svg': 'image/svg+xml', '.woff2': 'font/woff2' };
  const server = http.createServer((req, res) => {
    const file = path.join(dir, decodeURIComponent(new URL(req.url ?? '/', 'http://localhost').pathname));
    const target = file === `${dir}${path.sep}` || file === dir ? path.join(dir, 'index.html') : file;
    if (!target.startsWith(dir) || !fs.existsSync(target) || !fs.statSync(target).isFile()) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'Content-Type': types[path.extname(target)] ?? 'application/octet-stream' });
    fs.createReadStream(target).pipe(res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/`, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
}
/** The functions that took the most of a CPU profile's samples (self time), as text lines. */
function costliest(profile: { nodes: ProfileNode[]; samples?: number[]; timeDeltas?: number[] }, top = 10): string[] {
  const byNode = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map<string, number>();
  (profile.samples ?? []).forEach((id, i) => {
    const f = byNode.get(id)?.callFrame;
    if (!f) return;
    const name = `${f.functionName || '(anonymous)'} ${path.basename(f.url)}:${f.lineNumber + 1}:${f.columnNumber + 1}`;
    self.set(name, (self.get(name) ?? 0) + (profile.timeDeltas?.[i] ?? 0) / 1000);
  });
  return [...self]
    .sort((a, b) => b[1] - a[1])
    .slice(0, top)
    .map(([name, ms]) => `${Math.round(ms).toString().padStart(6)} ms  ${name}`);
}

const stats = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length / 2;
  const median = s.length % 2 ? (s[Math.floor(mid)] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
  return { medianMs: Math.round(median), maxMs: Math.round(Math.max(...s)), runs: s.map(Math.round) };
};

async function main() {
  if (!fs.existsSync(storePath) || !fs.existsSync(keyPath)) throw new Error(`No ${size} store: run "npm run bench -- --size ${size}" once to build it.`);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ledgerdesk-screens-'));
  const copy = path.join(dir, 'store.ldk');
  fs.copyFileSync(storePath, copy);
  const key = Buffer.from(fs.readFileSync(keyPath, 'utf8').trim(), 'hex');
  const host = new BackendHost({ storePath: copy, key, log: () => undefined });
  const server = await serve(path.join(root, 'out', 'renderer'));
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-dev-shm-usage'],
  });
  const loadStart = os.loadavg();
  const times = new Map<string, number[]>();
  const add = (name: string, ms: number) => times.set(name, [...(times.get(name) ?? []), ms]);
  try {
    // The worklist and letter queue as on a working morning: the collection stages evaluated as of today.
    const b = host.current;
    await b.services.stages.evaluate({ userId: null, username: 'bench' }, await businessToday(b.ctx.db, b.ctx.clock));
    const sqlite = b.ctx.store.sqlite;
    // The account page of the account with the longest ledger: the heaviest one a clerk opens.
    const { id: accountId } = sqlite.prepare('SELECT account_id AS id FROM document GROUP BY account_id ORDER BY count(*) DESC LIMIT 1').get() as {
      id: number;
    };
    const supervisor = demoUsers.find((u) => u.role === 'supervisor');
    if (!supervisor) throw new Error('No demo supervisor.');
    const origin = new URL(server.url).origin;
    for (let run = 0; run < RUNS; run++) {
      const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
      const page = await context.newPage();
      await bridge(page, host, origin, `screens-${run}`);
      let t = performance.now();
      await page.goto(server.url);
      await page.getByRole('heading', { name: 'Sign in' }).waitFor();
      add('Start (sign-in screen)', performance.now() - t);
      await page.getByLabel('User name').fill(supervisor.username);
      await page.getByLabel('Password', { exact: true }).fill(supervisor.password);
      t = performance.now();
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.getByTestId('status-user').waitFor();
      add('Sign in (to the signed-in shell)', performance.now() - t);
      if (TRACE) log(`-- signed in ${Math.round(performance.now() - t)} ms`);
      await screens.find((s) => s.name === 'Dashboard')?.ready(page);
      await settled(page);
      add('Sign in (to the first screen, the Dashboard, settled)', performance.now() - t);
      for (const s of screens) {
        // From a screen that loads nothing, so that each screen mounts afresh.
        await page.evaluate(`window.location.hash = '#/about'`);
        await page.getByText('About Ledgerdesk').first().waitFor();
        const cdp = PROFILE ? await context.newCDPSession(page) : null;
        if (cdp) {
          await cdp.send('Profiler.enable');
          await cdp.send('Profiler.start');
        }
        t = performance.now();
        await page.evaluate(`window.location.hash = ${JSON.stringify(s.hash(accountId))}`);
        await s.ready(page).catch(async (err: unknown) => {
          const shot = path.join(os.tmpdir(), `bench-screens-${s.name.replace(/\W+/g, '-')}.png`);
          await page.screenshot({ path: shot });
          throw new Error(`${s.name}: its data did not show (screenshot ${shot})`, { cause: err });
        });
        await settled(page);
        add(s.name, performance.now() - t);
        if (TRACE) log(`-- ${s.name} ${Math.round(performance.now() - t)} ms`);
        if (cdp) {
          const { profile } = await cdp.send('Profiler.stop');
          log(`-- ${s.name}: the page's costliest functions (self time)\n${costliest(profile).join('\n')}`);
          await cdp.detach();
        }
        if (s.name === 'Collections' && (await page.getByTestId('fee-preview-run').count())) {
          t = performance.now();
          await page.getByTestId('fee-preview-run').click();
          await page.getByTestId('fee-preview').locator('[role=row][aria-rowindex]').first().waitFor({ timeout: 60_000 });
          add('Collections: Preview late fees (click to the first row)', performance.now() - t);
        }
      }
      await context.close();
      log(`run ${run + 1}/${RUNS} done`);
    }
  } finally {
    await browser.close();
    await server.close();
    await host.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
  const out = {
    size,
    runs: RUNS,
    viewport: '1280x800',
    machine: {
      cpus: os.cpus().length,
      loadAverageStart: loadStart.map((x) => Number(x.toFixed(2))),
      loadAverageEnd: os.loadavg().map((x) => Number(x.toFixed(2))),
    },
    screens: Object.fromEntries([...times].map(([name, xs]) => [name, stats(xs)])),
  };
  process.stdout.write(`${JSON.stringify(out, null, 2)}\n`);
}

/** For `npm run bench -- --screens`: this script in a process of its own (Chromium and its timings apart from the other measures). */
export function benchScreens(size: string, runs: number, log: (m: string) => void): unknown {
  const out = execFileSync(process.execPath, ['--import', 'tsx', path.join(__dirname, 'bench-screens.ts'), '--size', size, '--runs', String(runs)], {
    cwd: root,
    env: { ...process.env, TSX_TSCONFIG_PATH: path.join(root, 'tsconfig.node.json') },
    stdio: ['ignore', 'pipe', 'inherit'],
    maxBuffer: 1e7,
  });
  log('screens: done');
  return JSON.parse(out.toString('utf8'));
}

if (require.main === module)
  main().catch((err) => {
    console.error(err);
    process.exit(1);
  });

import { accountCreateSchema } from '@shared/domain/accounts';
import { dateInZone, type IsoDate } from '@shared/dates';
import type { SessionInfo } from '@shared/domain/users';
import { cents } from '@shared/money';
import type { Actor, ServiceContext } from '../context';
import { conflict } from '../errors';
import type { Services } from '../services';
import { insertAccount } from '../services/accounts';
import { readInvoiceSettings } from '../services/invoices';
import { planAccounts, runTimeline, demoSizes, type DemoSize, type DemoStats } from './model';
import { priceList } from './data';
import { bulkSink, serviceSink, SimClock, type DemoActors } from './sinks';

export { demoSizes, type DemoSize, type DemoStats } from './model';

export const DEMO_COMPANY = 'Riverside Medical Billing';
export const DEMO_TIME_ZONE = 'America/Chicago';
/** The demo office's letterhead (Settings › Documents); the letter templates name its phone. */
export const demoLetterhead = {
  legalName: 'Riverside Medical Billing, LLC',
  address: { line1: '820 W Jackson Blvd, Suite 300', line2: '', city: 'Chicago', state: 'IL', postalCode: '60607', country: 'US' },
  phone: '(312) 555-0100',
  email: 'billing@riversidemb.example',
  website: 'riversidemb.example',
  taxId: '',
  remitTo: null,
  paymentInstructions: 'Checks payable to Riverside Medical Billing, LLC. Please write your account number on the check.',
};
/** The demo users and their passwords, shown on the first-run screen (docs/demo.md). Demo data only. */
export const demoUsers = [
  { username: 'admin', password: 'riverside-admin', displayName: 'Alex Rivera', role: 'administrator' },
  { username: 'supervisor', password: 'riverside-supervisor', displayName: 'Sam Okafor', role: 'supervisor' },
  { username: 'clerk', password: 'riverside-clerk', displayName: 'Casey Nguyen', role: 'clerk' },
] as const;
export const DEMO_SEED = 20240601;

export interface GenerateOptions {
  size: DemoSize;
  seed?: number;
  /** The last day of the 18 months of history; default: today in the company's time zone. */
  asOf?: IsoDate;
  /** 'services': every posting through the services' own functions; 'bulk': the prepared-statement writer; 'auto': services for small. */
  mode?: 'services' | 'bulk' | 'auto';
  /** Override the size's account count (tests). */
  accounts?: number;
  onProgress?: (phase: 'accounts' | 'postings', done: number, total: number) => void;
}

export interface GenerateResult extends DemoStats {
  size: DemoSize;
  seed: number;
  asOf: IsoDate;
  mode: 'services' | 'bulk';
  seconds: number;
}

async function demoActors(services: Services): Promise<DemoActors> {
  const find = async (username: string): Promise<Actor | null> => {
    const u = await services.users.byUsername(username);
    return u ? { userId: u.id, username: u.username } : null;
  };
  const admin = (await find('admin')) ?? { userId: null, username: 'demo' };
  return { clerk: (await find('clerk')) ?? admin, supervisor: (await find('supervisor')) ?? admin };
}

/**
 * Fill a store that has a company and no accounts with a deterministic demo office: the price list,
 * accounts, and 18 months of invoices, payments, returned checks, credit notes, write-offs and
 * adjustments ending at the as-of date. Every posting goes through the posting code (services) or the
 * bulk writer that writes the same rows (see sinks.ts); `verify` passes on the result.
 */
export async function generateDemo(ctx: ServiceContext, services: Services, options: GenerateOptions): Promise<GenerateResult> {
  const started = Date.now();
  const company = await services.settings.company();
  if (!company) throw conflict('Create the company first.');
  const existing = ctx.store.sqlite.prepare('SELECT count(*) AS n FROM account').get() as { n: number };
  if (existing.n > 0) throw conflict(`This store already has ${existing.n} account(s); demo data goes into an empty company only.`);
  const seed = options.seed ?? DEMO_SEED;
  const asOf = options.asOf ?? dateInZone(ctx.clock.now(), company.timeZone);
  const mode = options.mode === 'bulk' || (options.mode !== 'services' && options.size !== 'small') ? 'bulk' : 'services';
  const count = options.accounts ?? demoSizes[options.size].accounts;
  const actors = await demoActors(services);
  const clock = new SimClock();

  // The price list, through the service (each item audited).
  const have = new Set((await services.invoices.listItems({ includeInactive: true })).map((i: { code: string }) => i.code.toUpperCase()));
  for (const item of priceList)
    if (!have.has(item.code.toUpperCase()))
      await services.invoices.upsertItem(actors.supervisor, { ...item, unitPriceCents: cents(item.unitPriceCents), active: true });

  // Accounts through the accounts service's own insert (numbers, contacts, search keys, audit).
  const plans = planAccounts(seed, count, asOf);
  const kdb = ctx.db; // reuses prepared statements (db/statement-cache.ts), so long runs of postings stay fast
  const accounts: { plan: (typeof plans)[number]; id: number }[] = [];
  await kdb.transaction().execute(async (trx) => {
    const p = { trx, clock, actor: actors.clerk };
    for (const plan of plans) {
      clock.set(plan.opens, 0);
      accounts.push({ plan, id: await insertAccount(p, accountCreateSchema.parse(plan.input)) });
      if (accounts.length % 1000 === 0) options.onProgress?.('accounts', accounts.length, plans.length);
    }
  });
  options.onProgress?.('accounts', plans.length, plans.length);

  const onDay = (day: number, days: number) => {
    if (day % 30 === 0 || day === days - 1) options.onProgress?.('postings', day + 1, days);
  };
  let stats: DemoStats;
  if (mode === 'services') {
    stats = await kdb
      .transaction()
      .execute((trx) => runTimeline(seed, accounts, asOf, serviceSink(trx, clock, actors), onDay, demoSizes[options.size].invoiceGapScale));
  } else {
    const settings = await readInvoiceSettings(ctx.db);
    const sink = bulkSink(ctx.store.sqlite, clock, actors, { shippingTaxRateBp: settings.shippingTaxRateBp, currency: company.currency });
    sink.begin();
    try {
      stats = await runTimeline(seed, accounts, asOf, sink, onDay, demoSizes[options.size].invoiceGapScale);
      sink.finish();
    } catch (err) {
      sink.abort();
      throw err;
    }
  }
  // Fresh statistics for the query planner, and the WAL folded into the file.
  ctx.store.sqlite.exec('ANALYZE');
  ctx.store.sqlite.pragma('wal_checkpoint(TRUNCATE)');
  ctx.emit('data.changed', { domains: ['accounts', 'invoices', 'payments', 'ledger', 'aging', 'items'] });
  return { ...stats, size: options.size, seed, asOf, mode, seconds: (Date.now() - started) / 1000 };
}

/** Create the demo company and its users; the caller's session becomes the administrator's. */
export async function createDemoCompany(services: Services, sessionId: string): Promise<SessionInfo> {
  const admin = demoUsers[0];
  const session = await services.auth.createCompany(sessionId, {
    companyName: DEMO_COMPANY,
    timeZone: DEMO_TIME_ZONE,
    username: admin.username,
    displayName: admin.displayName,
    password: admin.password,
  });
  const actor = { userId: session.userId, username: session.username };
  for (const u of demoUsers.slice(1))
    await services.users.create(actor, { username: u.username, displayName: u.displayName, role: u.role, password: u.password });
  // A letterhead, so the demo's statements and letters print with the office's address and phone.
  await services.documents.settings.update(actor, { letterhead: demoLetterhead });
  return session;
}

/**
 * The first-run "Open the demo company" action: only while the store has no company. Creates
 * "Riverside Medical Billing", its demo users and the small data set, and signs the caller in as the
 * administrator. The data goes through the bulk writer, which writes exactly the rows the posting
 * services write, audit chain included (demo.test.ts compares them row for row): about 2 CPU-seconds
 * instead of 10 through the services.
 */
export async function openDemo(ctx: ServiceContext, services: Services, sessionId: string): Promise<OpenDemoOutput> {
  if (await services.settings.company()) throw conflict('The company has already been created; the demo company can only be opened in a new, empty store.');
  const session = await createDemoCompany(services, sessionId);
  const demo = await generateDemo(ctx, services, {
    size: 'small',
    mode: 'bulk',
    onProgress: (phase, done, total) =>
      ctx.emit('progress', { task: 'demo', done, total, label: phase === 'accounts' ? 'Creating accounts' : 'Posting 18 months of invoices and payments' }),
  });
  // The day starts ready (docs/clerks-day.md): evaluated and assigned before anyone opens the worklist.
  await services.dailyEvaluation.runIfDue('demo');
  return { ...session, demo, users: demoUsers.map((u) => ({ username: u.username, password: u.password, role: u.role })) };
}

export type OpenDemoOutput = SessionInfo & { demo: GenerateResult; users: { username: string; password: string; role: string }[] };
/** The demo data as a service: the store's context bound; the other services passed at the call. */
export interface DemoService {
  open(services: Services, sessionId: string): Promise<OpenDemoOutput>;
  generate(services: Services, options: GenerateOptions): Promise<GenerateResult>;
}
export function createDemoService(ctx: ServiceContext): DemoService {
  return {
    open: (services: Services, sessionId: string) => openDemo(ctx, services, sessionId),
    generate: (services: Services, options: GenerateOptions) => generateDemo(ctx, services, options),
  };
}

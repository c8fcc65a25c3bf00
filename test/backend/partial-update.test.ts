import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { Backend } from '../../src-main/backend';
import { contract, type Channel } from '../../src-shared/ipc/contract';
import { must, newAccount, receivablesBackend, type Sessions } from '../support/receivables';

/**
 * Issue 8, hole 3: an update changes exactly the fields it is given. For every update endpoint, from
 * a random full state, a random subset of fields is updated through the real dispatch (roles, zod,
 * handler, real encrypted store); then each given field reads back as given and every other field
 * reads back as before.
 */

type Fields = Record<string, fc.Arbitrary<unknown>>;
type Values = Record<string, unknown>;
interface Ctx {
  b: Backend;
  s: Sessions;
}

interface UpdateCase {
  channel: Channel;
  session: keyof Sessions;
  /** A value for each field the endpoint changes, in the form the store gives back. */
  fields: Fields;
  /** Sets up a record (or the settings) holding `full`; returns the input that names it (e.g. its id). */
  prepare(c: Ctx, full: Values): Promise<Values>;
  /** The current value of each field, in the input's shape. */
  read(c: Ctx, target: Values): Promise<Values>;
  /** Fields derived from others when not given (the account's zone follows its address). */
  follows?: Record<string, string[]>;
  /** Fields every call must carry (items.upsert names the item by its code and description). */
  required?: string[];
  /** Fields unique in the store: each run gets its own values (shrinking replays values). */
  unique?: string[];
}

const pick = (o: Values, keys: string[]) => Object.fromEntries(keys.map((k) => [k, o[k]]));

let seq = 0;
const text = (...values: string[]) => fc.constantFrom(...values);
const zones = text('America/Chicago', 'America/New_York', 'America/Los_Angeles', 'Pacific/Honolulu', 'UTC');
const terms = text('Net 30', 'Net 15', 'Due on receipt', '2/10 Net 30');
const address = fc.record({
  line1: text('1 Main St', '22 Elm Rd', ''),
  line2: text('', 'Suite 4'),
  city: text('Springfield', 'Peoria'),
  state: text('IL', 'CA', 'NY', ''),
  postalCode: text('62701', '90210', ''),
  country: text('US'),
});
const contact = (primary: boolean) =>
  fc.record({
    name: text('Pat Doe', 'Lee Roe'),
    title: text('', 'Billing'),
    isPrimary: fc.constant(primary),
    phones: fc.array(fc.record({ label: text('', 'cell'), number: text('555-010-2000', '(312) 555-0199') }), { maxLength: 2 }),
    emails: fc.array(fc.record({ label: text('', 'work'), email: text('pat@example.com', 'ar@example.org') }), { maxLength: 2 }),
  });
const contacts = fc.oneof(
  fc.constant([]),
  fc.tuple(contact(true), fc.array(contact(false), { maxLength: 2 })).map(([p, rest]) => [p, ...rest]),
);
const line = fc.record({
  itemCode: text('SVC', '99213', 'J1100'),
  description: text('Service', 'Office visit'),
  quantityMilli: fc.integer({ min: 1000, max: 5000 }),
  unitPriceCents: fc.integer({ min: 10_000, max: 50_000 }),
  discount: fc.oneof(fc.constant(null), fc.record({ kind: fc.constant('percent' as const), basisPoints: fc.integer({ min: 0, max: 2000 }) })),
  taxRateBp: fc.integer({ min: 0, max: 1000 }),
  icd10Codes: fc.subarray(['E11.9', 'S72.001A', 'I10']),
});
const discount = fc.oneof(
  fc.constant(null),
  fc.record({ kind: fc.constant('amount' as const), cents: fc.integer({ min: 0, max: 500 }) }),
  fc.record({ kind: fc.constant('percent' as const), basisPoints: fc.integer({ min: 0, max: 1000 }) }),
);
const centsOrNull = (min: number, max: number) => fc.oneof(fc.constant(null), fc.integer({ min, max }));

/** What a settings endpoint is: set the full state through the endpoint, read it back through its getter. */
function settingsCase(channel: Channel, getter: Channel, session: keyof Sessions, fields: Fields): UpdateCase {
  return {
    channel,
    session,
    fields,
    async prepare({ b, s }, full) {
      await must(b, s[session], channel, full as never);
      return {};
    },
    async read({ b, s }) {
      return pick((await must(b, s[session], getter, undefined as never)) as Values, Object.keys(fields));
    },
  };
}

const cases: UpdateCase[] = [
  {
    channel: 'accounts.update',
    session: 'clerk',
    fields: {
      accountNumber: text('PU-A', 'PU-B'),
      name: text('Acme Billing', 'Brown & Sons', '<b>Zed</b>'),
      kind: text('consumer', 'commercial'),
      status: text('active', 'on_hold', 'closed'),
      contacts,
      billingAddress: address,
      mailingAddress: fc.oneof(fc.constant(null), address),
      timeZone: zones,
      terms,
      creditLimitCents: centsOrNull(0, 5_000_000),
      notes: text('', 'Prefers email', 'Called twice\nno answer'),
    },
    async prepare({ b, s }, full) {
      const a = await must(b, s.clerk, 'accounts.create', full as never);
      return { accountId: a.id };
    },
    async read({ b, s }, t) {
      const a = await must(b, s.clerk, 'accounts.get', { accountId: t.accountId as number });
      return {
        ...pick(a as unknown as Values, [
          'accountNumber',
          'name',
          'kind',
          'status',
          'billingAddress',
          'mailingAddress',
          'timeZone',
          'terms',
          'creditLimitCents',
          'notes',
        ]),
        contacts: a.contacts.map(({ id: _id, ...c }) => c),
      };
    },
    follows: { timeZone: ['billingAddress', 'mailingAddress'] },
    unique: ['accountNumber'],
  },
  {
    channel: 'invoices.updateDraft',
    session: 'clerk',
    fields: {
      invoiceDate: text('2026-03-01', '2026-03-10', '2026-02-14'),
      terms,
      poNumber: text('', 'PO-77', 'PO 12/a'),
      memo: text('', 'Thank you', 'Visit of March'),
      lines: fc.array(line, { minLength: 1, maxLength: 3 }),
      invoiceDiscount: discount,
      shippingCents: fc.integer({ min: 0, max: 5000 }),
    },
    async prepare({ b, s }, full) {
      const a = await newAccount(b, s.clerk);
      const d = await must(b, s.clerk, 'invoices.createDraft', { ...full, accountId: a.id } as never);
      return { invoiceId: d.id };
    },
    async read({ b, s }, t) {
      const d = await must(b, s.clerk, 'invoices.get', { invoiceId: t.invoiceId as number });
      const lines = d.lines.map((l) =>
        pick(l as unknown as Values, ['itemCode', 'description', 'quantityMilli', 'unitPriceCents', 'discount', 'taxRateBp', 'icd10Codes']),
      );
      return { ...pick(d as unknown as Values, ['invoiceDate', 'terms', 'poNumber', 'memo', 'invoiceDiscount', 'shippingCents']), lines };
    },
  },
  {
    channel: 'items.upsert',
    session: 'supervisor',
    fields: {
      code: text('IT-A', 'IT-B'),
      codeSystem: text('item', 'cpt', 'hcpcs'),
      description: text('Office visit', 'Supplies'),
      unitPriceCents: fc.integer({ min: 0, max: 100_000 }),
      taxRateBp: fc.integer({ min: 0, max: 1000 }),
      active: fc.boolean(),
    },
    async prepare({ b, s }, full) {
      const item = await must(b, s.supervisor, 'items.upsert', full as never);
      return { id: item.id };
    },
    async read({ b, s }, t) {
      const item = (await must(b, s.supervisor, 'items.list', { includeInactive: true })).find((i) => i.id === t.id)!;
      return pick(item as unknown as Values, ['code', 'codeSystem', 'description', 'unitPriceCents', 'taxRateBp', 'active']);
    },
    required: ['code', 'description', 'unitPriceCents'],
    unique: ['code'],
  },
  {
    channel: 'users.update',
    session: 'admin',
    fields: { displayName: text('Clara Clerk', 'Sam S.', 'Pat'), role: text('clerk', 'supervisor', 'administrator') },
    async prepare({ b, s }, full) {
      const u = await must(b, s.admin, 'users.create', { username: `pu${++seq}`, password: 'password-123', ...full } as never);
      return { userId: u.id };
    },
    async read({ b, s }, t) {
      const u = (await must(b, s.admin, 'users.list', undefined)).find((x) => x.id === t.userId)!;
      return pick(u as unknown as Values, ['displayName', 'role']);
    },
  },
  settingsCase('settings.update', 'settings.get', 'admin', {
    companyName: text('Test Billing Co', 'Riverside & Co'),
    timeZone: zones,
    idleLockMinutes: fc.integer({ min: 1, max: 240 }),
    complianceEnabled: fc.boolean(),
  }),
  settingsCase('invoices.updateSettings', 'invoices.getSettings', 'supervisor', { defaultTerms: terms, shippingTaxRateBp: fc.integer({ min: 0, max: 2000 }) }),
  settingsCase('compliance.updateSettings', 'compliance.getSettings', 'supervisor', {
    promiseGraceDays: fc.integer({ min: 0, max: 60 }),
    validationPeriodDays: fc.integer({ min: 30, max: 90 }),
  }),
  settingsCase('aging.updateSettings', 'aging.getSettings', 'supervisor', {
    currentThroughDays: fc.integer({ min: -1, max: 20 }),
    edges: fc.uniqueArray(fc.integer({ min: 21, max: 365 }), { minLength: 1, maxLength: 6 }).map((e) => e.sort((x, y) => x - y)),
    defaultBasis: text('due', 'invoice'),
  }),
  settingsCase('plans.saveSettings', 'plans.getSettings', 'supervisor', { graceDays: fc.integer({ min: 0, max: 60 }) }),
  settingsCase('quickbooks.saveAccounts', 'quickbooks.accounts', 'supervisor', {
    receivables: text('Accounts Receivable', 'A/R:Billing office'),
    income: text('Sales', 'Income:Services'),
    salesTax: text('Sales Tax Payable', 'State Sales Tax'),
    undepositedFunds: text('Undeposited Funds', 'Payments to deposit'),
    lateFeeIncome: text('Late Fee Income', 'Income:Finance charges'),
    badDebt: text('Bad Debt', 'Expenses:Bad debt'),
  }),
  {
    // The days per check of the discrepancy view: read back from the settings the view says it used.
    channel: 'irregularities.saveSettings',
    session: 'supervisor',
    fields: { undeposited: fc.integer({ min: 0, max: 3650 }), unapplied: fc.integer({ min: 0, max: 3650 }), unmatched: fc.integer({ min: 0, max: 3650 }) },
    async prepare({ b, s }, full) {
      await must(b, s.supervisor, 'irregularities.saveSettings', full as never);
      return {};
    },
    async read({ b, s }) {
      return pick((await must(b, s.supervisor, 'irregularities.get', {})).settings as unknown as Values, ['undeposited', 'unapplied', 'unmatched']);
    },
  },
  settingsCase('fees.saveRules', 'fees.getRules', 'supervisor', {
    enabled: fc.boolean(),
    graceDays: fc.integer({ min: 0, max: 365 }),
    flatCents: fc.integer({ min: 0, max: 10_000 }),
    monthlyRateBp: fc.integer({ min: 0, max: 10_000 }),
    minimumCents: fc.integer({ min: 0, max: 1000 }),
    maxPerInvoiceCents: centsOrNull(1000, 100_000),
    maxPerAccountYearCents: centsOrNull(0, 100_000),
    compounding: fc.boolean(),
    appliesTo: text('all', 'consumer', 'commercial'),
    excludeDisputed: fc.boolean(),
    excludeOnCurrentPlan: fc.boolean(),
    excludeWrittenOff: fc.boolean(),
  }),
  settingsCase('documents.updateSettings', 'documents.getSettings', 'admin', {
    // A section given replaces that section: each is a field here.
    letterhead: fc.record({
      legalName: text('Test Billing Co LLC', 'Lakeside Billing'),
      address,
      phone: text('', '312-555-0100'),
      email: text('', 'billing@example.org'),
      website: text('', 'example.org'),
      taxId: text('', '12-3456789'),
      remitTo: fc.oneof(fc.constant(null), address),
      paymentInstructions: text('', 'Checks payable to Test Billing Co'),
    }),
    layout: fc.record({
      paper: text('Letter', 'A4'),
      nudgeXmm: fc.integer({ min: -10, max: 10 }),
      nudgeYmm: fc.integer({ min: -10, max: 10 }),
      returnAddressWindow: fc.boolean(),
      foldMarks: fc.boolean(),
    }),
    smtp: fc.record({
      host: text('', 'smtp.example.org'),
      port: fc.integer({ min: 1, max: 65535 }),
      security: text('tls', 'starttls', 'none'),
      user: text('', 'billing'),
      fromAddress: text('', 'billing@example.org'),
      fromName: text('', 'Billing'),
    }),
    statementMessages: fc.array(text('Thank you.', 'Past due: please pay now.', '<b>Final</b> notice'), { minLength: 1, maxLength: 10 }),
  }),
  {
    channel: 'backups.updateSettings',
    session: 'admin',
    fields: {
      // Full paths by this machine's rules (Windows rules are tested with the folder check itself).
      folder: fc.oneof(fc.constant(null), text('/srv/office-share/Backups', '/mnt/backups/ledgerdesk')),
      scheduleEnabled: fc.boolean(),
      timeOfDay: text('07:30', '19:00', '23:59'),
      keepDaily: fc.integer({ min: 1, max: 366 }),
      keepMonthly: fc.integer({ min: 0, max: 120 }),
    },
    async prepare({ b, s }, full) {
      await must(b, s.admin, 'backups.updateSettings', full as never);
      return {};
    },
    async read({ b, s }) {
      return pick((await must(b, s.admin, 'backups.overview', undefined)).settings as unknown as Values, [
        'folder',
        'scheduleEnabled',
        'timeOfDay',
        'keepDaily',
        'keepMonthly',
      ]);
    },
  },
];

describe('hole 3: an update changes exactly the fields it is given', () => {
  it('covers every update endpoint of the contract', () => {
    // Not field updates: flags.set, users.setActive, documents.setLogo and letters.templates.setActive set one thing (documents.savePdf saves a file);
    // stages.save replaces the whole ladder (stages left out are retired); letters.templates.save adds a whole new version and edits none;
    // statements.saveRun records a new run (runs are never edited); letters.setLettersByEmail sets one thing;
    // evaluations.saveSettings replaces the daily evaluation's whole settings (every field is required).
    // officeBankAccounts.save names the office's bank account by its name and routing number each time; its number and whether it is in use, left out, are kept.
    const notFieldUpdates = [
      'flags.set',
      'users.setActive',
      'stages.save',
      'documents.setLogo',
      'documents.savePdf',
      'letters.templates.save',
      'letters.templates.setActive',
      'statements.saveRun',
      'letters.setLettersByEmail',
      'evaluations.saveSettings',
      'officeBankAccounts.save',
    ];
    const updates = Object.keys(contract).filter((c) => /\.(update|set|edit|save|upsert)([A-Z]\w*)?$/.test(c) && !notFieldUpdates.includes(c));
    expect(cases.map((c) => c.channel).sort()).toEqual(updates.sort());
  });

  for (const uc of cases) {
    it(`${uc.channel}: fields not given are unchanged, the given ones are set`, async () => {
      const c = await receivablesBackend();
      const keys = Object.keys(uc.fields);
      await fc.assert(
        fc.asyncProperty(fc.record(uc.fields), fc.record(uc.fields, { requiredKeys: uc.required ?? [] }), async (fullDrawn, patchDrawn) => {
          const run = ++seq;
          const own = (v: Values) => Object.fromEntries(Object.entries(v).map(([k, x]) => [k, uc.unique?.includes(k) ? `${String(x)}-${run}` : x]));
          const [full, patch] = [own(fullDrawn), own(patchDrawn)];
          const target = await uc.prepare(c, full);
          const before = await uc.read(c, target);
          const r = await c.b.dispatch(c.s[uc.session], uc.channel, { ...patch, ...target });
          expect(r.ok ? null : r.error).toBeNull();
          const after = await uc.read(c, target);
          for (const k of keys) {
            if (k in patch) expect({ [k]: after[k] }).toEqual({ [k]: patch[k] });
            else if (!(uc.follows?.[k] ?? []).some((f) => f in patch)) expect({ [k]: after[k] }).toEqual({ [k]: before[k] });
          }
        }),
        { numRuns: 40 },
      );
    });
  }

  it('the cases of the review: a name alone, a memo alone', async () => {
    const { b, s } = await receivablesBackend();
    const full = {
      accountNumber: 'R-1',
      name: 'Before',
      kind: 'consumer' as const,
      status: 'on_hold' as const,
      notes: 'Keep me',
      creditLimitCents: 50_000,
      billingAddress: { line1: '1 Main St', city: 'Springfield', state: 'IL', postalCode: '62701' },
      contacts: [{ name: 'Pat Doe', phones: [{ number: '555-010-2000' }] }],
    };
    const a = await must(b, s.clerk, 'accounts.create', full);
    const renamed = await must(b, s.clerk, 'accounts.update', { accountId: a.id, name: 'After' });
    expect(renamed).toMatchObject({
      name: 'After',
      status: 'on_hold',
      notes: 'Keep me',
      creditLimitCents: 50_000,
      billingAddress: { line1: '1 Main St', city: 'Springfield' },
      contacts: [{ id: a.contacts[0]!.id, name: 'Pat Doe' }],
    });

    const draft = await must(b, s.clerk, 'invoices.createDraft', {
      accountId: a.id,
      lines: [{ itemCode: 'SVC', description: 'Service', quantityMilli: 1000, unitPriceCents: 12_500 }],
    });
    const memo = await must(b, s.clerk, 'invoices.updateDraft', { invoiceId: draft.id, memo: 'Thank you' });
    expect(memo.lines).toHaveLength(1);
    expect(memo).toMatchObject({ memo: 'Thank you', totalCents: 12_500 });
  });

  it('a settings change that breaks a rule across fields is refused as VALIDATION, naming the field, and nothing changes', async () => {
    const { b, s } = await receivablesBackend();
    const aging = await b.call(s.supervisor, 'aging.updateSettings', { currentThroughDays: 45 });
    expect(aging.ok ? null : aging.error).toMatchObject({ code: 'VALIDATION', message: expect.stringMatching(/^edges\.0: /) });
    await must(b, s.supervisor, 'fees.saveRules', { minimumCents: 500, maxPerInvoiceCents: 2000 });
    const fees = await b.call(s.supervisor, 'fees.saveRules', { minimumCents: 5000 });
    expect(fees.ok ? null : fees.error).toMatchObject({ code: 'VALIDATION', message: expect.stringMatching(/^maxPerInvoiceCents: /) });
    expect(await must(b, s.supervisor, 'fees.getRules', undefined)).toMatchObject({ minimumCents: 500, maxPerInvoiceCents: 2000 });
    expect(await must(b, s.supervisor, 'aging.getSettings', undefined)).toMatchObject({ currentThroughDays: 0 });
  });
});

import { z } from 'zod';
import { idSchema, nonNegativeCents, pageSchema, requiredText, textField } from './text';
import { termsSchema } from './terms';
import { timeZoneSchema } from './time-zone';
import { updateSchema } from './partial-update';

export const accountKinds = ['consumer', 'commercial'] as const;
export type AccountKind = (typeof accountKinds)[number];
export const accountStatuses = ['active', 'on_hold', 'closed'] as const;
export type AccountStatus = (typeof accountStatuses)[number];

/** The predominant IANA zone of each US state and territory (multi-zone states: the zone of most residents). */
export const usStateTimeZones: Readonly<Record<string, string>> = {
  AL: 'America/Chicago',
  AK: 'America/Anchorage',
  AZ: 'America/Phoenix',
  AR: 'America/Chicago',
  CA: 'America/Los_Angeles',
  CO: 'America/Denver',
  CT: 'America/New_York',
  DE: 'America/New_York',
  DC: 'America/New_York',
  FL: 'America/New_York',
  GA: 'America/New_York',
  HI: 'Pacific/Honolulu',
  ID: 'America/Boise',
  IL: 'America/Chicago',
  IN: 'America/Indiana/Indianapolis',
  IA: 'America/Chicago',
  KS: 'America/Chicago',
  KY: 'America/New_York',
  LA: 'America/Chicago',
  ME: 'America/New_York',
  MD: 'America/New_York',
  MA: 'America/New_York',
  MI: 'America/Detroit',
  MN: 'America/Chicago',
  MS: 'America/Chicago',
  MO: 'America/Chicago',
  MT: 'America/Denver',
  NE: 'America/Chicago',
  NV: 'America/Los_Angeles',
  NH: 'America/New_York',
  NJ: 'America/New_York',
  NM: 'America/Denver',
  NY: 'America/New_York',
  NC: 'America/New_York',
  ND: 'America/Chicago',
  OH: 'America/New_York',
  OK: 'America/Chicago',
  OR: 'America/Los_Angeles',
  PA: 'America/New_York',
  RI: 'America/New_York',
  SC: 'America/New_York',
  SD: 'America/Chicago',
  TN: 'America/Chicago',
  TX: 'America/Chicago',
  UT: 'America/Denver',
  VT: 'America/New_York',
  VA: 'America/New_York',
  WA: 'America/Los_Angeles',
  WV: 'America/New_York',
  WI: 'America/Chicago',
  WY: 'America/Denver',
  PR: 'America/Puerto_Rico',
  VI: 'America/St_Thomas',
  GU: 'Pacific/Guam',
  AS: 'Pacific/Pago_Pago',
  MP: 'Pacific/Saipan',
};

/** The zone for a US state code, or null when unknown (the clerk then picks one). */
export function timeZoneForState(state: string | null | undefined): string | null {
  if (!state) return null;
  return usStateTimeZones[state.trim().toUpperCase()] ?? null;
}

export { isIanaTimeZone } from './time-zone';

/** Search keys: lowercase, inner whitespace collapsed. */
export function normalizeSearchText(text: string): string {
  return text.normalize('NFKC').toLowerCase().replace(/\s+/g, ' ').trim();
}

/** The digits of a phone number, without a leading US country code 1 (so "+1 (555) 010-2000" -> "5550102000"). */
export function phoneDigits(text: string): string {
  const d = text.replace(/\D/g, '');
  return d.length === 11 && d.startsWith('1') ? d.slice(1) : d;
}

/** The fewest digits a phone search matches anywhere in a number (fewer would match half the list). */
export const MIN_PHONE_RUN = 4;

/**
 * What a search text asks of phone numbers, or null when it is not a phone number: a run of digits found
 * anywhere in a number ("8276", "555-12", "(773) 555"), or, after a US country code ("+1 773", an
 * 11-digit number starting with 1), the start of the number.
 */
export function phoneSearch(query: string): { digits: string; anchored: boolean } | null {
  const q = query.trim();
  if (!/^[\d\s()+./-]+$/.test(q)) return null;
  const raw = q.replace(/\D/g, '');
  if (raw.length < MIN_PHONE_RUN) return null;
  if (q.startsWith('+1') || (raw.length === 11 && raw.startsWith('1'))) return { digits: raw.slice(1), anchored: true };
  return { digits: raw, anchored: false };
}

export const addressSchema = z.object({
  line1: textField('Address line 1', 120).default(''),
  line2: textField('Address line 2', 120).default(''),
  city: textField('City', 80).default(''),
  state: textField('State', 40).default(''),
  postalCode: textField('Postal code', 20).default(''),
  country: textField('Country', 2).default('US'),
});
export type Address = z.infer<typeof addressSchema>;

/** An address as the lines a person reads: street, suite, "City, ST 12345", and the country when not US. */
export function addressLines(a: Address): string[] {
  const region = [a.state, a.postalCode].filter(Boolean).join(' ');
  const cityLine = [a.city, region].filter(Boolean).join(', ');
  return [a.line1, a.line2, cityLine, a.country && a.country !== 'US' ? a.country : ''].filter((l) => l.trim() !== '');
}

export const contactSchema = z.object({
  /** Present when editing an existing contact, so its id (referenced by the call log) is kept. */
  id: idSchema.optional(),
  name: requiredText('Contact name', 120),
  title: textField('Contact title', 80).default(''),
  isPrimary: z.boolean().default(false),
  phones: z
    .array(
      z.object({
        label: textField('Phone label', 30).default(''),
        number: requiredText('Phone number', 40).refine(
          (s) => phoneDigits(s).length >= 7 && phoneDigits(s).length <= 15,
          'Phone number must have 7 to 15 digits',
        ),
      }),
    )
    .max(10)
    .default([]),
  emails: z
    .array(z.object({ label: textField('Email label', 30).default(''), email: requiredText('Email', 254).pipe(z.email('Not an email address')) }))
    .max(10)
    .default([]),
});
export type ContactInput = z.input<typeof contactSchema>;
export type Contact = z.infer<typeof contactSchema> & { id: number };

export const accountNumberSchema = requiredText('Account number', 30).refine(
  (s) => /^[A-Za-z0-9][A-Za-z0-9._/-]*$/.test(s),
  'Account number may contain letters, digits, dot, dash, slash and underscore',
);

export const accountFieldsSchema = z.object({
  accountNumber: accountNumberSchema,
  name: requiredText('Account name', 160),
  kind: z.enum(accountKinds),
  status: z.enum(accountStatuses).default('active'),
  contacts: z.array(contactSchema).max(20).default([]),
  billingAddress: addressSchema.default(addressSchema.parse({})),
  /** null: same as billing. */
  mailingAddress: addressSchema.nullable().default(null),
  /** IANA zone; when omitted it is derived from the mailing (else billing) address's US state. */
  timeZone: timeZoneSchema.optional(),
  terms: termsSchema.optional(),
  creditLimitCents: nonNegativeCents.nullable().default(null),
  notes: textField('Notes', 4000).default(''),
});
export const accountCreateSchema = accountFieldsSchema;
export type AccountCreateInput = z.input<typeof accountCreateSchema>;
export const accountUpdateSchema = updateSchema(accountFieldsSchema).extend({ accountId: idSchema });
export type AccountUpdateInput = z.input<typeof accountUpdateSchema>;

export const accountSearchSchema = z.object({
  query: z.string().max(100),
  limit: z.number().int().min(1).max(100).default(20),
});
/** The keys the accounts list sorts by (a whitelist: the backend maps each to its column). */
export const accountSortKeys = ['name', 'accountNumber', 'kind', 'status', 'balance', 'pastDue'] as const;
export type AccountListSort = (typeof accountSortKeys)[number];
export const accountListSchema = pageSchema.extend({
  status: z.enum(accountStatuses).optional(),
  kind: z.enum(accountKinds).optional(),
  sort: z
    .enum(accountSortKeys, { error: (i) => `Accounts cannot be sorted by "${String(i.input)}": sort by one of ${accountSortKeys.join(', ')}.` })
    .default('name'),
  /** Without one: A to Z for text, largest first for money. */
  direction: z.enum(['asc', 'desc']).optional(),
});

export interface AccountSummary {
  id: number;
  accountNumber: string;
  name: string;
  kind: AccountKind;
  status: AccountStatus;
  balanceCents: number;
  unappliedCents: number;
  /** Open invoices past due today (aging's edge of Current), before unapplied credit. */
  pastDueCents: number;
  primaryPhone: string | null;
  primaryEmail: string | null;
}

export interface AccountSearchHit extends AccountSummary {
  /** What the query matched: shown next to the hit. */
  matchedOn: 'accountNumber' | 'name' | 'phone' | 'email' | 'invoiceNumber';
  matchedText: string;
}

export interface AccountDetail extends AccountSummary {
  contacts: Contact[];
  billingAddress: Address;
  mailingAddress: Address | null;
  timeZone: string;
  terms: string;
  creditLimitCents: number | null;
  notes: string;
  currency: string;
  createdAt: string;
  updatedAt: string;
}

/**
 * Where a document is emailed: an email labelled "billing" (any case) on any contact, else the primary
 * contact's first email, else the first email of any contact; null when the account has none.
 */
export function billingEmailOf(account: Pick<AccountDetail, 'contacts'>): string | null {
  const all = account.contacts.flatMap((c) => c.emails);
  const billing = all.find((e) => e.label.trim().toLowerCase() === 'billing');
  if (billing) return billing.email;
  const primary = account.contacts.find((c) => c.isPrimary)?.emails[0];
  return primary?.email ?? all[0]?.email ?? null;
}

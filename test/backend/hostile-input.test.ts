/**
 * Every endpoint of the contract, fed hostile input derived from its own schema: wrong types, missing
 * and extra fields, huge strings, control and ill-formed Unicode, out-of-range numbers and dates, and
 * calls without a session or with a lower role. The endpoints are read from the contract at run time,
 * so a new endpoint is covered without new code here.
 *
 * Afterwards: no call answered INTERNAL, nothing a schema should have refused is stored, and every
 * integrity check of `verify` passes.
 */
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { contract, storeChannels, type Channel } from '../../src-shared/ipc/contract';
import { access } from '../../src-shared/ipc/permissions';
import { verifyStore } from '../../src-main/backend/verify';
import type { Backend } from '../../src-main/backend';
import { must, newAccount, postInvoice, receivablesBackend } from '../support/receivables';

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
type Schema = {
  type?: string | string[];
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  prefixItems?: Schema[];
  anyOf?: Schema[];
  oneOf?: Schema[];
  allOf?: Schema[];
  enum?: Json[];
  const?: Json;
  default?: Json;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  minLength?: number;
  maxLength?: number;
  minItems?: number;
  pattern?: string;
  format?: string;
  additionalProperties?: Schema | boolean;
};

/** A plausible value for a schema, so that a single hostile field reaches as deep as it can. */
function sample(s: Schema, key: string, ids: Record<string, number>): unknown {
  if (s.const !== undefined) return s.const;
  if (s.enum) return s.enum[0];
  if (s.default !== undefined) return s.default;
  const variants = s.anyOf ?? s.oneOf;
  if (variants) return sample(variants.find((v) => v.type !== 'null') ?? variants[0]!, key, ids);
  if (s.allOf?.[0]) return sample(s.allOf[0], key, ids);
  const type = Array.isArray(s.type) ? s.type.find((t) => t !== 'null') : s.type;
  switch (type) {
    case 'object': {
      const o: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(s.properties ?? {})) o[k] = sample(v, k, ids);
      return o;
    }
    case 'array':
      return s.items ? [sample(s.items, key, ids)] : [];
    case 'integer':
    case 'number': {
      if (/id$/i.test(key)) return ids[key] ?? ids.default;
      if (/cents$/i.test(key)) return 12_345;
      if (/milli$/i.test(key)) return 1000;
      const min = s.minimum ?? (s.exclusiveMinimum !== undefined ? s.exclusiveMinimum + 1 : 1);
      return Math.min(Math.max(min, 1), s.maximum ?? Number.MAX_SAFE_INTEGER);
    }
    case 'boolean':
      return false;
    case 'string': {
      if (s.format === 'email' || /email/i.test(key)) return 'ada@example.com';
      if (s.format === 'date-time' || /At$|^at$/.test(key)) return '2026-03-10T15:00:00Z';
      if (/username/i.test(key)) return 'hostile.user';
      if (/accountNumber|code$/i.test(key)) return 'HX-1';
      if (/^\^\\d\{4\}-\\d\{2\}-\\d\{2\}\$$/.test(s.pattern ?? '') || /date|asOf|^from$|^to$|until/i.test(key)) return '2026-03-01';
      if (/terms/i.test(key)) return 'Net 30';
      if (/zone/i.test(key)) return 'America/Chicago';
      if (/phone|number$/i.test(key) && !/account/i.test(key)) return '312-555-0100';
      if (/time$|start|end/i.test(key)) return '09:00';
      if (/password|passphrase/i.test(key)) return 'hostile-password-1';
      return 'Hostile Test';
    }
    default:
      return undefined;
  }
}

const hugeString = 'x'.repeat(1_000_000);
/** Values a field may be replaced with. Each is wrong for most fields; none may crash the backend. */
const hostileValues: unknown[] = [
  null,
  true,
  {},
  [],
  '',
  hugeString,
  'x\u0000y',
  'x\u0007y\u001b[31m',
  'x\uD800y',
  '\uDC00',
  '<img src=x onerror=alert(1)>',
  '=HYPERLINK("http://x","y")',
  '0000-01-01',
  '0099-12-31',
  '9999-12-31',
  '2026-02-30',
  '25:61',
  -1,
  0,
  1.5,
  1e300,
  -1e300,
  99_999_999_999_99,
  Number.MAX_SAFE_INTEGER,
  Number.MAX_SAFE_INTEGER + 2,
  NaN,
  Infinity,
  12,
];

type Path = (string | number)[];

/** Every path to a value inside `v` (the root included). */
function paths(v: unknown, at: Path = []): Path[] {
  const out: Path[] = [at];
  if (Array.isArray(v)) for (const [i, x] of v.entries()) out.push(...paths(x, [...at, i]));
  else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) out.push(...paths(x, [...at, k]));
  return out;
}

function setAt(root: unknown, at: Path, value: unknown, remove = false): unknown {
  if (at.length === 0) return value;
  const copy = structuredClone(root) as Record<string | number, unknown>;
  let node = copy;
  for (const k of at.slice(0, -1)) node = node[k] as Record<string | number, unknown>;
  const last = at[at.length - 1]!;
  if (remove) {
    if (Array.isArray(node)) node.splice(Number(last), 1);
    else delete node[last];
  } else node[last] = value;
  return copy;
}

/** Each hostile input for one endpoint: the sample, then one field at a time replaced, removed or joined by an extra one. */
function* hostileInputs(base: unknown): Generator<{ what: string; input: unknown }> {
  yield { what: 'sample', input: base };
  yield { what: 'undefined', input: undefined };
  for (const at of paths(base)) {
    const where = at.join('.') || '(input)';
    for (const value of hostileValues) yield { what: `${where} = ${describeValue(value)}`, input: setAt(base, at, value) };
    if (at.length > 0) yield { what: `${where} removed`, input: setAt(base, at, undefined, true) };
    const here = at.reduce<unknown>((n, k) => (n as Record<string | number, unknown>)[k], base);
    if (here && typeof here === 'object' && !Array.isArray(here)) {
      yield { what: `${where} + extra field`, input: setAt(base, at, { ...here, extraField: 'x\u0000' }) };
      yield {
        what: `${where} + __proto__`,
        input: setAt(base, at, JSON.parse(`{"__proto__": {"polluted": true}, ${JSON.stringify(here).slice(1, -1) || '"a":1'}}`)),
      };
    }
  }
}

/** Unique values (account numbers, user names, codes) fresh for each call, so a create reaches its checks. */
function freshen(v: unknown, n: number): unknown {
  if (v === 'HX-1') return `HX-${n}`;
  if (v === 'hostile.user') return `hostile.user${n}`;
  if (Array.isArray(v)) return v.map((x) => freshen(x, n));
  if (v && typeof v === 'object' && Object.getPrototypeOf(v) === Object.prototype)
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, freshen(x, n)]));
  return v;
}

function describeValue(v: unknown): string {
  if (typeof v === 'string') return v.length > 40 ? `string(${v.length})` : JSON.stringify(v);
  if (typeof v === 'number') return String(v);
  return JSON.stringify(v) ?? String(v);
}

const backendChannels = (Object.keys(contract) as Channel[]).filter((c) => !(storeChannels as string[]).includes(c));

function jsonSchemaOf(channel: Channel): Schema {
  return z.toJSONSchema(contract[channel].input, { io: 'input', unrepresentable: 'any', reused: 'inline' }) as Schema;
}

/** Text in the store that a schema should have refused. */
function refusedContent(b: Backend): string[] {
  const sqlite = b.ctx.store.sqlite;
  const found: string[] = [];
  const tables = (sqlite.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'").all() as { name: string }[]).map(
    (t) => t.name,
  );
  for (const table of tables) {
    const cols = sqlite.prepare(`SELECT name FROM pragma_table_info(?)`).all(table) as { name: string }[];
    for (const { name: col } of cols) {
      const q = `SELECT "${col}" AS v FROM "${table}" WHERE typeof("${col}") = 'text' AND (instr("${col}", char(0)) > 0 OR "${col}" GLOB '*[' || char(1) || '-' || char(8) || char(11) || char(12) || char(14) || '-' || char(31) || ']*' OR instr("${col}", char(65533)) > 0 OR length("${col}") > 100000)`;
      for (const r of sqlite.prepare(q).all() as { v: string }[]) found.push(`${table}.${col}: ${JSON.stringify(r.v.slice(0, 60))}`);
      if (/(_date|^as_of|_on)$/.test(col)) {
        const dq = `SELECT "${col}" AS v FROM "${table}" WHERE typeof("${col}") = 'text' AND "${col}" GLOB '[0-9][0-9][0-9][0-9]-*' AND ("${col}" < '1900-01-01' OR "${col}" > '2199-12-31')`;
        for (const r of sqlite.prepare(dq).all() as { v: string }[]) found.push(`${table}.${col}: date ${r.v}`);
      }
    }
  }
  return found;
}

describe('hostile input to every endpoint, driven by the contract', () => {
  it('answers each with a clear error or a proper result, never INTERNAL, and stores nothing a schema refuses', { timeout: 600_000 }, async () => {
    const { b, s, clock } = await receivablesBackend();
    const account = await newAccount(b, s.clerk, { name: 'Ada Lovelace', kind: 'consumer' });
    const invoice = await postInvoice(b, s.clerk, account.id, 50_00, { date: '2026-01-10' });
    const spare = await must(b, s.admin, 'users.create', { username: 'spare', displayName: 'Spare User', role: 'clerk', password: 'password-123' });
    const ids: Record<string, number> = { default: 1, accountId: account.id, invoiceId: invoice.id, documentId: invoice.id, userId: spare.id };

    const sessions = { clerk: s.clerk, supervisor: s.supervisor, administrator: s.admin } as const;
    const passwords = { clerk: ['clara', 'password-123'], supervisor: ['sam', 'password-123'], administrator: ['admin', 'correct horse'] } as const;
    const internals: string[] = [];
    let calls = 0;

    /** One call as `role`. A hostile call may end or lock its own session (sign-out, lock, a password change): sign in afresh and call again. */
    async function callAs(role: keyof typeof sessions, channel: string, input: unknown, needsSession = true) {
      const r = await b.dispatch(sessions[role], channel, input);
      if (r.ok || !needsSession || (r.error.code !== 'UNAUTHENTICATED' && r.error.code !== 'SESSION_LOCKED')) return r;
      const [username, password] = passwords[role];
      await b.dispatch(sessions[role], 'auth.signOut', undefined);
      const again = await b.dispatch(sessions[role], 'auth.signIn', { username, password });
      if (!again.ok && again.error.code === 'ACCOUNT_LOCKED') {
        // Hostile unlock and password-change attempts count as failed sign-ins: wait the lockout out.
        clock.advance(6 * 60_000);
        await must(b, sessions[role], 'auth.signIn', { username, password });
      } else if (!again.ok) throw new Error(`sign-in again as ${username}: ${again.error.code}`);
      return b.dispatch(sessions[role], channel, input);
    }

    for (const channel of backendChannels) {
      const rule = access[channel];
      const role =
        rule === 'public' || rule === 'session'
          ? 'administrator'
          : rule.includes('clerk')
            ? 'clerk'
            : rule.includes('supervisor')
              ? 'supervisor'
              : 'administrator';
      const base = sample(jsonSchemaOf(channel), '', ids);
      for (const { what, input } of hostileInputs(base)) {
        const r = await callAs(role, channel, freshen(input, calls), rule !== 'public');
        calls++;
        if (what === 'sample' && process.env.HOSTILE_DEBUG) console.log(channel, r.ok ? 'OK' : `${r.error.code} ${r.error.message.slice(0, 100)}`);
        if (!r.ok && r.error.code === 'INTERNAL') internals.push(`${channel} ${what}`);
        if (!r.ok) expect(typeof r.error.message, `${channel} ${what}`).toBe('string');
      }

      // Without a session, and with a role below the one the endpoint needs.
      if (rule !== 'public') {
        const anon = await b.dispatch('nobody', channel, base);
        expect(anon.ok ? 'ok' : anon.error.code, `${channel} without a session`).toBe('UNAUTHENTICATED');
      }
      if (Array.isArray(rule)) {
        for (const lower of (['clerk', 'supervisor'] as const).filter((r) => !rule.includes(r))) {
          const denied = await callAs(lower, channel, base);
          expect(denied.ok ? 'ok' : denied.error.code, `${channel} as ${lower}`).toBe('FORBIDDEN');
        }
      }
    }

    expect.soft(internals, `${internals.length} of ${calls} calls answered INTERNAL`).toEqual([]);
    expect.soft(refusedContent(b), 'stored text or dates a schema should have refused').toEqual([]);
    const report = await verifyStore(b);
    expect
      .soft(
        report.checks.filter((c) => !c.ok),
        'verify after the hostile calls',
      )
      .toEqual([]);
    expect(calls).toBeGreaterThan(1000);
  });
});

import os from 'node:os';
import type { z } from 'zod';
import { agingSettingsFieldsSchema, type AgingSettings } from '@shared/domain/aging';
import { letterheadSchema, type Letterhead } from '@shared/domain/documents';
import { companySettingsUpdateSchema, type CompanySettings } from '@shared/domain/settings';
import { DomainError } from '../backend/errors';
import { createDocumentSettings, readDocumentSettings } from '../backend/services/documents/settings';
import { CliError } from './cli-error';
import { openLite, type Command } from './store-lite';

/**
 * `settings get [KEY]` and `settings set KEY VALUE`. The keys are `aging.<field>`, `company.<field>` and
 * `letterhead.<field>` (the company's address, phone... printed on documents), one per field of the
 * app's own schemas (a field added there is a key here), validated by those schemas and saved through
 * the same services as the Settings screens, audited as `cli:<login>` like the app's changes.
 */
type Group = 'aging' | 'company' | 'letterhead';
type Lite = ReturnType<typeof openLite>;
type Actor = { userId: null; username: string };

/** A field's schema without its default (the letterhead's fields default to ''). */
const bare = (schema: z.ZodType): z.ZodType =>
  schema.def.type === 'default' || schema.def.type === 'optional' ? bare((schema.def as unknown as { innerType: z.ZodType }).innerType) : schema;

/** The letterhead's text fields, its address lines as `address.<line>` (the remit-to address is set in the app). */
const letterheadFields: Record<string, z.ZodType> = Object.fromEntries(
  Object.entries(letterheadSchema.shape).flatMap(([name, field]) => {
    const inner = bare(field);
    if (name === 'address') return Object.entries((inner as z.ZodObject).shape).map(([line, f]) => [`address.${line}`, bare(f as z.ZodType)]);
    return inner.def.type === 'object' || inner.def.type === 'nullable' ? [] : [[name, inner]];
  }),
);

const fieldsOf: Record<Group, Record<string, z.ZodType>> = {
  aging: agingSettingsFieldsSchema.shape,
  // The currency is fixed when the company is created: not a key.
  company: Object.fromEntries(Object.entries(companySettingsUpdateSchema.shape).map(([k, v]) => [k, bare(v)])),
  letterhead: letterheadFields,
};

/** Each group's values as stored (flat, by field), and its change through its service. */
const groups: Record<Group, { read(s: Lite): Promise<Record<string, unknown>>; write(s: Lite, actor: Actor, field: string, value: unknown): Promise<void> }> = {
  aging: {
    read: (s) => s.aging.getSettings(),
    write: async (s, actor, field, value) => {
      await s.aging.updateSettings(actor, { [field]: value } as Partial<AgingSettings>);
    },
  },
  company: {
    read: async (s) => ((await s.settings.company()) ?? {}) as Record<string, unknown>,
    write: async (s, actor, field, value) => {
      if (!(await s.settings.company())) throw new CliError('settings set: the store has no company yet (run init).');
      await s.settings.updateCompany(actor, { [field]: value } as Partial<CompanySettings>);
    },
  },
  letterhead: {
    read: async (s) => {
      const { address, ...rest } = (await readDocumentSettings(s.ctx.db)).letterhead;
      return { ...rest, ...Object.fromEntries(Object.entries(address).map(([line, v]) => [`address.${line}`, v])) };
    },
    write: async (s, actor, field, value) => {
      const letterhead: Letterhead = structuredClone((await readDocumentSettings(s.ctx.db)).letterhead);
      if (field.startsWith('address.')) letterhead.address = { ...letterhead.address, [field.slice('address.'.length)]: value };
      else Object.assign(letterhead, { [field]: value });
      await createDocumentSettings(s.ctx).update(actor, { letterhead });
    },
  },
};

/** `company.name` is the company's name (companyName); every other key is its field's name. */
const aliases: Record<string, string> = { 'company.name': 'company.companyName' };

function keyOf(arg: string): { group: Group; field: string; schema: z.ZodType } {
  const key = aliases[arg] ?? arg;
  const dot = key.indexOf('.');
  const group = key.slice(0, dot) as Group;
  const field = key.slice(dot + 1);
  const schema = dot > 0 && group in fieldsOf ? fieldsOf[group][field] : undefined;
  if (!schema) throw new CliError(`settings: unknown key '${arg}'; the keys are ${allKeys().join(', ')}.`);
  return { group, field, schema };
}

const allKeys = () => (Object.keys(fieldsOf) as Group[]).flatMap((g) => Object.keys(fieldsOf[g]).map((f) => `${g}.${f}`));

/** The command line's text as the field's type: a number, true/false, a comma list of numbers, or text. */
function fieldValue(key: string, schema: z.ZodType, text: string): unknown {
  const type = schema.def.type;
  const number = (t: string) => (/^\s*-?\d+(\.\d+)?\s*$/.test(t) ? Number(t) : Number.NaN);
  let value: unknown = text;
  if (type === 'number') value = number(text);
  else if (type === 'boolean') value = text === 'true' ? true : text === 'false' ? false : text;
  else if (type === 'array') value = text.split(',').map(number);
  const r = schema.safeParse(value);
  if (!r.success) {
    const reason = type === 'array' && (value as number[]).some(Number.isNaN) ? 'whole numbers separated by commas, e.g. 30,60,90' : r.error.issues[0]?.message;
    throw new CliError(`settings set ${key}: '${text}' is refused: ${type === 'boolean' ? 'true or false' : reason}.`);
  }
  return r.data;
}

export const settingsCommand: Command = async (opts, positionals, out) => {
  const [sub, key, text] = positionals;
  if (sub !== 'get' && sub !== 'set') throw new CliError(`settings: the subcommand is get or set; it is ${sub === undefined ? 'missing' : `'${sub}'`}.`);
  if (sub === 'get' && text !== undefined) throw new CliError(`settings get: unexpected argument '${text}'.`);
  if (sub === 'set' && (key === undefined || text === undefined))
    throw new CliError('settings set: give a KEY and its VALUE, e.g. settings set aging.edges 30,60,90.');
  const target = key === undefined ? null : keyOf(key);
  const value = sub === 'set' && target ? fieldValue(key!, target.schema, text!) : undefined;
  const store = openLite(opts);
  try {
    if (sub === 'set' && target) {
      const actor = { userId: null, username: `cli:${os.userInfo().username}` };
      try {
        await groups[target.group].write(store, actor, target.field, value);
      } catch (err) {
        if (err instanceof DomainError) throw new CliError(`settings set ${key}: '${text}' is refused: ${err.message}`);
        throw err;
      }
    }
    const all = {} as Record<Group, Record<string, unknown>>;
    for (const g of Object.keys(groups) as Group[]) if (!target || target.group === g) all[g] = await groups[g].read(store);
    const valueOfKey = (g: Group, field: string) => all[g]?.[field] ?? null;
    // `get` prints every key as a flat object (stable: keys in the schemas' order); `get KEY` its value alone.
    if (target && sub === 'get') out(JSON.stringify(valueOfKey(target.group, target.field)));
    else if (target) out(`${key} = ${JSON.stringify(valueOfKey(target.group, target.field))}`);
    else out(JSON.stringify(Object.fromEntries(allKeys().map((k) => [k, valueOfKey(k.split('.')[0] as Group, k.slice(k.indexOf('.') + 1))])), null, 2));
    return 0;
  } finally {
    await store.close();
  }
};

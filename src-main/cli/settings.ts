import os from 'node:os';
import type { z } from 'zod';
import { agingSettingsFieldsSchema, type AgingSettings } from '@shared/domain/aging';
import { companySettingsUpdateSchema, type CompanySettings } from '@shared/domain/settings';
import { DomainError } from '../backend/errors';
import { CliError } from './cli-error';
import { openLite, type Command } from './store-lite';

/**
 * `settings get [KEY]` and `settings set KEY VALUE`. The keys are `aging.<field>` and `company.<field>`,
 * one per field of the app's own schemas (a field added there is a key here), validated by those
 * schemas and saved through the settings services, audited as `cli:<login>` like the app's changes.
 */
type Group = 'aging' | 'company';

const fieldsOf: Record<Group, Record<string, z.ZodType>> = {
  aging: agingSettingsFieldsSchema.shape,
  // The currency is fixed when the company is created: not a key.
  company: Object.fromEntries(Object.entries(companySettingsUpdateSchema.shape).map(([k, v]) => [k, (v as z.ZodOptional<z.ZodType>).unwrap()])),
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
    const { aging, settings } = store;
    if (sub === 'set' && target) {
      const actor = { userId: null, username: `cli:${os.userInfo().username}` };
      try {
        if (target.group === 'aging') await aging.updateSettings(actor, { [target.field]: value } as Partial<AgingSettings>);
        else {
          if (!(await settings.company())) throw new CliError('settings set: the store has no company yet (run init).');
          await settings.updateCompany(actor, { [target.field]: value } as Partial<CompanySettings>);
        }
      } catch (err) {
        if (err instanceof DomainError) throw new CliError(`settings set ${key}: '${text}' is refused: ${err.message}`);
        throw err;
      }
    }
    const all: Record<Group, Record<string, unknown>> = {
      aging: await aging.getSettings(),
      company: Object.fromEntries(Object.entries((await settings.company()) ?? {}).filter(([k]) => k in fieldsOf.company)),
    };
    // `get` prints every key as a flat object (stable: keys in the schemas' order); `get KEY` its value alone.
    if (target && sub === 'get') out(JSON.stringify(all[target.group][target.field] ?? null));
    else if (sub === 'set') out(`${key} = ${JSON.stringify(all[target!.group][target!.field])}`);
    else out(JSON.stringify(Object.fromEntries(allKeys().map((k) => [k, all[k.split('.')[0] as Group][k.slice(k.indexOf('.') + 1)] ?? null])), null, 2));
    return 0;
  } finally {
    await store.close();
  }
};

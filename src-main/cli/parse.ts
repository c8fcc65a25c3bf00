import { parseArgs } from 'node:util';
import type { CommandOptions } from './common';
import { UsageError } from './cli-error';
import type { CommandSpec } from './spec';

/** Edit distance (insertions, deletions, substitutions, adjacent swaps) between two short words. */
function distance(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= a.length; i++)
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, d[i - 2]![j - 2]! + 1);
      d[i]![j] = v;
    }
  return d[a.length]![b.length]!;
}

/** The closest of `names` to a mistyped word, when it is close (a typo or two, or a prefix); else null. */
export function closest(word: string, names: readonly string[]): string | null {
  const w = word.toLowerCase();
  let best: { name: string; d: number } | null = null;
  for (const name of names) {
    const d = name.startsWith(w) && w.length >= 3 ? 1 : distance(w, name);
    if (!best || d < best.d) best = { name, d };
  }
  if (!best) return null;
  return best.d <= Math.max(1, Math.min(2, Math.floor(best.name.length / 3))) ? best.name : null;
}

export interface ParsedCommandLine {
  values: CommandOptions;
  positionals: string[];
  help: boolean;
}

const optionOf = (message: string): string => /'(-[^' ]+)/.exec(message)?.[1] ?? '';

/**
 * The command's arguments read strictly against its declaration: an option it does not declare, a
 * value given to a flag, an option without its value (or with another option where the value should
 * be) and too many positionals are usage errors that name the argument.
 */
export function parseCommandLine(spec: CommandSpec, args: string[]): ParsedCommandLine {
  const end = args.indexOf('--');
  const before = end < 0 ? args : args.slice(0, end);
  if (before.includes('--help') || before.includes('-h')) return { values: {}, positionals: [], help: true };
  const options = Object.fromEntries(Object.entries(spec.options).map(([name, o]) => [name, { type: o.type }]));
  let parsed: { values: Record<string, string | boolean | undefined>; positionals: string[] };
  try {
    parsed = parseArgs({ args, options, strict: true, allowPositionals: true });
  } catch (err) {
    const code = (err as { code?: string }).code;
    const message = err instanceof Error ? err.message : String(err);
    const opt = optionOf(message);
    const name = opt.replace(/^-+/, '');
    if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') {
      const near = closest(name, Object.keys(spec.options));
      throw new UsageError(`${spec.name}: unknown option '${opt}'.${near ? ` Did you mean '--${near}'?` : ''}`);
    }
    if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') {
      const o = spec.options[name];
      if (o?.type === 'boolean') throw new UsageError(`${spec.name}: --${name} is a flag and takes no value.`);
      throw new UsageError(`${spec.name}: --${name} needs a value${o?.value ? ` (${o.value})` : ''}; to give one that starts with '-', write --${name}=VALUE.`);
    }
    throw new UsageError(`${spec.name}: ${message.split('\n')[0]}`);
  }
  if (parsed.positionals.length > spec.maxPositionals) {
    const extra = parsed.positionals[spec.maxPositionals]!;
    throw new UsageError(`${spec.name}: unexpected argument '${extra}'.`);
  }
  return { values: parsed.values, positionals: parsed.positionals, help: false };
}

/** `<name> <synopsis>`, the options one a line, then the notes. */
export function commandUsage(spec: CommandSpec, program: string): string {
  const lines = spec.synopsis.map((s, i) => `${i === 0 ? 'Usage:' : '      '} ${program} ${spec.name} ${s}`);
  lines.push('', `${spec.summary}.`, '', 'Options:');
  const flag = (name: string) => {
    const o = spec.options[name]!;
    return o.type === 'string' ? `--${name} ${o.value ?? 'VALUE'}` : `--${name}`;
  };
  const width = Math.min(34, Math.max(...Object.keys(spec.options).map((n) => flag(n).length)));
  for (const name of Object.keys(spec.options)) {
    const f = flag(name);
    lines.push(f.length > width ? `  ${f}\n  ${' '.repeat(width)}  ${spec.options[name]!.help}` : `  ${f.padEnd(width)}  ${spec.options[name]!.help}`);
  }
  lines.push(`  ${'--help'.padEnd(width)}  this text`);
  if (spec.notes?.length) lines.push('', ...spec.notes);
  return lines.join('\n');
}

/** The list of commands. */
export function programUsage(specs: readonly CommandSpec[], program: string): string {
  const width = Math.max(...specs.map((s) => s.name.length));
  return [
    `Usage: ${program} <command> [options]`,
    '',
    'Commands:',
    ...specs.map((s) => `  ${s.name.padEnd(width)}  ${s.summary}`),
    '',
    `Run \`${program} help <command>\` or \`${program} <command> --help\` for a command's options.`,
    'Most commands need --store FILE and --key-file FILE (or LEDGERDESK_STORE and LEDGERDESK_KEY).',
    'Exit codes: 0 done; 1 findings (verify problems, import row errors); 2 usage error or refused.',
  ].join('\n');
}

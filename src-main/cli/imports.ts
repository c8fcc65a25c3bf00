import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { readDate } from '@shared/dates';
import { formatMoney } from '@shared/money';
import { DomainError } from '../backend/errors';
import { importInputFromFile, importKinds, type ImportKind } from '../backend/services/imports';
import type { AllocationMode, ImportError } from '@shared/ipc/contract/imports';
import { CliError, openBackend, type Command, type CommandOptions } from './common';

/** The command line spells the kinds and modes with hyphens too (credit-notes, as-in-file). */
const underscored = (v: string) => v.replace(/-/g, '_');
const quickBooksKinds: ImportKind[] = ['accounts', 'invoices', 'open_items'];
const modes: Record<string, AllocationMode> = { 'as-in-file': 'as_in_file', 'oldest-first': 'oldest_first' };

/** --mode (payments) and --cut-over (open items) as the import's input fields. */
function importOptions(
  kind: ImportKind,
  opts: CommandOptions,
): { allocationMode?: AllocationMode; cutOverDate?: string; source?: 'ledgerdesk' | 'quickbooks' } {
  const r: { allocationMode?: AllocationMode; cutOverDate?: string; source?: 'ledgerdesk' | 'quickbooks' } = {};
  if (opts.source !== undefined) {
    if (opts.source !== 'ledgerdesk' && opts.source !== 'quickbooks')
      throw new CliError(`import ${kind}: --source must be ledgerdesk or quickbooks; it is '${String(opts.source)}'.`);
    if (opts.source === 'quickbooks' && !quickBooksKinds.includes(kind))
      throw new CliError(`import ${kind}: QuickBooks files bring accounts, invoices or open items, not ${kind.replace(/_/g, ' ')}.`);
    r.source = opts.source;
  }
  if (opts.mode !== undefined) {
    if (kind !== 'payments') throw new CliError(`import ${kind}: --mode is for payments.`);
    const mode = modes[String(opts.mode)] ?? (Object.values(modes) as string[]).find((m) => m === opts.mode);
    if (!mode) throw new CliError(`import payments: --mode must be as-in-file or oldest-first; it is '${String(opts.mode)}'.`);
    r.allocationMode = mode as AllocationMode;
  }
  if (opts['cut-over'] !== undefined) {
    if (kind !== 'open_items') throw new CliError(`import ${kind}: --cut-over is for open-items.`);
    const d = readDate(String(opts['cut-over']));
    if (!d.ok) throw new CliError(`import open-items: --cut-over ${d.reason}`);
    r.cutOverDate = d.value;
  }
  return r;
}

function printErrors(errors: ImportError[], out: (line: string) => void): void {
  for (const e of errors) out(`  line ${e.line}, ${e.column}: ${e.reason}`);
}

/**
 * `import accounts|invoices|payments|credit-notes|open-items FILE [--dry-run] [--map canonical=Header,...]
 * [--mode as-in-file|oldest-first] [--cut-over YYYY-MM-DD]`
 * Prints every row error with its line number, or a summary; exits 1 when the file has errors.
 */
export const importCommands: Record<string, Command> = {
  async import(opts, positionals, out) {
    const [kindArg, file] = positionals;
    if (kindArg === 'bank-statement') return (await import('./bank-statement')).importBankStatement(opts, file, out);
    if (opts.format !== undefined || opts.account !== undefined) throw new CliError(`import ${kindArg ?? ''}: --format and --account are for bank-statement.`);
    const kind = kindArg === undefined ? undefined : (underscored(kindArg) as ImportKind);
    if (!kind || !importKinds.includes(kind))
      throw new CliError(
        `import: the kind must be one of ${importKinds.map((k) => k.replace(/_/g, '-')).join(', ')}; it is ${kindArg === undefined ? 'missing' : `'${kindArg}'`}.`,
      );
    if (!file) throw new CliError(`import ${kindArg}: give the FILE to import.`);
    const options = importOptions(kind, opts);
    if (!fs.existsSync(file)) throw new CliError(`File not found: ${file}`);
    let mapping: Record<string, string | null> | undefined;
    if (typeof opts.map === 'string') {
      mapping = {};
      for (const pair of opts.map.split(',')) {
        const eq = pair.indexOf('=');
        if (eq <= 0) throw new CliError(`--map takes canonical=Header pairs separated by commas, got "${pair}"`);
        const target = pair.slice(eq + 1).trim();
        mapping[pair.slice(0, eq).trim()] = target === '' || target === '-' ? null : target;
      }
    }
    const input = { ...importInputFromFile(kind, path.basename(file), fs.readFileSync(file), mapping), ...options };
    const backend = openBackend(opts);
    try {
      const preview = await backend.services.imports.preview(input);
      const mapped = Object.entries(preview.mapping)
        .filter(([, s]) => s)
        .map(([c, s]) => (c === s ? c : `${c}<-"${s}"`));
      out(`${file}: ${preview.rows} row(s), ${preview.format.toUpperCase()}; columns: ${mapped.join(', ')}`);
      if (preview.errors.length > 0) {
        out(`${preview.errors.length}${preview.errorsTruncated ? '+' : ''} problem(s); nothing was posted:`);
        printErrors(preview.errors, out);
        return 1;
      }
      const t = preview.totals;
      const split = t.appliedCents || t.unappliedCents ? ` (${formatMoney(t.appliedCents)} applied, ${formatMoney(t.unappliedCents)} unapplied credit)` : '';
      const amount = kind === 'accounts' ? '' : `, ${formatMoney(t.amountCents)}${split}`;
      if (opts['dry-run']) {
        out(`dry run: would post ${preview.totals.toPost} row(s)${amount}; ${preview.totals.duplicates} already imported would be skipped.`);
        return 0;
      }
      const actor = { userId: null, username: `cli:${os.userInfo().username}` };
      try {
        const s = await backend.services.imports.post(actor, input);
        out(
          `posted ${s.posted} row(s)${kind === 'accounts' ? '' : `, ${formatMoney(s.amountCents)}`}; skipped ${s.skippedAsDuplicates} already imported (batch ${s.batchId}).`,
        );
        return 0;
      } catch (err) {
        if (err instanceof DomainError && err.code === 'VALIDATION') {
          out(err.message);
          printErrors((err.details as { errors?: ImportError[] } | undefined)?.errors ?? [], out);
          return 1;
        }
        throw err;
      }
    } catch (err) {
      if (err instanceof DomainError) throw new CliError(err.message);
      throw err;
    } finally {
      await backend.close();
    }
  },
};

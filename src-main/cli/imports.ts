import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { formatMoney } from '@shared/money';
import { DomainError } from '../backend/errors';
import { importInputFromFile, importKinds, type ImportKind } from '../backend/services/imports';
import type { ImportError } from '@shared/ipc/contract/imports';
import { CliError, openBackend, type Command } from './common';

function printErrors(errors: ImportError[], out: (line: string) => void): void {
  for (const e of errors) out(`  line ${e.line}, ${e.column}: ${e.reason}`);
}

/**
 * `import accounts|invoices|payments FILE [--dry-run] [--map canonical=Header,...]`
 * Prints every row error with its line number, or a summary; exits 1 when the file has errors.
 */
export const importCommands: Record<string, Command> = {
  async import(opts, positionals, out) {
    const [kind, file] = positionals;
    if (!kind || !importKinds.includes(kind as ImportKind) || !file)
      throw new CliError('Usage: import accounts|invoices|payments FILE [--dry-run] [--map canonical=Header,...] --store FILE --key-file FILE');
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
    const input = importInputFromFile(kind as ImportKind, path.basename(file), fs.readFileSync(file), mapping);
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
      const amount = kind === 'accounts' ? '' : `, ${formatMoney(preview.totals.amountCents)}`;
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

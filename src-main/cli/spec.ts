/**
 * What a command accepts, declared once: the parser refuses anything else and the usage text is made
 * from it. A command's code is loaded only when it runs (`load`), so `--help` and a mistyped command
 * start without the backend.
 */
import type { Command } from './common';

export interface OptionSpec {
  /** 'string' takes a value (`--as-of 2026-03-31` or `--as-of=2026-03-31`); 'boolean' is a bare flag. */
  type: 'string' | 'boolean';
  /** The value's placeholder in the usage text (VALUE when absent). */
  value?: string;
  help: string;
}

export interface CommandSpec {
  name: string;
  /** One line for the list of commands. */
  summary: string;
  /** The synopsis lines after the command's name, e.g. `--as-of YYYY-MM-DD [--detail]`. */
  synopsis: string[];
  /** The most positional arguments the command takes (more is a usage error). */
  maxPositionals: number;
  options: Record<string, OptionSpec>;
  /** Lines said after the options (exit codes particular to the command, documents to read). */
  notes?: string[];
  load: () => Promise<Command>;
}

export const storeOptions: Record<string, OptionSpec> = {
  store: { type: 'string', value: 'FILE', help: 'the store file (or LEDGERDESK_STORE)' },
  'key-file': { type: 'string', value: 'FILE', help: 'its key: 64 hex characters or 32 raw bytes (or LEDGERDESK_KEY=64 hex characters)' },
};

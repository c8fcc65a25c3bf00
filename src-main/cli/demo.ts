import fs from 'node:fs';
import { readDate } from '@shared/dates';
import { createDemoCompany, demoSizes, demoUsers, DEMO_COMPANY, type DemoSize } from '../backend/demo';
import { verifyStore } from '../backend/verify';
import { DomainError } from '../backend/errors';
import { CliError, openBackend, type Command } from './common';

/**
 * `demo --size small|medium|large --store FILE --key-file FILE [--seed N] [--as-of YYYY-MM-DD] [--verify]`
 * Creates the store (and key file) when missing, the demo company and users when the store has no
 * company, then the data set. `--accounts N` overrides the size's account count (tests).
 */
export const demoCommands: Record<string, Command> = {
  async demo(opts, _pos, out) {
    const size = String(opts.size ?? 'small') as DemoSize;
    if (!(size in demoSizes)) throw new CliError('--size must be small, medium or large');
    const seed = opts.seed === undefined ? undefined : Number(opts.seed);
    if (seed !== undefined && !Number.isSafeInteger(seed)) throw new CliError('--seed must be a whole number');
    const asOfRead = typeof opts['as-of'] === 'string' ? readDate(opts['as-of']) : undefined;
    if (asOfRead && !asOfRead.ok) throw new CliError(`--as-of ${asOfRead.reason}`);
    const asOf = asOfRead?.ok ? asOfRead.value : undefined;
    const accounts = opts.accounts === undefined ? undefined : Number(opts.accounts);
    const storePath = String(opts.store ?? '');
    const isNew = !!storePath && !fs.existsSync(storePath);
    const backend = openBackend(opts, true);
    try {
      if (!(await backend.services.settings.company())) {
        await createDemoCompany(backend.services, 'cli');
        out(
          `Created "${DEMO_COMPANY}" in ${isNew ? 'a new store' : 'the store'} with users ${demoUsers.map((u) => `${u.username} (${u.role}, password ${u.password})`).join(', ')}.`,
        );
      }
      let last = 0;
      const r = await backend.services.demo.generate(backend.services, {
        size,
        seed,
        asOf,
        accounts,
        onProgress: (phase, done, total) => {
          const now = Date.now();
          if (now - last > 5000 || done === total) {
            last = now;
            out(`  ${phase}: ${done}/${total}`);
          }
        },
      });
      out(
        `demo ${r.size} (${r.mode}): ${r.accounts} accounts, ${r.invoices} invoices, ${r.payments} payments, ${r.reversals} returned payments, ${r.creditNotes} credit notes, ${r.writeOffs} write-offs, ${r.adjustments} adjustments; seed ${r.seed}, as of ${r.asOf}; ${r.seconds.toFixed(1)} s`,
      );
      if (opts.verify) {
        const v = await verifyStore(backend);
        for (const c of v.checks) out(`${c.ok ? 'ok  ' : 'FAIL'}  ${c.name}: ${c.detail}`);
        if (!v.ok) return 1;
      }
      return 0;
    } catch (err) {
      if (err instanceof DomainError) throw new CliError(err.message);
      throw err;
    } finally {
      await backend.close();
    }
  },
};

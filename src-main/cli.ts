/**
 * The same backend from a terminal: `npm run cli -- <command> [options]`.
 * The store key comes from --key-file (64 hex characters, or 32 raw bytes) or LEDGERDESK_KEY (hex).
 */
import { StoreError } from './backend/db/errors';
import { DomainError } from './backend/errors';
import { asStoreError } from './backend/db/open';
import { commands } from './cli/commands';
import { CliError, parseOptions } from './cli/common';

const usage = `Usage: npm run cli -- <command> [options]

Commands:
  init     Create a store and its administrator
           --store FILE --key-file FILE (created with a new random key if missing)
           --company NAME --admin USER --admin-name "Full Name" [--time-zone Area/City]
           password from LEDGERDESK_ADMIN_PASSWORD
  verify   Check the file, migrations, audit chain and its anchor, and ledger invariants (read-only)
           --store FILE --key-file FILE; exits 1 when anything is wrong
  reanchor Anchor the audit chain as it is (after checking it), e.g. for a store moved without its
           <store>.anchor.json; run only once verify's findings are understood
  aging    Aging summary (or --detail: one row per open item) as of a date
           --as-of YYYY-MM-DD [--basis due|invoice] [--format json|csv] [--detail]
  import   Import accounts, invoices or payments from CSV or XLSX (docs/import.md); exits 1 on row errors
           import accounts|invoices|payments FILE [--dry-run] [--map canonical=Header,...]
  demo     Fill a store with the demo company's generated data (docs/demo.md)
           --size small|medium|large [--seed N] [--as-of YYYY-MM-DD] [--verify]
  backup   Write a verified, encrypted backup and its manifest into a folder (docs/backups.md)
           --to FOLDER [--passphrase-env VAR: also wrap the key with the passphrase in $VAR]
  restore  Verify a backup, keep the store aside, and put the backup in its place (Ledgerdesk closed);
           a missing store is made from the backup (a new key file if none is given)
           --from FILE.ldkbak [--passphrase-env VAR for an exported backup]
  document Write an invoice, credit note or receipt as the app makes it (docs/documents.md), or the
           envelope calibration page: document invoice|credit_note|receipt NUMBER --out FILE.html|FILE.pdf
           (document calibration --out FILE.pdf); PDFs need a Chromium: CHROMIUM_PATH or one on PATH
  statement Write an account's statement as of a date (docs/document-layout.md, Statements):
           statement ACCOUNT-NUMBER --as-of YYYY-MM-DD --type open-item|balance-forward
           [--from YYYY-MM-DD, balance-forward: first day of the period] --out FILE.html|FILE.pdf
  letters  Produce the letters the collection stages queued for a template (docs/letters.md, Letter runs):
           letters run --template KEY [--stage NAME] --out FILE.pdf|FILE.html --as USERNAME (signed by that
           user, recorded as sent by PDF)
           letters run --template KEY [--stage NAME] --dry-run (JSON: who would get one, who is skipped and why)
  report   Write a supervisor workbook (docs/reports.md):
           report aging --as-of YYYY-MM-DD [--basis due|invoice] [--account NUMBER] [--as USERNAME] --out FILE.xlsx

Common: --store (or LEDGERDESK_STORE), --key-file (or LEDGERDESK_KEY=64 hex characters)`;

export async function runCli(argv: string[], out: (line: string) => void = console.log): Promise<number> {
  const [name, ...rest] = argv;
  const command = name ? commands[name] : undefined;
  if (!command) {
    out(usage);
    return name ? 2 : 0;
  }
  const { values, positionals } = parseOptions(rest);
  try {
    return await command(values, positionals, out);
  } catch (err) {
    // A store failure met mid-command (busy, read-only, full) is said in words too, never a stack trace.
    const known =
      err instanceof CliError || err instanceof StoreError ? err : asStoreError(err, String(values.store ?? process.env.LEDGERDESK_STORE ?? 'the store'));
    if (known) {
      console.error(`error: ${known.message}`);
      return 2;
    }
    // A refusal the services explain (e.g. RENDER_FAILED: no Chromium) is said with its code, never a stack trace.
    if (err instanceof DomainError) {
      console.error(`error: ${err.code}: ${err.message}`);
      return 2;
    }
    throw err;
  }
}

if (process.argv[1] && /cli\.(ts|js|cjs|mjs)$/.test(process.argv[1])) {
  runCli(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (err) => {
      console.error(err);
      process.exit(1);
    },
  );
}

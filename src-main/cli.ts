/**
 * The same backend from a terminal: `ledgerdesk <command> [options]` (bin/ledgerdesk.cjs runs the
 * bundle out/main/cli.js, built with main), or `npm run cli -- <command>` from the sources (docs/cli.md).
 * Only the command that runs is loaded, so the usage and a mistyped command start without the backend.
 */
import { CliError, UsageError } from './cli/cli-error';
import { closest, commandUsage, parseCommandLine, programUsage } from './cli/parse';
import { commandNames, commandSpecs } from './cli/registry';

const program = 'ledgerdesk';

const toStdout = (line: string): void => {
  process.stdout.write(`${line}\n`);
};

function unknownCommand(name: string): number {
  const near = closest(name, commandNames);
  console.error(`error: unknown command '${name}'.${near ? ` Did you mean '${near}'?` : ''}`);
  console.error(`Run '${program} --help' for the list of commands.`);
  return 2;
}

/** Runs one command line; the exit code is returned (0 done, 1 findings, 2 usage error or refused). */
export async function runCli(argv: string[], out: (line: string) => void = toStdout): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined) {
    console.error(programUsage(commandSpecs, program));
    return 2;
  }
  if (name === '--help' || name === '-h' || (name === 'help' && rest.length === 0)) {
    out(programUsage(commandSpecs, program));
    return 0;
  }
  if (name === 'help') {
    const spec = commandSpecs.find((c) => c.name === rest[0]);
    if (!spec) return unknownCommand(rest[0]!);
    out(commandUsage(spec, program));
    return 0;
  }
  const spec = commandSpecs.find((c) => c.name === name);
  if (!spec) return unknownCommand(name);
  let values: Record<string, string | boolean | undefined> = {};
  try {
    const parsed = parseCommandLine(spec, rest);
    if (parsed.help) {
      out(commandUsage(spec, program));
      return 0;
    }
    values = parsed.values;
    const command = await spec.load();
    return await command(values, parsed.positionals, out);
  } catch (err) {
    if (err instanceof UsageError) {
      console.error(`error: ${err.message}`);
      console.error(`Run '${program} ${spec.name} --help' for its options.`);
      return 2;
    }
    if (err instanceof CliError) {
      console.error(`error: ${err.message}`);
      return 2;
    }
    // Met only once a command ran, so loaded only then: a store failure (busy, read-only, full) is said
    // in words, a refusal the services explain with its code; never a stack trace.
    const [{ StoreError }, { asStoreError }, { DomainError }] = await Promise.all([
      import('./backend/db/errors'),
      import('./backend/db/open'),
      import('./backend/errors'),
    ]);
    const store = err instanceof StoreError ? err : asStoreError(err, String(values.store ?? process.env.LEDGERDESK_STORE ?? 'the store'));
    if (store) {
      console.error(`error: ${store.message}`);
      return 2;
    }
    if (err instanceof DomainError) {
      console.error(`error: ${err.code}: ${err.message}`);
      return 2;
    }
    throw err;
  }
}

/** Resolves once everything written to the stream so far has been handed to the OS (a pipe included). */
function drained(stream: NodeJS.WriteStream): Promise<void> {
  return new Promise((resolve) => {
    if (stream.destroyed || !stream.writable) resolve();
    else stream.write('', () => resolve());
  });
}

/**
 * The process: exits only once stdout and stderr are drained, so output of any size reaches a pipe
 * whole (process.exit right after a write cut it at the pipe's 64 KB). A reader that goes away early
 * (`| head`) ends the run quietly.
 */
export async function main(argv: string[] = process.argv.slice(2)): Promise<never> {
  process.stdout.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw err;
  });
  let code: number;
  try {
    code = await runCli(argv);
  } catch (err) {
    console.error(err);
    code = 2;
  }
  process.exitCode = code;
  await drained(process.stdout);
  await drained(process.stderr);
  process.exit(code);
}

if (process.argv[1] && /[\\/]cli\.(ts|js)$/.test(process.argv[1])) void main();

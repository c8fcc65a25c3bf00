/** A refusal the CLI says in words (exit 2). Kept apart from common.ts so `--help` loads no backend. */
export class CliError extends Error {}

/** A usage mistake (unknown command or option, a missing value): said with the command's usage hint, exit 2. */
export class UsageError extends CliError {}

import { auditActions, type AuditAction } from '@shared/domain/audit';
import { CliError, openBackend, type CommandOptions } from './common';
import { dateOption, writeWorkbook } from './report-options';

function textOption(opts: CommandOptions, name: string): string | undefined {
  const v = opts[name];
  if (v === undefined) return undefined;
  if (typeof v !== 'string' || v.trim() === '') throw new CliError(`report: --${name} needs a value.`);
  return v.trim();
}

/**
 * `report audit-trail --from YYYY-MM-DD --to YYYY-MM-DD [--user USERNAME] [--action ACTION] [--entity TYPE]
 * [--entity-id ID] [--as USERNAME] --out FILE.xlsx`: the Audit trail exactly as reports.auditTrail makes
 * it, written beside the target and renamed into place.
 */
export async function auditTrailCommand(
  opts: CommandOptions,
  outFile: string,
  creatorOf: (backend: ReturnType<typeof openBackend>) => Promise<string>,
  out: (line: string) => void,
): Promise<number> {
  const from = dateOption(opts, 'from');
  const to = dateOption(opts, 'to');
  if (to < from) throw new CliError(`report: --to ${to} is before --from ${from}.`);
  const action = textOption(opts, 'action');
  if (action !== undefined && !(auditActions as readonly string[]).includes(action))
    throw new CliError(`report: --action "${action}" is not an audit action (for example ${auditActions.slice(0, 3).join(', ')}).`);
  const query = {
    from,
    to,
    user: textOption(opts, 'user'),
    action: action as AuditAction | undefined,
    entity: textOption(opts, 'entity'),
    entityId: textOption(opts, 'entity-id'),
  };
  const backend = openBackend(opts);
  try {
    const creator = await creatorOf(backend);
    const { bytes } = await backend.services.reports.auditTrail(creator, query);
    writeWorkbook(outFile, bytes);
    out(`Audit trail ${from} to ${to}: ${outFile} (${bytes.length} bytes)`);
    return 0;
  } finally {
    await backend.close();
  }
}

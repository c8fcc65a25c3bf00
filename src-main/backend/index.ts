import nodePath from 'node:path';
import type { Channel, Contract } from '@shared/ipc/contract';
import type { InputOf, OutputOf } from '@shared/ipc/endpoint';
import type { Result } from '@shared/ipc/result';
import type { EventMap, EventName } from '@shared/ipc/events';
import { systemClock, type Clock, type Emit, type ServiceContext } from './context';
import { openStore, type OpenStoreOptions } from './db/open';
import { createDispatch, type Dispatch } from './dispatch';
import { appendAudit } from './services/audit';
import { createServices, type Services } from './services';
import type { JobRunner } from './services/backup/runner';
import type { ReportRunner } from './services/reports/runner';
import type { ErrorLog } from '../log/logger';

export interface BackendOptions extends OpenStoreOptions {
  storePath: string;
  key: Buffer;
  clock?: Clock;
  /** Receives events for the renderer (data changed, progress). */
  onEvent?: <E extends EventName>(event: E, payload: EventMap[E]) => void;
  /** Unexpected failures (INTERNAL answers): the app's logger, which keeps customer data out (src-main/log). */
  log?: ErrorLog;
  /** The suggested backup folder while none is chosen (default: `Backups` beside the store). */
  backupsDir?: string;
  /** Where backups and restores copy and verify: a thread of their own in the app (default: inline). */
  backupRunner?: JobRunner;
  /** Where report runs (the reports.* workbooks) are built: a thread of their own in the app (default: inline). */
  reportRunner?: ReportRunner;
  /** Certificate authorities the SMTP server's certificate may chain to, beside the system's (tests pass their own). */
  emailCa?: string;
}

/** The dispatch function typed by the contract, for tests and the CLI. */
export type Call = <C extends Channel>(sessionId: string, channel: C, input: InputOf<Contract[C]>) => Promise<Result<OutputOf<Contract[C]>>>;

export interface Backend {
  services: Services;
  dispatch: Dispatch;
  call: Call;
  ctx: ServiceContext;
  close(): Promise<void>;
}

/** Opens the store and wires every service. Runs in plain Node: no Electron here. */
export function createBackend(options: BackendOptions): Backend {
  const store = openStore(options.storePath, options.key, options);
  const emit: Emit = (event, payload) => options.onEvent?.(event, payload);
  const ctx: ServiceContext = { store, db: store.db, clock: options.clock ?? systemClock, emit };
  const services = createServices(
    ctx,
    {
      key: options.key,
      defaultFolder: options.backupsDir ?? nodePath.join(nodePath.dirname(store.path), 'Backups'),
      runner: options.backupRunner,
    },
    { emailTrust: options.emailCa ? { ca: options.emailCa } : undefined },
    { runner: options.reportRunner },
  );
  const dispatch = createDispatch(services, {
    storePath: store.path,
    log: options.log,
    audit: async (actor, entry) => {
      await ctx.db.transaction().execute((trx) => appendAudit(trx, ctx.clock, actor, entry));
    },
  });
  const close = async () => {
    services.backup.discardStaged();
    await store.close();
  };
  return { services, dispatch, call: dispatch as Call, ctx, close };
}
export type { Clock } from './context';

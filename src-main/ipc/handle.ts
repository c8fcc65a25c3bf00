import { ipcMain, type IpcMainInvokeEvent } from 'electron';
import { storeChannels, type StoreChannel } from '@shared/ipc/contract';
import { isShellOnlyChannel } from '@shared/ipc/contract/documents';
import { contract } from '@shared/ipc/contract';
import { invokeChannel } from '@shared/ipc/events';
import { fail, ok, type Result } from '@shared/ipc/result';
import { isAppUrl, type RendererSource } from '../shell/origin';

export interface ShellHandlers {
  /** Answers the store.* channels (the key), which run before the backend exists. */
  store(channel: StoreChannel, input: unknown): Promise<unknown>;
  /** Relays everything else to the backend worker, where session, role and zod checks run. */
  backend(sessionId: string, channel: string, input: unknown): Promise<Result<unknown>>;
}

/**
 * The one IPC entry point: sender check (the calling frame's origin must be ours: app://ledgerdesk, or
 * the dev server in a development build), then the store channels here or the backend worker.
 * The session is the sending window's webContents, so one window cannot act as another's user.
 */
export function installIpc(h: ShellHandlers, source: RendererSource): void {
  ipcMain.handle(invokeChannel, async (event: IpcMainInvokeEvent, channel: unknown, input: unknown) => {
    const frameUrl = event.senderFrame?.url ?? '';
    if (!isAppUrl(frameUrl, source)) return fail('FORBIDDEN', 'Calls are accepted only from Ledgerdesk windows.');
    if (typeof channel !== 'string' || !Object.hasOwn(contract, channel)) return fail('UNKNOWN_CHANNEL', 'There is no such endpoint.');
    // documents.complete is main's own call to the backend: a window never completes (archives) a job.
    if (isShellOnlyChannel(channel)) return fail('FORBIDDEN', 'This call is made by Ledgerdesk itself, never by a window.');
    if ((storeChannels as string[]).includes(channel)) {
      const parsed = contract[channel as StoreChannel].input.safeParse(input);
      if (!parsed.success) return fail('VALIDATION', parsed.error.issues.map((i) => i.message).join('; '));
      try {
        return ok(await h.store(channel as StoreChannel, parsed.data));
      } catch (err) {
        return fail('VALIDATION', err instanceof Error ? err.message : String(err));
      }
    }
    return h.backend(String(event.sender.id), channel, input);
  });
}

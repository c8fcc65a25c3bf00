/**
 * The one preload: builds `window.api` by walking the contract's channel list. It exposes nothing
 * else; the renderer never sees a channel string or ipcRenderer.
 */
import { contextBridge, ipcRenderer } from 'electron';
import { channels } from '@shared/ipc/contract';
import { buildApi } from '@shared/ipc/client';
import { eventChannel, invokeChannel } from '@shared/ipc/events';

const api = buildApi(
  channels,
  (channel, input) => ipcRenderer.invoke(invokeChannel, channel, input),
  (event, listener) => {
    const handler = (_e: unknown, name: string, payload: unknown) => {
      if (name === event) listener(payload);
    };
    ipcRenderer.on(eventChannel, handler);
    return () => ipcRenderer.removeListener(eventChannel, handler);
  },
);

contextBridge.exposeInMainWorld('api', api);

import { buildApi } from '../../src-shared/ipc/client';
import { channels } from '../../src-shared/ipc/contract';

/**
 * The page script that stands in for the preload: `window.api` built from the contract as the preload
 * builds it, each call sent to the test process through the `__ledgerdeskInvoke` binding, and events
 * pushed back through `__ledgerdeskEmit`. The e2e fixture (bridge.ts) and the screen bench use it.
 */
export const apiInitScript = `(() => {
  const listeners = new Map();
  window.__ledgerdeskEmit = (event, payload) => { for (const l of listeners.get(event) ?? []) l(payload); };
  const subscribe = (event, listener) => {
    if (!listeners.has(event)) listeners.set(event, new Set());
    listeners.get(event).add(listener);
    return () => listeners.get(event).delete(listener);
  };
  window.api = (${buildApi.toString()})(${JSON.stringify(channels)}, (c, i) => window.__ledgerdeskInvoke(c, i), subscribe);
})();`;

/**
 * Builds `window.api` from the list of channel names: `api.users.list(input)` invokes `users.list`.
 * Self-contained on purpose (no imports, no closures over module scope) so the e2e bridge can ship
 * the very same function into a page with Playwright's addInitScript.
 */
export function buildApi(
  channels: readonly string[],
  invoke: (channel: string, input: unknown) => Promise<unknown>,
  subscribe: (event: string, listener: (payload: unknown) => void) => () => void,
): Record<string, unknown> {
  const api: Record<string, Record<string, unknown>> = {};
  for (const channel of channels) {
    // Split at the first dot only: `letters.templates.list` is api.letters['templates.list'], as the Api type says.
    const dot = channel.indexOf('.');
    const domain = channel.slice(0, dot);
    const verb = channel.slice(dot + 1);
    const group = api[domain] ?? {};
    group[verb] = (input?: unknown) => invoke(channel, input);
    api[domain] = group;
  }
  return Object.freeze({ ...api, on: subscribe });
}

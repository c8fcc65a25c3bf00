/**
 * window.api is built from the channel names (src-shared/ipc/client.ts). A channel with two dots
 * (`letters.templates.list`) must land where the Api type puts it, api.letters['templates.list'],
 * not collapse with its siblings into api.letters.templates.
 */
import { describe, expect, it } from 'vitest';
import { buildApi } from '../../src-shared/ipc/client';
import { channels } from '../../src-shared/ipc/contract';

describe('buildApi', () => {
  it('calls every channel of the contract under its own domain and verb', async () => {
    const calls: { channel: string; input: unknown }[] = [];
    const api = buildApi(
      channels,
      async (channel, input) => {
        calls.push({ channel, input });
        return channel;
      },
      () => () => undefined,
    ) as Record<string, Record<string, (input?: unknown) => Promise<unknown>>>;
    for (const channel of channels) {
      const dot = channel.indexOf('.');
      const call = api[channel.slice(0, dot)]?.[channel.slice(dot + 1)];
      expect(call, channel).toBeTypeOf('function');
      expect(await call?.({ probe: channel })).toBe(channel);
    }
    expect(calls).toHaveLength(channels.length);
    expect(calls.find((c) => c.channel === 'letters.templates.save')?.input).toEqual({ probe: 'letters.templates.save' });
  });

  it('keeps the three letter-template channels apart', async () => {
    const seen: string[] = [];
    const names = ['letters.templates.list', 'letters.templates.get', 'letters.templates.save'];
    const api = buildApi(
      names,
      async (c) => seen.push(c),
      () => () => undefined,
    ) as Record<string, Record<string, () => Promise<unknown>>>;
    expect(Object.keys(api.letters ?? {}).sort()).toEqual(['templates.get', 'templates.list', 'templates.save']);
    await api.letters?.['templates.get']?.();
    expect(seen).toEqual(['letters.templates.get']);
  });
});

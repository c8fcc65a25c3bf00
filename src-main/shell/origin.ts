/**
 * Which pages are ours. The app's pages come from one origin, app://ledgerdesk (served by
 * src-main/protocol), or in a development build from the electron-vite dev server. The IPC sender
 * check and the navigation guard compare origins, never file paths: a path-prefix test broke on
 * Windows (drive letters, UNC) and accepted sibling folders such as renderer-other/.
 */
export const APP_SCHEME = 'app';
export const APP_HOST = 'ledgerdesk';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;

/** Where the renderer is served from: our own origin, or (development builds only) the dev server. */
export interface RendererSource {
  devServerUrl: string | null;
}

/**
 * `scheme://host[:port]`, lower-cased, or null for a URL without a host or one carrying credentials.
 * WHATWG gives a non-special scheme such as app: an opaque origin ('null'); Chromium, where app: is
 * registered as a standard scheme, serializes it as scheme://host, which is what this returns.
 */
export function originOf(url: string): string | null {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return null;
  }
  if (u.username || u.password || !u.host) return null;
  return `${u.protocol}//${u.host}`.toLowerCase();
}

export function trustedOrigins(source: RendererSource): string[] {
  const dev = source.devServerUrl ? originOf(source.devServerUrl) : null;
  return dev ? [APP_ORIGIN, dev] : [APP_ORIGIN];
}

/** True when a frame URL is one of our own pages: same origin as app://ledgerdesk or the dev server. */
export function isAppUrl(url: string, source: RendererSource): boolean {
  const origin = originOf(url);
  return origin !== null && trustedOrigins(source).includes(origin);
}

/** The URL the main window loads. */
export function startUrl(source: RendererSource): string {
  return source.devServerUrl ?? `${APP_ORIGIN}/index.html`;
}

const loopbackHosts = new Set(['localhost', '127.0.0.1', '[::1]']);

/**
 * The dev server URL (ELECTRON_RENDERER_URL, set by `electron-vite dev`) is honoured only by a
 * development build (`devBuild`: import.meta.env.DEV, fixed when electron-vite compiles main) that is
 * not packaged, and only for an http(s) server on this machine. A packaged or production build
 * ignores it, so an environment variable can never point the app at someone else's pages.
 */
export function devServerUrl(input: { env: Readonly<Record<string, string | undefined>>; isPackaged: boolean; devBuild: boolean }): string | null {
  const raw = input.env.ELECTRON_RENDERER_URL;
  if (!raw || input.isPackaged || !input.devBuild) return null;
  let u: URL;
  try {
    u = new URL(raw);
  } catch {
    return null;
  }
  if ((u.protocol !== 'http:' && u.protocol !== 'https:') || u.username || u.password || !loopbackHosts.has(u.hostname)) return null;
  return raw;
}

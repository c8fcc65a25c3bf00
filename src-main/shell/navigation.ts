/**
 * What a window may load, open or hand to the user's browser. Pure decisions; windows/main-window.ts
 * only wires them to Electron's events.
 */
import { isAppUrl, type RendererSource } from './origin';

/**
 * Content Security Policy for the app's own pages: no remote code, no inline scripts. 'self' is the
 * page's origin (app://ledgerdesk, or the dev server in a development build).
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'", // Mantine injects CSS variables at run time
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

/** A window navigates only within our own origin (the hash router never leaves index.html). */
export function navigationAllowed(url: string, source: RendererSource): boolean {
  return isAppUrl(url, source);
}

/**
 * The one permission a page gets: writing text to the clipboard ("Copy diagnostics" on the About page;
 * Chromium asks for `clipboard-sanitized-write` before navigator.clipboard.writeText, which also needs
 * a click), and only for our own pages. Reading the clipboard, camera, microphone, notifications,
 * geolocation: never.
 */
export function permissionAllowed(permission: string, requestingUrl: string, source: RendererSource): boolean {
  return permission === 'clipboard-sanitized-write' && isAppUrl(requestingUrl, source);
}

/**
 * Sites the app may open in the user's browser: the regulations the collections rules cite.
 * Anything else (other hosts, http:, mailto:, file:, custom schemes) is not opened at all.
 */
export const EXTERNAL_LINK_HOSTS: readonly string[] = ['www.ecfr.gov', 'www.consumerfinance.gov', 'www.federalregister.gov'];

/** The URL to hand to the browser, or null: https only, no credentials or port, a listed host. */
export function externalLink(url: string, hosts: readonly string[] = EXTERNAL_LINK_HOSTS): string | null {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return null;
  }
  if (u.protocol !== 'https:' || u.username || u.password || u.port || !hosts.includes(u.hostname)) return null;
  return u.href;
}

/**
 * window.open and target=_blank never create an Electron window; a listed https link goes to the
 * user's browser instead.
 */
export function windowOpenDecision(url: string, hosts: readonly string[] = EXTERNAL_LINK_HOSTS): { action: 'deny'; openExternally: string | null } {
  return { action: 'deny', openExternally: externalLink(url, hosts) };
}

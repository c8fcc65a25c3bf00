/**
 * The app:// protocol's path resolution: which file under the built renderer folder a request names.
 * Each path segment is decoded on its own and refused if it could climb out or name something other
 * than a plain file name on either OS (`..` in any encoding, separators, drive letters and streams,
 * NUL and control characters, Windows device names). Symlinks are checked by the caller, which
 * resolves real paths on disk and asks `isInside` again.
 */
import type { PlatformPath } from 'node:path';
import { APP_HOST, APP_SCHEME } from './origin';

export type AppPathResult = { ok: true; file: string } | { ok: false; status: 400 | 403 | 404; reason: string };

const windowsDeviceName = /^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³]|conin\$|conout\$)(\..*)?$/i;
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are exactly what is refused
const forbiddenChars = /[\u0000-\u001f\u007f/\\:*?"<>|]/;

export const isWin32 = (p: PlatformPath) => p.sep === '\\';

/** True when `child` is `parent` itself or lies below it (case-insensitively under Windows rules). */
export function isInside(parent: string, child: string, p: PlatformPath): boolean {
  const rel = p.relative(isWin32(p) ? parent.toLowerCase() : parent, isWin32(p) ? child.toLowerCase() : child);
  return rel === '' || (rel !== '..' && !rel.startsWith(`..${p.sep}`) && !p.isAbsolute(rel));
}

function refusedSegment(segment: string, p: PlatformPath): string | null {
  if (segment === '' || segment === '.' || segment === '..') return 'a path segment is empty, . or ..';
  if (forbiddenChars.test(segment)) return 'a path segment holds a separator, drive, stream, wildcard or control character';
  if (isWin32(p) && (windowsDeviceName.test(segment) || /[. ]$/.test(segment))) return 'a path segment is a Windows device name or ends in a dot or space';
  return null;
}

/**
 * Maps `app://ledgerdesk/<path>` to a file in `rendererDir` using the given OS's path rules; `/` is
 * index.html. Anything that is not a plain relative file name is refused before touching the disk.
 */
export function resolveAppPath(requestUrl: string, rendererDir: string, p: PlatformPath): AppPathResult {
  let u: URL;
  try {
    u = new URL(requestUrl);
  } catch {
    return { ok: false, status: 400, reason: 'not a URL' };
  }
  if (u.protocol !== `${APP_SCHEME}:` || u.host.toLowerCase() !== APP_HOST || u.username || u.password)
    return { ok: false, status: 403, reason: 'not the app origin' };
  // Backslashes are refused as they come (a standard scheme would turn them into /, a file system into a separator).
  const raw = u.pathname === '/' || u.pathname === '' ? '/index.html' : u.pathname;
  const segments: string[] = [];
  for (const encoded of raw.slice(1).split('/')) {
    let segment: string;
    try {
      segment = decodeURIComponent(encoded);
    } catch {
      return { ok: false, status: 400, reason: 'a path segment is not valid percent-encoding' };
    }
    const why = refusedSegment(segment, p);
    if (why) return { ok: false, status: 403, reason: why };
    segments.push(segment);
  }
  const file = p.join(rendererDir, ...segments);
  if (!isInside(rendererDir, file, p)) return { ok: false, status: 403, reason: 'outside the renderer folder' };
  return { ok: true, file };
}

const contentTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
  '.otf': 'font/otf',
  '.wasm': 'application/wasm',
  '.txt': 'text/plain; charset=utf-8',
};

/** The Content-Type for a served file; module scripts are refused by Chromium without a JavaScript type. */
export function contentTypeFor(file: string, p: PlatformPath): string {
  return contentTypes[p.extname(file).toLowerCase()] ?? 'application/octet-stream';
}

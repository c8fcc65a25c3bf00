/**
 * Answers one app:// request from the built renderer folder. No Electron import: Vitest calls it with
 * real files on disk. The path is resolved by the pure rules in shell/app-path; then the real path on
 * disk (symlinks followed, inside app.asar too) must still lie inside the folder's real path.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { contentTypeFor, isInside, resolveAppPath } from '../shell/app-path';
import { CONTENT_SECURITY_POLICY } from '../shell/navigation';

const text = (status: number, body: string) =>
  new Response(body, { status, headers: { 'content-type': 'text/plain; charset=utf-8', 'x-content-type-options': 'nosniff' } });

export async function serveAppRequest(request: { url: string; method: string }, rendererDir: string): Promise<Response> {
  if (request.method !== 'GET' && request.method !== 'HEAD') return text(405, 'Method not allowed');
  const resolved = resolveAppPath(request.url, rendererDir, path);
  if (!resolved.ok) return text(resolved.status, resolved.status === 404 ? 'Not found' : 'Forbidden');
  let body: Buffer;
  try {
    const [realRoot, realFile] = await Promise.all([fs.realpath(rendererDir), fs.realpath(resolved.file)]);
    if (!isInside(realRoot, realFile, path)) return text(403, 'Forbidden');
    if (!(await fs.stat(realFile)).isFile()) return text(404, 'Not found');
    body = await fs.readFile(realFile);
  } catch {
    return text(404, 'Not found');
  }
  const headers = {
    'content-type': contentTypeFor(resolved.file, path),
    'content-length': String(body.length),
    'x-content-type-options': 'nosniff',
    'content-security-policy': CONTENT_SECURITY_POLICY,
  };
  return new Response(request.method === 'HEAD' ? null : new Uint8Array(body), { status: 200, headers });
}

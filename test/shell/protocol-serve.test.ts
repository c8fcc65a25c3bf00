/**
 * The app:// handler against real files: the right bytes and Content-Type for each kind of asset,
 * and 403/404 for traversal, symlinks that leave the renderer folder, folders and other methods.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveAppRequest } from '../../src-main/protocol/serve';
import { CONTENT_SECURITY_POLICY } from '../../src-main/shell/navigation';

// An install folder with a space and non-ASCII, the renderer, a sibling "renderer-other" and a secret beside them.
let top: string;
let renderer: string;
afterAll(() => fs.rmSync(top, { recursive: true, force: true }));
beforeAll(() => {
  top = fs.mkdtempSync(path.join(os.tmpdir(), 'ledgerdesk-protocol-'));
  const root = path.join(top, 'Ledger Desk Büro', 'out');
  renderer = path.join(root, 'renderer');
  const files: Record<string, string | Buffer> = {
    'index.html': '<!doctype html><script type="module" crossorigin src="./assets/index-a1.js"></script>',
    'assets/index-a1.js': 'export const x = 1;',
    'assets/index-a1.css': 'body{}',
    'assets/logo.svg': '<svg xmlns="http://www.w3.org/2000/svg"/>',
    'assets/icon.png': Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    'assets/inter.woff2': Buffer.from('wOF2'),
    'assets/strings.json': '{"a":1}',
    'assets/résumé.png': Buffer.from([0x89, 0x50]),
  };
  for (const [name, body] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(renderer, name)), { recursive: true });
    fs.writeFileSync(path.join(renderer, name), body);
  }
  fs.mkdirSync(path.join(root, 'renderer-other'));
  fs.writeFileSync(path.join(root, 'renderer-other', 'index.html'), 'sibling');
  fs.writeFileSync(path.join(root, 'package.json'), '{"secret":true}');
  fs.symlinkSync(path.join(root, 'package.json'), path.join(renderer, 'assets', 'escape.json'));
  fs.symlinkSync(path.join(root, 'renderer-other'), path.join(renderer, 'other'));
  fs.symlinkSync(path.join(renderer, 'assets', 'index-a1.css'), path.join(renderer, 'assets', 'alias.css'));
});

const get = (rest: string, method = 'GET') => serveAppRequest({ url: `app://ledgerdesk/${rest}`, method }, renderer);

describe('serving the renderer over app://', () => {
  it.each([
    ['', 'text/html; charset=utf-8'],
    ['index.html', 'text/html; charset=utf-8'],
    ['assets/index-a1.js', 'text/javascript; charset=utf-8'],
    ['assets/index-a1.css', 'text/css; charset=utf-8'],
    ['assets/logo.svg', 'image/svg+xml'],
    ['assets/icon.png', 'image/png'],
    ['assets/inter.woff2', 'font/woff2'],
    ['assets/strings.json', 'application/json; charset=utf-8'],
    ['assets/r%C3%A9sum%C3%A9.png', 'image/png'],
  ])('serves "%s" as %s with the file\'s bytes', async (rest, type) => {
    const res = await get(rest);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe(type);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    const file = path.join(renderer, decodeURIComponent(rest) || 'index.html');
    expect(Buffer.from(await res.arrayBuffer()).equals(fs.readFileSync(file))).toBe(true);
  });

  it('follows a symlink that stays inside the folder', async () => {
    const res = await get('assets/alias.css');
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('body{}');
  });

  it.each([
    ['assets/escape.json', 403],
    ['other/index.html', 403],
    ['..%2fpackage.json', 403],
    ['..%2frenderer-other%2findex.html', 403],
    ['assets/..%5c..%5cpackage.json', 403],
    ['%2e%2e/package.json', 404], // resolved to <renderer>/package.json, which does not exist
    ['index.html%00', 403],
    ['assets', 404],
    ['missing.js', 404],
  ])('refuses %s with %i and never reads outside the folder', async (rest, status) => {
    const res = await get(rest);
    expect(res.status).toBe(status);
    const body = await res.text();
    expect(body).not.toContain('secret');
    expect(body).not.toContain('sibling');
  });

  it('answers HEAD without a body and refuses other methods', async () => {
    const head = await get('index.html', 'HEAD');
    expect(head.status).toBe(200);
    expect(head.headers.get('content-length')).toBe(String(fs.statSync(path.join(renderer, 'index.html')).size));
    expect(await head.text()).toBe('');
    expect((await get('index.html', 'POST')).status).toBe(405);
  });

  it('refuses requests for another host', async () => {
    expect((await serveAppRequest({ url: 'app://other/index.html', method: 'GET' }, renderer)).status).toBe(403);
  });
});

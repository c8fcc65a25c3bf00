/**
 * The app:// path resolution under Windows and POSIX rules: install folders with drive letters, UNC
 * shares, spaces and non-ASCII; every way of climbing out of the renderer folder is refused.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { contentTypeFor, isInside, resolveAppPath } from '../../src-main/shell/app-path';

const installs = {
  win32: [
    'C:\\Program Files\\Ledgerdesk\\resources\\app.asar\\out\\renderer',
    'D:\\Apps\\Büro Ledgerdesk\\resources\\app.asar\\out\\renderer',
    '\\\\billing-server\\apps\\Ledgerdesk\\resources\\app.asar\\out\\renderer',
  ],
  posix: [
    '/opt/Ledgerdesk/resources/app.asar/out/renderer',
    '/home/zoë/Ledger Desk/resources/app.asar/out/renderer',
    '/Applications/Ledgerdesk.app/Contents/Resources/app.asar/out/renderer',
  ],
} as const;

describe.each(['win32', 'posix'] as const)('under %s path rules', (os) => {
  const p = path[os];

  describe.each(installs[os])('installed at %s', (dir) => {
    const resolve = (url: string) => resolveAppPath(url, dir, p);

    it('serves index.html for the root and files below the folder', () => {
      expect(resolve('app://ledgerdesk/')).toEqual({ ok: true, file: p.join(dir, 'index.html') });
      expect(resolve('app://ledgerdesk')).toEqual({ ok: true, file: p.join(dir, 'index.html') });
      expect(resolve('app://ledgerdesk/index.html?x=1#/accounts')).toEqual({ ok: true, file: p.join(dir, 'index.html') });
      expect(resolve('app://ledgerdesk/assets/index-B4x.js')).toEqual({ ok: true, file: p.join(dir, 'assets', 'index-B4x.js') });
      expect(resolve('app://ledgerdesk/assets/Inter%20Var.woff2')).toEqual({ ok: true, file: p.join(dir, 'assets', 'Inter Var.woff2') });
      expect(resolve('app://ledgerdesk/assets/r%C3%A9sum%C3%A9.png')).toEqual({ ok: true, file: p.join(dir, 'assets', 'résumé.png') });
    });

    it.each([
      ['..%2f..%2fpackage.json', 403],
      ['%2e%2e/%2e%2e/package.json', 'inside'], // the URL parser resolves %2e%2e like .. at the root: stays inside
      ['assets/%2e%2e%2f%2e%2e%2fpackage.json', 403],
      ['assets/..%5c..%5cpackage.json', 403],
      ['assets\\..\\..\\package.json', 403],
      ['%5c%5cserver%5cshare%5cx.js', 403],
      ['C:%5cWindows%5cwin.ini', 403],
      ['C:/Windows/win.ini', 403],
      ['%2fetc%2fpasswd', 403],
      ['index.html%00.png', 403],
      ['index.html::$DATA', 403],
      ['assets/%0aindex.js', 403],
      ['%E0%A4%A', 400],
      ['a//b.js', 403],
    ] as const)('refuses %s', (rest, expected) => {
      const r = resolve(`app://ledgerdesk/${rest}`);
      if (expected === 'inside') {
        expect(r.ok && isInside(dir, r.file, p)).toBe(true);
      } else {
        expect(r).toMatchObject({ ok: false, status: expected });
      }
    });

    it.each([
      'app://other/index.html',
      'app://ledgerdesk.evil/index.html',
      'app://x@ledgerdesk/index.html',
      'file:///index.html',
      'https://ledgerdesk/index.html',
    ])('refuses another origin: %s', (url) => {
      expect(resolveAppPath(url, dir, p)).toMatchObject({ ok: false, status: 403 });
    });
  });

  it('says what is inside a folder and what is a sibling', () => {
    const dir = os === 'win32' ? 'C:\\Ledgerdesk\\out\\renderer' : '/opt/Ledgerdesk/out/renderer';
    expect(isInside(dir, p.join(dir, 'index.html'), p)).toBe(true);
    expect(isInside(dir, `${dir}-other${p.sep}index.html`, p)).toBe(false);
    expect(isInside(dir, p.join(dir, '..', 'package.json'), p)).toBe(false);
    expect(isInside(dir, p.join(dir, '..renderer', 'x'), p)).toBe(true);
  });
});

describe('Windows-only refusals', () => {
  const dir = 'C:\\Program Files\\Ledgerdesk\\resources\\app.asar\\out\\renderer';
  it.each(['CON', 'nul.js', 'COM1.txt', 'LPT9', 'index.html.', 'index.html%20'])('refuses the device name or trailing dot/space %s', (name) => {
    expect(resolveAppPath(`app://ledgerdesk/${name}`, dir, path.win32)).toMatchObject({ ok: false, status: 403 });
  });

  it('compares drive letters and folders case-insensitively', () => {
    expect(isInside('C:\\Program Files\\Ledgerdesk', 'c:\\program files\\ledgerdesk\\out\\index.html', path.win32)).toBe(true);
    expect(isInside('C:\\Ledgerdesk', 'D:\\Ledgerdesk\\index.html', path.win32)).toBe(false);
    expect(isInside('\\\\server\\share\\Ledgerdesk', '\\\\server\\other\\Ledgerdesk\\index.html', path.win32)).toBe(false);
  });

  it('keeps POSIX case-sensitive', () => {
    expect(isInside('/opt/Ledgerdesk', '/opt/ledgerdesk/index.html', path.posix)).toBe(false);
  });
});

describe('content types', () => {
  it.each([
    ['index.html', 'text/html; charset=utf-8'],
    ['assets/index-x.js', 'text/javascript; charset=utf-8'],
    ['assets/index-x.css', 'text/css; charset=utf-8'],
    ['assets/logo.SVG', 'image/svg+xml'],
    ['assets/icon.png', 'image/png'],
    ['assets/inter.woff2', 'font/woff2'],
    ['assets/data.json', 'application/json; charset=utf-8'],
    ['assets/unknown.bin', 'application/octet-stream'],
    ['LICENSE', 'application/octet-stream'],
  ])('%s is served as %s', (file, type) => {
    expect(contentTypeFor(file, path.posix)).toBe(type);
    expect(contentTypeFor(file.replaceAll('/', '\\'), path.win32)).toBe(type);
  });
});

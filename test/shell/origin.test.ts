/**
 * The IPC sender check and the navigation guard: is this URL one of our own pages? Evaluated under
 * Windows and POSIX path rules. The shell used to compare file paths by prefix, which refused every call
 * on Windows (file:///C:/... normalized to \C:\... never starts with C:\...) and accepted a sibling
 * folder such as renderer-other/; these cases failed on that code and pass on the origin check.
 */
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { APP_ORIGIN, devServerUrl, isAppUrl, originOf, startUrl, type RendererSource } from '../../src-main/shell/origin';

const installs = {
  win32: [
    'C:\\Program Files\\Ledgerdesk\\resources\\app.asar\\out\\renderer',
    'C:\\Users\\José Müller\\AppData\\Local\\Programs\\Ledgerdesk\\resources\\app.asar\\out\\renderer',
    '\\\\billing-server\\apps\\Ledgerdesk\\resources\\app.asar\\out\\renderer',
  ],
  posix: ['/opt/Ledgerdesk/resources/app.asar/out/renderer', '/home/zoë/Ledger Desk/resources/app.asar/out/renderer'],
} as const;

describe.each(['win32', 'posix'] as const)('our own pages under %s path rules', (os) => {
  describe.each(installs[os])('installed at %s', (rendererDir) => {
    const source: RendererSource = { devServerUrl: null };
    // What BrowserWindow.loadFile made of a path on that OS (a UNC path becomes file://server/share/...).
    const fileUrl = (p: string) => pathToFileURL(p, { windows: os === 'win32' }).href;

    it('accepts the page the main window loads', () => {
      expect(isAppUrl(startUrl(source), source)).toBe(true);
    });

    it('refuses a page in a sibling folder (renderer-other/)', () => {
      expect(isAppUrl(fileUrl(`${rendererDir}-other${path[os].sep}index.html`), source)).toBe(false);
    });

    it('refuses a file:// page of the renderer folder itself: our pages come from app://ledgerdesk only', () => {
      expect(isAppUrl(fileUrl(path[os].join(rendererDir, 'index.html')), source)).toBe(false);
    });
  });
});

describe('the app origin', () => {
  const source: RendererSource = { devServerUrl: null };

  it.each(['app://ledgerdesk/index.html', 'app://ledgerdesk/index.html#/accounts/12', 'APP://LEDGERDESK/assets/index.js', 'app://ledgerdesk'])(
    'accepts %s',
    (url) => {
      expect(isAppUrl(url, source)).toBe(true);
    },
  );

  it.each([
    'app://ledgerdesk.evil.example/index.html',
    'app://ledgerdesk:8080/index.html',
    'app://user@ledgerdesk/index.html',
    'app://ledgerdesk@evil.example/index.html',
    'app:ledgerdesk/index.html',
    'http://ledgerdesk/index.html',
    'https://ledgerdesk/index.html',
    'file:///index.html',
    'about:blank',
    'javascript:alert(1)',
    'data:text/html,hi',
    '',
    'not a url',
  ])('refuses %s', (url) => {
    expect(isAppUrl(url, source)).toBe(false);
  });

  it('serializes origins as Chromium does for a standard scheme', () => {
    expect(originOf('app://LedgerDesk/a/b?c#d')).toBe(APP_ORIGIN);
    expect(originOf('http://localhost:80/x')).toBe('http://localhost');
    expect(originOf('app://a:b@ledgerdesk/')).toBeNull();
  });
});

describe('the dev server', () => {
  const source: RendererSource = { devServerUrl: 'http://localhost:5173' };

  it('accepts its own origin and still the app origin', () => {
    expect(isAppUrl('http://localhost:5173/#/accounts', source)).toBe(true);
    expect(isAppUrl('app://ledgerdesk/index.html', source)).toBe(true);
    expect(startUrl(source)).toBe('http://localhost:5173');
  });

  it.each(['http://localhost:51730/', 'http://localhost:5173.evil.example/', 'http://localhost:5173@evil.example/', 'https://localhost:5173/'])(
    'refuses %s, which only starts like it',
    (url) => {
      expect(isAppUrl(url, source)).toBe(false);
    },
  );

  const env = { ELECTRON_RENDERER_URL: 'http://localhost:5173' };
  it('is honoured only by an unpackaged development build', () => {
    expect(devServerUrl({ env, isPackaged: false, devBuild: true })).toBe('http://localhost:5173');
    expect(devServerUrl({ env, isPackaged: true, devBuild: true })).toBeNull();
    expect(devServerUrl({ env, isPackaged: false, devBuild: false })).toBeNull();
    expect(devServerUrl({ env: {}, isPackaged: false, devBuild: true })).toBeNull();
  });

  it.each(['http://evil.example:5173', 'file:///tmp/index.html', 'http://user@localhost:5173', 'http://10.0.0.5:5173', 'not a url'])(
    'is never taken from a URL off this machine or of another kind: %s',
    (url) => {
      expect(devServerUrl({ env: { ELECTRON_RENDERER_URL: url }, isPackaged: false, devBuild: true })).toBeNull();
    },
  );

  it('accepts a loopback address', () => {
    expect(devServerUrl({ env: { ELECTRON_RENDERER_URL: 'http://127.0.0.1:5173/' }, isPackaged: false, devBuild: true })).toBe('http://127.0.0.1:5173/');
    expect(devServerUrl({ env: { ELECTRON_RENDERER_URL: 'http://[::1]:5173/' }, isPackaged: false, devBuild: true })).toBe('http://[::1]:5173/');
  });
});

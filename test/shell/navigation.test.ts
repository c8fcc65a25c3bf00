/** The window guards: navigation stays on our origin; new windows never open; only listed https links leave. */
import { describe, expect, it } from 'vitest';
import {
  CONTENT_SECURITY_POLICY,
  EXTERNAL_LINK_HOSTS,
  externalLink,
  navigationAllowed,
  permissionAllowed,
  windowOpenDecision,
} from '../../src-main/shell/navigation';

describe('the navigation guard', () => {
  const prod = { devServerUrl: null };
  const dev = { devServerUrl: 'http://localhost:5173' };

  it('stays on our own origin', () => {
    expect(navigationAllowed('app://ledgerdesk/index.html#/aging', prod)).toBe(true);
    expect(navigationAllowed('http://localhost:5173/', prod)).toBe(false);
    expect(navigationAllowed('http://localhost:5173/', dev)).toBe(true);
  });

  it.each([
    'https://www.ecfr.gov/current/title-12',
    'file:///C:/Windows/System32/',
    'file://server/share/evil.html',
    'javascript:alert(1)',
    'app://evil/index.html',
    'data:text/html,x',
  ])('never navigates the window to %s', (url) => {
    expect(navigationAllowed(url, prod)).toBe(false);
    expect(navigationAllowed(url, dev)).toBe(false);
  });
});

describe('window.open and external links', () => {
  it('opens a listed https page in the browser, never in an Electron window', () => {
    expect(windowOpenDecision('https://www.ecfr.gov/current/title-12/part-1006#p-1006.14(b)(2)')).toEqual({
      action: 'deny',
      openExternally: 'https://www.ecfr.gov/current/title-12/part-1006#p-1006.14(b)(2)',
    });
    for (const host of EXTERNAL_LINK_HOSTS) expect(externalLink(`https://${host}/`)).toBe(`https://${host}/`);
  });

  it.each([
    'http://www.ecfr.gov/',
    'https://www.ecfr.gov.evil.example/',
    'https://evil.example/?https://www.ecfr.gov/',
    'https://user:pw@www.ecfr.gov/',
    'https://www.ecfr.gov:8443/',
    'https://ecfr.gov/',
    'file:///C:/Windows/System32/calc.exe',
    '\\\\server\\share\\setup.exe',
    'smb://server/share',
    'mailto:someone@example.com',
    'ms-msdt:/id PCWDiagnostic',
    'app://ledgerdesk/index.html',
    'javascript:alert(1)',
    '',
  ])('does not open %s at all', (url) => {
    expect(windowOpenDecision(url)).toEqual({ action: 'deny', openExternally: null });
  });
});

describe('the Content Security Policy', () => {
  it("allows the app's own scripts ('self' is app://ledgerdesk) and nothing inline, eval'd or remote", () => {
    const directives = Object.fromEntries(CONTENT_SECURITY_POLICY.split('; ').map((d) => [d.split(' ')[0], d.split(' ').slice(1)]));
    expect(directives['script-src']).toEqual(["'self'"]);
    expect(directives['default-src']).toEqual(["'self'"]);
    expect(directives['object-src']).toEqual(["'none'"]);
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-eval|https?:|\*/);
  });
});

describe('permissions', () => {
  const prod = { devServerUrl: null };
  const dev = { devServerUrl: 'http://localhost:5173' };

  it('our pages may write text to the clipboard (Copy diagnostics), nothing else', () => {
    expect(permissionAllowed('clipboard-sanitized-write', 'app://ledgerdesk/index.html#/about', prod)).toBe(true);
    expect(permissionAllowed('clipboard-sanitized-write', 'app://ledgerdesk', prod)).toBe(true);
    expect(permissionAllowed('clipboard-sanitized-write', 'http://localhost:5173/', dev)).toBe(true);
    for (const p of ['clipboard-read', 'media', 'notifications', 'geolocation', 'openExternal', 'fullscreen'])
      expect(permissionAllowed(p, 'app://ledgerdesk/index.html', prod)).toBe(false);
  });

  it.each(['app://evil/index.html', 'http://localhost:5173/', 'https://www.ecfr.gov/', 'file:///C:/x.html', ''])('never for another origin: %s', (url) => {
    expect(permissionAllowed('clipboard-sanitized-write', url, prod)).toBe(false);
  });
});

import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { chromiumPdfArgs, findChromium, pathToFileUrl } from '../../src-main/print/chromium-cli';

describe('the command line finds a Chromium', () => {
  const only =
    (...files: string[]) =>
    (f: string) =>
      files.includes(f);

  it('uses CHROMIUM_PATH when it exists, and none when it does not (never another one silently)', () => {
    expect(findChromium({ CHROMIUM_PATH: '/opt/c/chrome', PATH: '/usr/bin' }, 'linux', only('/opt/c/chrome', '/usr/bin/chromium'))).toBe('/opt/c/chrome');
    expect(findChromium({ CHROMIUM_PATH: '/opt/c/chrome', PATH: '/usr/bin' }, 'linux', only('/usr/bin/chromium'))).toBeNull();
  });

  it('searches PATH in order of names, then folders (POSIX)', () => {
    const env = { PATH: '/usr/local/bin:/usr/bin' };
    expect(findChromium(env, 'linux', only('/usr/bin/chromium', '/usr/local/bin/google-chrome'))).toBe('/usr/bin/chromium');
    expect(findChromium(env, 'linux', only('/usr/local/bin/google-chrome'))).toBe('/usr/local/bin/google-chrome');
    expect(findChromium(env, 'linux', only())).toBeNull();
    expect(findChromium({}, 'linux', only('/usr/bin/chromium'))).toBeNull();
  });

  it('follows Windows rules: ; between folders, .exe names, Path spelled as Windows does', () => {
    const env = { Path: 'C:\\Windows;C:\\Tools\\Chromium' };
    expect(findChromium(env, 'win32', only('C:\\Tools\\Chromium\\chrome.exe'))).toBe('C:\\Tools\\Chromium\\chrome.exe');
    expect(findChromium(env, 'win32', only('C:\\Tools\\Chromium\\chrome'))).toBeNull();
  });
});

describe('the arguments for one PDF', () => {
  it('prints one page to the file given, headless, with no header or footer and its own profile', () => {
    const args = chromiumPdfArgs('/tmp/x/document.html', '/tmp/x/document.pdf', { isRoot: false, profileDir: '/tmp/x/profile' });
    expect(args).toContain('--headless');
    expect(args).toContain('--no-pdf-header-footer');
    expect(args).toContain('--print-to-pdf=/tmp/x/document.pdf');
    expect(args).toContain('--user-data-dir=/tmp/x/profile');
    expect(args).not.toContain('--no-sandbox');
    expect(args.at(-1)).toBe('file:///tmp/x/document.html');
  });

  it('drops the sandbox only when running as root, where Chromium will not start with it', () => {
    expect(chromiumPdfArgs('/a.html', '/a.pdf', { isRoot: true, profileDir: '/p' })).toContain('--no-sandbox');
  });

  it('makes file URLs from POSIX and Windows paths, escaping what a URL cannot hold', () => {
    expect(pathToFileUrl('/tmp/a b/#1.html')).toBe('file:///tmp/a%20b/%231.html');
    expect(pathToFileUrl('C:\\Users\\Ann Lee\\doc.html')).toBe('file:///C:/Users/Ann%20Lee/doc.html');
    expect(pathToFileUrl(path.posix.join('/x', 'y.html'))).toBe('file:///x/y.html');
  });
});

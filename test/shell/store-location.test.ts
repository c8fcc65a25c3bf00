/** Where the store and its key live on each OS, under that OS's path rules (tested here on Linux). */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { isFullPath, storeLocation } from '../../src-main/shell/store-location';

describe('the default store location', () => {
  it('is under %APPDATA% on Windows (spaces and non-ASCII in the user name)', () => {
    const where = storeLocation({
      platform: 'win32',
      env: { APPDATA: 'C:\\Users\\José Müller\\AppData\\Roaming' },
      home: 'C:\\Users\\José Müller',
      path: path.win32,
    });
    expect(where).toEqual({
      dataDir: 'C:\\Users\\José Müller\\AppData\\Roaming\\Ledgerdesk',
      store: 'C:\\Users\\José Müller\\AppData\\Roaming\\Ledgerdesk\\ledgerdesk.ldk',
      keyFile: 'C:\\Users\\José Müller\\AppData\\Roaming\\Ledgerdesk\\ledgerdesk.ldk.key.json',
      backupsDir: 'C:\\Users\\José Müller\\AppData\\Roaming\\Ledgerdesk\\Backups',
    });
  });

  it('follows a roaming profile on a UNC share, and falls back to the home folder without %APPDATA%', () => {
    const unc = storeLocation({ platform: 'win32', env: { APPDATA: '\\\\profiles\\users$\\amy\\AppData\\Roaming' }, home: 'C:\\Users\\amy', path: path.win32 });
    expect(unc.store).toBe('\\\\profiles\\users$\\amy\\AppData\\Roaming\\Ledgerdesk\\ledgerdesk.ldk');
    const none = storeLocation({ platform: 'win32', env: {}, home: 'C:\\Users\\amy', path: path.win32 });
    expect(none.store).toBe('C:\\Users\\amy\\AppData\\Roaming\\Ledgerdesk\\ledgerdesk.ldk');
    const relative = storeLocation({ platform: 'win32', env: { APPDATA: 'AppData' }, home: 'C:\\Users\\amy', path: path.win32 });
    expect(relative.dataDir).toBe('C:\\Users\\amy\\AppData\\Roaming\\Ledgerdesk');
  });

  it('is under ~/Library/Application Support on macOS', () => {
    const where = storeLocation({ platform: 'darwin', env: {}, home: '/Users/zoë', path: path.posix });
    expect(where.store).toBe('/Users/zoë/Library/Application Support/Ledgerdesk/ledgerdesk.ldk');
    expect(where.keyFile).toBe('/Users/zoë/Library/Application Support/Ledgerdesk/ledgerdesk.ldk.key.json');
  });

  it('is under $XDG_CONFIG_HOME or ~/.config on Linux', () => {
    expect(storeLocation({ platform: 'linux', env: {}, home: '/home/amy', path: path.posix }).dataDir).toBe('/home/amy/.config/Ledgerdesk');
    expect(storeLocation({ platform: 'linux', env: { XDG_CONFIG_HOME: '/data/cfg' }, home: '/home/amy', path: path.posix }).dataDir).toBe(
      '/data/cfg/Ledgerdesk',
    );
    expect(storeLocation({ platform: 'linux', env: { XDG_CONFIG_HOME: 'cfg' }, home: '/home/amy', path: path.posix }).dataDir).toBe(
      '/home/amy/.config/Ledgerdesk',
    );
  });
});

describe('LEDGERDESK_STORE', () => {
  it.each([
    ['D:\\Billing\\office.ldk', 'D:\\Billing\\office.ldk'],
    ['\\\\billing-server\\Ledgerdesk Data\\office.ldk', '\\\\billing-server\\Ledgerdesk Data\\office.ldk'],
    ['\\\\files.office.local\\data\\büro.ldk', '\\\\files.office.local\\data\\büro.ldk'],
    ['C:/Billing/../Billing/office.ldk', 'C:\\Billing\\office.ldk'],
  ])('takes the Windows path %s', (given, store) => {
    const where = storeLocation({
      platform: 'win32',
      env: { APPDATA: 'C:\\Users\\amy\\AppData\\Roaming', LEDGERDESK_STORE: given },
      home: 'C:\\Users\\amy',
      path: path.win32,
    });
    expect(where.store).toBe(store);
    expect(where.keyFile).toBe(`${store}.key.json`);
    expect(where.dataDir).toBe('C:\\Users\\amy\\AppData\\Roaming\\Ledgerdesk');
  });

  it.each(['office.ldk', 'C:office.ldk', '\\office.ldk', '\\\\?\\C:\\office.ldk', '\\\\.\\PhysicalDrive0', 'D:\\Billing\\'])(
    'refuses the Windows path %s, saying what it needs',
    (given) => {
      expect(() => storeLocation({ platform: 'win32', env: { LEDGERDESK_STORE: given }, home: 'C:\\Users\\amy', path: path.win32 })).toThrow(
        /LEDGERDESK_STORE must be the full path of the store file \(e\.g\. C:\\Ledgerdesk\\office\.ldk/,
      );
    },
  );

  it('takes a POSIX full path and refuses a relative one', () => {
    expect(storeLocation({ platform: 'linux', env: { LEDGERDESK_STORE: '/mnt/billing share/office.ldk' }, home: '/home/amy', path: path.posix }).store).toBe(
      '/mnt/billing share/office.ldk',
    );
    expect(() => storeLocation({ platform: 'darwin', env: { LEDGERDESK_STORE: 'office.ldk' }, home: '/Users/amy', path: path.posix })).toThrow(
      /full path .* it is "office\.ldk"/,
    );
  });

  it('treats an empty value as unset', () => {
    expect(storeLocation({ platform: 'linux', env: { LEDGERDESK_STORE: '' }, home: '/home/amy', path: path.posix }).store).toBe(
      '/home/amy/.config/Ledgerdesk/ledgerdesk.ldk',
    );
  });

  it('knows a full path under each OS', () => {
    expect(isFullPath('C:\\x', path.win32)).toBe(true);
    expect(isFullPath('c:/x', path.win32)).toBe(true);
    expect(isFullPath('/x', path.win32)).toBe(false);
    expect(isFullPath('C:\\x', path.posix)).toBe(false);
    expect(isFullPath('/x', path.posix)).toBe(true);
  });
});

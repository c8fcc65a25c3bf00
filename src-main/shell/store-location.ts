/**
 * Where the store, its key file and Electron's own data live on each OS. Pure: the platform, the
 * environment, the home folder and the path rules are passed in, so Windows rules are tested on Linux.
 * The same folder is given to Electron as userData (safeStorage keeps its wrapping key there on
 * Windows and Linux), so the store, its key file and the keychain wrap stay together.
 */
import type { PlatformPath } from 'node:path';
import { keyFilePathFor } from '../keystore/key-file';

export const PRODUCT_NAME = 'Ledgerdesk';
export const STORE_FILE_NAME = 'ledgerdesk.ldk';

export interface StoreLocationInput {
  platform: NodeJS.Platform;
  env: Readonly<Record<string, string | undefined>>;
  home: string;
  path: PlatformPath;
}

export interface StoreLocation {
  /** The app's data folder (Electron's userData). */
  dataDir: string;
  /** The encrypted store. */
  store: string;
  /** `<store>.key.json`: the store key wrapped by the keychain and/or a passphrase. */
  keyFile: string;
  /** The suggested backup folder until an administrator picks another (a network share, usually). */
  backupsDir: string;
}

/** A full path under that OS's rules: a drive letter or UNC share on Windows (not C:foo or \foo), / elsewhere. */
export function isFullPath(p: string, path: PlatformPath): boolean {
  if (path.sep === '\\') return /^[a-zA-Z]:[\\/]/.test(p) || /^[\\/]{2}[^\\/?.][^\\/]*[\\/]+[^\\/]+/.test(p);
  return path.isAbsolute(p);
}

/** Electron's appData folder: %APPDATA%, ~/Library/Application Support, or $XDG_CONFIG_HOME (~/.config). */
export function appDataDir({ platform, env, home, path }: StoreLocationInput): string {
  const fromEnv = (name: string) => {
    const v = env[name];
    return v && isFullPath(v, path) ? v : null;
  };
  if (platform === 'win32') return fromEnv('APPDATA') ?? path.join(home, 'AppData', 'Roaming');
  if (platform === 'darwin') return path.join(home, 'Library', 'Application Support');
  return fromEnv('XDG_CONFIG_HOME') ?? path.join(home, '.config');
}

/**
 * The store is `<appData>/Ledgerdesk/ledgerdesk.ldk` unless LEDGERDESK_STORE names another file (a
 * network share is fine); that must be a full path, so the app never opens a store relative to
 * whatever folder it happened to be started from.
 */
export function storeLocation(input: StoreLocationInput): StoreLocation {
  const { env, path } = input;
  const dataDir = path.join(appDataDir(input), PRODUCT_NAME);
  const override = env.LEDGERDESK_STORE;
  if (override !== undefined && override !== '') {
    const example = path.sep === '\\' ? 'C:\\Ledgerdesk\\office.ldk or \\\\server\\share\\office.ldk' : '/srv/ledgerdesk/office.ldk';
    if (!isFullPath(override, path) || /[\\/]$/.test(override))
      throw new Error(`LEDGERDESK_STORE must be the full path of the store file (e.g. ${example}); it is "${override}".`);
  }
  const store = override ? path.normalize(override) : path.join(dataDir, STORE_FILE_NAME);
  return { dataDir, store, keyFile: keyFilePathFor(store), backupsDir: path.join(dataDir, 'Backups') };
}

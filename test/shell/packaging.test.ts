/**
 * The installer configuration, checked offline with electron-builder's own code: its loader reads
 * electron-builder.yml as `npm run dist` would, its schema validation accepts it, and its file matchers
 * say which files ship, which are unpacked from app.asar, and that the fuses are as intended.
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { Configuration, PlatformSpecificBuildOptions } from 'electron-builder';
import { beforeAll, describe, expect, it } from 'vitest';

// electron-builder's internals, loaded from where electron-builder itself finds them.
const fromBuilder = createRequire(createRequire(import.meta.url).resolve('electron-builder'));
const fromLib = createRequire(fromBuilder.resolve('app-builder-lib'));
type Filter = (file: string, stat: { isDirectory(): boolean; moduleFullFilePath?: string }) => boolean;
interface Matcher {
  createFilter(): Filter;
}
const { getConfig, validateConfiguration } = fromLib('app-builder-lib/out/util/config/config') as {
  getConfig(projectDir: string, configPath: string | null, configFromOptions: Configuration | null): Promise<Configuration>;
  validateConfiguration(config: Configuration, debugLogger: unknown): Promise<void>;
};
const { getFileMatchers, getNodeModuleFileMatcher } = fromLib('app-builder-lib/out/fileMatcher') as {
  getFileMatchers(config: Configuration, name: 'asarUnpack', destination: string, options: object): Matcher[] | null;
  getNodeModuleFileMatcher(
    appDir: string,
    destination: string,
    expand: (s: string) => string,
    options: PlatformSpecificBuildOptions,
    packager: object,
  ): Matcher;
};
const { DebugLogger } = fromLib('builder-util') as { DebugLogger: new (enabled: boolean) => unknown };

const root = path.resolve(import.meta.dirname, '../..');
const sqlite = 'node_modules/better-sqlite3-multiple-ciphers';
const platforms = { win: 'win32', mac: 'darwin', linux: 'linux' } as const;
const quiet = { isEnabled: false };

let config: Configuration;
beforeAll(async () => {
  config = await getConfig(root, null, null);
});

const fileStat = (rel: string) => ({ isDirectory: () => false, moduleFullFilePath: rel });
/** Does this file (relative to the project) go into the package built for `os`? */
function ships(os: keyof typeof platforms, rel: string): boolean {
  const matcher = getNodeModuleFileMatcher(root, '/app', (s) => s, config[os] ?? {}, { config, debugLogger: quiet });
  return matcher.createFilter()(path.join(root, rel), fileStat(rel));
}
/** Is this file unpacked from app.asar in the package built for `os`? */
function unpacked(os: keyof typeof platforms, rel: string): boolean {
  const [matcher] =
    getFileMatchers(config, 'asarUnpack', '/app', {
      macroExpander: (s: string) => s,
      customBuildOptions: config[os] ?? {},
      globalOutDir: path.join(root, 'dist'),
      defaultSrc: root,
    }) ?? [];
  return matcher?.createFilter()(path.join(root, rel), fileStat(rel)) ?? false;
}

describe('electron-builder.yml', () => {
  it("is found by electron-builder's loader and passes its schema validation", async () => {
    expect(JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')).build).toBeUndefined(); // one source of configuration
    expect(config.appId).toBe('com.ledgerdesk.app');
    expect(config.productName).toBe('Ledgerdesk');
    await expect(validateConfiguration(config, new DebugLogger(false))).resolves.toBeUndefined();
  });

  it('is really validated: a misspelled fuse or a wrong type is refused', async () => {
    const typo = { ...config, electronFuses: { ...config.electronFuses, runAsNod: false } } as Configuration;
    await expect(validateConfiguration(typo, new DebugLogger(false))).rejects.toThrow(/configuration\.electronFuses should be/);
    const wrong = { ...config, nsis: { ...config.nsis, perMachine: 'maybe' } } as unknown as Configuration;
    await expect(validateConfiguration(wrong, new DebugLogger(false))).rejects.toThrow(/configuration\.nsis\.perMachine should be a boolean/);
  });

  it('sets the fuses at packaging', () => {
    expect(config.electronFuses).toEqual({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      onlyLoadAppFromAsar: true,
      enableEmbeddedAsarIntegrityValidation: true,
      enableCookieEncryption: true,
      grantFileProtocolExtraPrivileges: false,
    });
  });

  it('builds NSIS per user without admin rights and an MSI on Windows, a signed-ready DMG on macOS, AppImage and deb on Linux', () => {
    const targets = (os: keyof typeof platforms) => ((config[os]?.target ?? []) as { target: string }[]).map((t) => t.target);
    expect(targets('win')).toEqual(['nsis', 'msi']);
    expect(config.nsis).toMatchObject({ oneClick: false, perMachine: false, allowElevation: false, deleteAppDataOnUninstall: false });
    expect(config.msi).toMatchObject({ perMachine: true });
    expect(targets('mac')).toEqual(['dmg']);
    expect(config.mac).toMatchObject({ hardenedRuntime: true, gatekeeperAssess: false, entitlements: 'resources/entitlements.mac.plist' });
    expect(fs.readFileSync(path.join(root, 'resources/entitlements.mac.plist'), 'utf8')).toContain('<key>com.apple.security.cs.allow-jit</key>');
    expect(targets('linux')).toEqual(['AppImage', 'deb']);
    expect(config.linux).toMatchObject({ category: 'Office' });
    expect(config.linux?.maintainer).toMatch(/<.+@.+>/); // deb needs a maintainer with an e-mail
  });

  it('ships the default letter templates beside app.asar, where the backend looks for them', () => {
    expect(config.extraResources).toEqual([{ from: 'resources/letter-templates', to: 'letter-templates' }]);
    expect(fs.existsSync(path.join(root, 'resources/letter-templates/templates.json'))).toBe(true);
  });

  it('names every installer with the version', () => {
    for (const name of [config.artifactName, config.nsis?.artifactName, config.msi?.artifactName, config.dmg?.artifactName])
      expect(name).toMatch(/\$\{version\}/);
  });

  it('takes real icons from resources/', () => {
    const png = fs.readFileSync(path.join(root, 'resources/icon.png'));
    expect(png.subarray(1, 4).toString()).toBe('PNG');
    expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([1024, 1024]);
    const ico = fs.readFileSync(path.join(root, 'resources/icon.ico'));
    const sizes = Array.from({ length: ico.readUInt16LE(4) }, (_, i) => ico[6 + i * 16] || 256);
    expect(sizes).toContain(256);
    expect(fs.readFileSync(path.join(root, 'resources/icon.icns')).includes(Buffer.from('ic10'))).toBe(true); // 1024 px for Retina
    expect([config.win?.icon, config.mac?.icon, config.linux?.icon]).toEqual(['resources/icon.ico', 'resources/icon.icns', 'resources/icon.png']);
  });
});

describe('what ships and what is unpacked from app.asar', () => {
  const prebuilds = fs.readdirSync(path.join(root, sqlite, 'prebuilds')).filter((f) => f.endsWith('.node'));

  it("relies on the native module's Node-API binaries, so nothing is rebuilt for Electron", () => {
    expect(config.npmRebuild).toBe(false);
    expect(fs.readFileSync(path.join(root, sqlite, 'binding.gyp'), 'utf8')).toMatch(/NAPI_VERSION=/);
  });

  it.each(Object.keys(platforms) as (keyof typeof platforms)[])('%s: ships and unpacks its own SQLite binaries, and only those', (os) => {
    const own = prebuilds.filter((f) => f.startsWith(`${platforms[os]}-`) || (os === 'linux' && f.startsWith('linuxmusl-')));
    expect(own.length).toBeGreaterThan(0);
    for (const f of prebuilds) {
      const rel = `${sqlite}/prebuilds/${f}`;
      expect({ f, ships: ships(os, rel) }).toEqual({ f, ships: own.includes(f) });
      expect({ f, unpacked: unpacked(os, rel) }).toEqual({ f, unpacked: true });
    }
    expect(unpacked(os, `${sqlite}/lib/index.js`)).toBe(false);
    expect(unpacked(os, 'out/main/index.js')).toBe(false);
    expect(ships(os, `${sqlite}/lib/database.js`)).toBe(true);
    expect(ships(os, `${sqlite}/deps/sqlite3/sqlite3.c`)).toBe(false);
    expect(ships(os, `${sqlite}/src/better_sqlite3.cpp`)).toBe(false);
  });

  it('leaves out the renderer packages Vite bundles, but never a package main or the worker loads', () => {
    expect(config.files).toEqual([{ filter: expect.arrayContaining(['out/**', 'package.json']) }]); // the loader normalizes to one file set
    for (const os of Object.keys(platforms) as (keyof typeof platforms)[]) {
      expect(ships(os, 'node_modules/@tabler/icons-react/dist/index.mjs')).toBe(false);
      expect(ships(os, 'node_modules/react-dom/index.js')).toBe(false);
      for (const pkg of bareImports(['src-main', 'src-shared']))
        expect({ os, pkg, ships: ships(os, `node_modules/${pkg}/package.json`) }).toEqual({ os, pkg, ships: true });
    }
  });
});

/** Packages imported by code that ends up in main, the worker or the preload (type-only imports aside). */
function bareImports(dirs: string[]): string[] {
  const found = new Set<string>();
  const walk = (dir: string) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (/\.tsx?$/.test(e.name) && !e.name.endsWith('.d.ts')) {
        for (const m of fs.readFileSync(p, 'utf8').matchAll(/^import (?!type )[^;]*? from '([^'.][^']*)'/gm)) {
          const spec = m[1];
          if (spec.startsWith('node:') || spec.startsWith('@shared/') || spec === 'electron') continue;
          found.add(spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0]);
        }
      }
    }
  };
  for (const d of dirs) walk(path.join(root, d));
  expect(found.size).toBeGreaterThan(3);
  return [...found].sort();
}

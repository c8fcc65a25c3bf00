import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawn } from 'node:child_process';
import { build } from 'vite';

/**
 * The CLI bundled as `electron-vite build` bundles it (src-main/cli.ts, dependencies external but
 * kysely and zod, CommonJS), into a folder of its own: vitest runs before the app's build in CI, so
 * these tests cannot use out/main, and building only the CLI takes a few seconds.
 */
export async function buildCli(): Promise<string> {
  const root = path.resolve(__dirname, '../..');
  const outDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ledgerdesk-cli-bundle-'));
  await build({
    configFile: false,
    root,
    logLevel: 'warn',
    resolve: { alias: { '@shared': path.join(root, 'src-shared') } },
    ssr: { noExternal: ['kysely', 'zod'] },
    build: {
      ssr: path.join(root, 'src-main/cli.ts'),
      outDir,
      emptyOutDir: true,
      minify: false,
      target: 'node22',
      rollupOptions: { output: { format: 'cjs', entryFileNames: '[name].js', chunkFileNames: 'chunks/[name]-[hash].js' } },
    },
  });
  // Beside the bundle, a package.json saying CommonJS, and node_modules reached through the repository's.
  fs.writeFileSync(path.join(outDir, 'package.json'), '{ "type": "commonjs" }\n');
  fs.symlinkSync(path.join(root, 'node_modules'), path.join(outDir, 'node_modules'), 'dir');
  return path.join(outDir, 'cli.js');
}

export interface Run {
  code: number | null;
  stdout: Buffer;
  stderr: string;
}

/** The bundled CLI as a child process; stdout read whole from its pipe. */
export function runBuilt(cli: string, args: string[], env: Record<string, string> = {}): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [cli, ...args], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (b: Buffer) => out.push(b));
    child.stderr.on('data', (b: Buffer) => err.push(b));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout: Buffer.concat(out), stderr: Buffer.concat(err).toString('utf8') }));
  });
}

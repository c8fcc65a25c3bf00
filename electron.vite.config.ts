import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import react from '@vitejs/plugin-react';

const alias = { '@shared': resolve(__dirname, 'src-shared') };

export default defineConfig({
  main: {
    resolve: { alias },
    build: {
      outDir: 'out/main',
      // Bundled rather than loaded file by file from node_modules (kysely alone is ~300 ESM files):
      // the command line (and the app) start hundreds of milliseconds sooner.
      externalizeDeps: { exclude: ['kysely', 'zod'] },
      rollupOptions: {
        // The backend runs in its own worker thread so a long report never freezes windows or menus.
        // Backups copy and verify in a thread of their own, so postings go on meanwhile; reports likewise.
        input: {
          index: resolve(__dirname, 'src-main/index.ts'),
          worker: resolve(__dirname, 'src-main/backend/worker.ts'),
          'backup-thread': resolve(__dirname, 'src-main/backend/services/backup/thread.ts'),
          'report-thread': resolve(__dirname, 'src-main/backend/services/reports/thread.ts'),
          // The command line, run with plain Node (bin/ledgerdesk.cjs): built here so it starts without compiling.
          cli: resolve(__dirname, 'src-main/cli.ts'),
        },
      },
    },
  },
  preload: {
    resolve: { alias },
    build: {
      outDir: 'out/preload',
      // A sandboxed preload can only require 'electron': bundle everything else into one CommonJS file.
      externalizeDeps: false,
      rollupOptions: {
        input: { index: resolve(__dirname, 'src-main/preload/index.ts') },
        external: ['electron'],
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: resolve(__dirname, 'src-renderer'),
    resolve: { alias },
    plugins: [react()],
    base: './',
    build: {
      outDir: resolve(__dirname, 'out/renderer'),
      chunkSizeWarningLimit: 3000,
      rollupOptions: { input: resolve(__dirname, 'src-renderer/index.html') },
    },
  },
});

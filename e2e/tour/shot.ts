/**
 * Tour screenshots. They go to docs/tour only when the tour is run for that purpose (`npm run tour`, or
 * LEDGERDESK_TOUR=1 by hand); inside `npm test` the tour still runs its steps and assertions, and its
 * screenshots go to the test's own output folder (test-results/, ignored), so a test run never rewrites
 * tracked files. npm names the running script in npm_lifecycle_event on every OS, which spares the
 * script an environment-variable syntax that Windows shells do not read.
 */
import path from 'node:path';
import { test, type Page } from '@playwright/test';

export function writesDocs(env: NodeJS.ProcessEnv = process.env): boolean {
  return env.LEDGERDESK_TOUR === '1' || env.npm_lifecycle_event === 'tour';
}

/** The file a tour screenshot named `name` is written to. */
export function shotPath(name: string, env: NodeJS.ProcessEnv = process.env): string {
  const file = `${name}.png`;
  return writesDocs(env) ? path.resolve(__dirname, '../../docs/tour', file) : test.info().outputPath(file);
}

export const shot = (page: Page, name: string) => page.screenshot({ path: shotPath(name) });

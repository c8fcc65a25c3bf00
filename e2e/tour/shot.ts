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

/** The smallest office desktop the screens must fit: each shot is taken again at this size. */
export const smallScreen = { width: 1280, height: 800 } as const;

/**
 * A screenshot at the page's own viewport (docs/tour/NAME.png) and again at 1280x800
 * (docs/tour/1280x800/NAME.png), so a reviewer sees what a clerk on a small desktop sees; the page is
 * put back to its size afterwards.
 */
export async function screenshots(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: shotPath(name) });
  const size = page.viewportSize();
  await page.setViewportSize(smallScreen);
  // Two frames: the resize lays the page out again before it is drawn.
  await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));
  await page.screenshot({ path: shotPath(`${smallScreen.width}x${smallScreen.height}/${name}`) });
  if (size) await page.setViewportSize(size);
}

export const shot = (page: Page, name: string) => screenshots(page, name);

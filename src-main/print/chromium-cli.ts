/**
 * PDFs from the command line, where there is no Electron window and no Playwright: a headless
 * Chromium run once per document with `--print-to-pdf` over the same HTML the app renders. The page
 * sets its own size (`@page`, zero margins) and runs no script (its CSP forbids it). Which Chromium, and with which arguments, are plain functions (tested).
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DomainError } from '../backend/errors';

/** Names a Chromium goes by on PATH, most specific first. */
export const CHROMIUM_NAMES = ['chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable', 'chrome'] as const;

/**
 * The Chromium to use: CHROMIUM_PATH when set (it must exist), else the first of CHROMIUM_NAMES found
 * on PATH; null when there is none. `exists` and `pathApi` are passed so Windows rules test on Linux.
 */
export function findChromium(
  env: Record<string, string | undefined>,
  platform: NodeJS.Platform,
  exists: (file: string) => boolean,
  pathApi: typeof path.posix = platform === 'win32' ? path.win32 : path.posix,
): string | null {
  const given = env.CHROMIUM_PATH?.trim();
  if (given) return exists(given) ? given : null;
  const dirs = (env.PATH ?? env.Path ?? '').split(pathApi.delimiter).filter(Boolean);
  const suffixes = platform === 'win32' ? ['.exe'] : [''];
  for (const name of CHROMIUM_NAMES)
    for (const dir of dirs)
      for (const s of suffixes) {
        const file = pathApi.join(dir, name + s);
        if (exists(file)) return file;
      }
  return null;
}

/**
 * The arguments for one PDF. `--no-sandbox` only when running as root, where Chromium refuses to start
 * with its sandbox (containers, CI); no header or footer (the page is the document). Scripts are kept
 * out by the page's own CSP: `--blink-settings=scriptEnabled=false` makes headless Chromium 156 write
 * no PDF at all when a profile folder is given (tried), so it is not used.
 */
export function chromiumPdfArgs(htmlFile: string, pdfFile: string, opts: { isRoot: boolean; profileDir: string }): string[] {
  return [
    '--headless',
    '--disable-gpu',
    '--no-first-run',
    '--no-default-browser-check',
    '--disable-extensions',
    `--user-data-dir=${opts.profileDir}`,
    ...(opts.isRoot ? ['--no-sandbox'] : []),
    '--no-pdf-header-footer',
    `--print-to-pdf=${pdfFile}`,
    pathToFileUrl(htmlFile),
  ];
}

/** A file:// URL for a local path, POSIX or Windows (C:\a b\x.html -> file:///C:/a%20b/x.html). */
export function pathToFileUrl(file: string): string {
  const slashed = file.replace(/\\/g, '/');
  const withRoot = slashed.startsWith('/') ? slashed : `/${slashed}`;
  return `file://${withRoot
    .split('/')
    .map(encodeURIComponent)
    .join('/')
    .replace(/^\/([A-Za-z])%3A/, '/$1:')}`;
}

/** Renders one page to PDF bytes with the Chromium found (RENDER_FAILED, saying why, when there is none or it fails). */
export async function renderWithChromiumCli(html: string, chromium: string | null, timeoutMs = 60_000): Promise<Uint8Array> {
  if (!chromium)
    throw new DomainError('RENDER_FAILED', `No Chromium was found to make the PDF: set CHROMIUM_PATH, or put one of ${CHROMIUM_NAMES.join(', ')} on PATH.`);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ledgerdesk-pdf-'));
  try {
    const htmlFile = path.join(dir, 'document.html');
    const pdfFile = path.join(dir, 'document.pdf');
    fs.writeFileSync(htmlFile, html);
    const args = chromiumPdfArgs(htmlFile, pdfFile, { isRoot: process.getuid?.() === 0, profileDir: path.join(dir, 'profile') });
    await new Promise<void>((resolve, reject) => {
      execFile(chromium, args, { timeout: timeoutMs }, (err, _stdout, stderr) => {
        if (err)
          reject(new DomainError('RENDER_FAILED', `Chromium (${chromium}) could not make the PDF: ${String(stderr).trim().split('\n').pop() || err.message}`));
        else resolve();
      });
    });
    const bytes = fs.existsSync(pdfFile) ? fs.readFileSync(pdfFile) : Buffer.alloc(0);
    if (bytes.subarray(0, 5).toString('latin1') !== '%PDF-') throw new DomainError('RENDER_FAILED', `Chromium (${chromium}) wrote no PDF.`);
    return new Uint8Array(bytes);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

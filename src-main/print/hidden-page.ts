/**
 * The hidden window main renders and prints documents in: show false, sandboxed, context-isolated, no
 * Node, no JavaScript, on its own in-memory session whose every request is refused except the job's
 * own page, served from memory through a scheme on that session (no size limit as a data: URL has,
 * no file written). One window, one page at a time; it is made on first use (after app ready).
 */
import { randomUUID } from 'node:crypto';
import { BrowserWindow, session, type Session, type WebContents } from 'electron';
import { allowedInPrintWindow, PRINT_PAGE_CSP, PRINT_PAGE_SCHEME, printPageToken, printPageUrl } from './electron-print-text';

/** The hidden windows, so that main never takes one for its own window (focus, the last window closed). */
const hiddenWindows = new WeakSet<BrowserWindow>();
export const isHiddenPageWindow = (win: BrowserWindow) => hiddenWindows.has(win);

/** An idle hidden window is closed after this long: it holds a renderer process, and keeps the app from quitting. */
const IDLE_MS = 60_000;

export class HiddenPage {
  private readonly pages = new Map<string, string>();
  private ses: Session | null = null;
  private win: BrowserWindow | null = null;
  private queue: Promise<unknown> = Promise.resolve();
  private pending = 0;
  private idle: NodeJS.Timeout | null = null;

  private session(): Session {
    if (this.ses) return this.ses;
    // No "persist:" prefix: the partition lives in memory only and is gone when the app quits.
    const ses = session.fromPartition(`ledgerdesk-print-${randomUUID()}`, { cache: false });
    ses.protocol.handle(PRINT_PAGE_SCHEME, (request) => {
      const token = printPageToken(request.url);
      const html = token ? this.pages.get(token) : undefined;
      if (html === undefined) return new Response('Not found', { status: 404 });
      return new Response(html, { headers: { 'content-type': 'text/html; charset=utf-8', 'content-security-policy': PRINT_PAGE_CSP } });
    });
    ses.webRequest.onBeforeRequest((details, callback) => callback({ cancel: !allowedInPrintWindow(details.url) }));
    ses.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
    ses.setPermissionCheckHandler(() => false);
    this.ses = ses;
    return ses;
  }

  private window(): BrowserWindow {
    if (this.win && !this.win.isDestroyed()) return this.win;
    const win = new BrowserWindow({
      show: false,
      width: 816,
      height: 1056,
      webPreferences: {
        session: this.session(),
        sandbox: true,
        contextIsolation: true,
        nodeIntegration: false,
        javascript: false,
        webSecurity: true,
        spellcheck: false,
        devTools: false,
      },
    });
    win.webContents.setWindowOpenHandler(() => ({ action: 'deny' }));
    win.webContents.on('will-navigate', (event) => event.preventDefault());
    hiddenWindows.add(win);
    this.win = win;
    return win;
  }

  /** Loads `html` as the window's page, runs `use` on it, then forgets the page. One at a time. */
  with<T>(html: string, use: (contents: WebContents) => Promise<T>): Promise<T> {
    this.pending++;
    if (this.idle) clearTimeout(this.idle);
    this.idle = null;
    const run = this.queue.then(async () => {
      const win = this.window();
      const token = randomUUID();
      this.pages.set(token, html);
      try {
        await win.loadURL(printPageUrl(token));
        return await use(win.webContents);
      } finally {
        this.pages.delete(token);
      }
    });
    this.queue = run
      .catch(() => undefined)
      .then(() => {
        if (--this.pending === 0) this.idle = setTimeout(() => this.destroyWindow(), IDLE_MS);
      });
    return run;
  }

  private destroyWindow(): void {
    if (this.idle) clearTimeout(this.idle);
    this.idle = null;
    if (this.win && !this.win.isDestroyed()) this.win.destroy();
    this.win = null;
  }

  /** The window's webContents, for asking about printers. */
  contents(): WebContents {
    return this.window().webContents;
  }

  /** Waits for the page in use, then closes the window (a later use opens a new one). */
  async close(): Promise<void> {
    await this.queue;
    this.destroyWindow();
  }
}

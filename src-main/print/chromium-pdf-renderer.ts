/**
 * PdfRenderer over Debian's Chromium driven by Playwright: where no Electron binary runs (tests, the
 * e2e bridge, the bench). Same engine as Electron's printToPDF, same options: explicit paper size in
 * inches, zero margins, backgrounds, no script, every request refused.
 *
 * One browser, launched on first use, and a few pages reused from one document to the next: a fresh
 * context per document cost ~5x more (measured ~470 ms against ~70-100 ms a document), and with no
 * script and no requests nothing carries over (setContent replaces the whole document). Two pages
 * render side by side by default: Chromium lays out one while Node and the browser move the other's
 * PDF (measured 1.3-1.6x faster than one at a time on 2 busy cores).
 */
import type { PaperSize } from '@shared/domain/documents';
import { type Browser, chromium, type Page } from 'playwright-core';
import { paperInches } from '../shell/print-options';
import type { PdfRenderer } from './pdf-renderer';

export class ChromiumPdfRenderer implements PdfRenderer {
  private browser: Promise<Browser> | null = null;
  private readonly idle: Page[] = [];
  private open = 0;
  private readonly waiting: (() => void)[] = [];
  private readonly running = new Set<Promise<unknown>>();

  constructor(
    private readonly executablePath: string = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    /** Documents rendered at once, each on its own page. */
    readonly parallel = 2,
  ) {}

  private launch(): Promise<Browser> {
    if (!this.browser) {
      const launching = chromium.launch({ executablePath: this.executablePath });
      // A failed launch is not kept: the next render tries again.
      launching.catch(() => {
        if (this.browser === launching) this.browser = null;
      });
      this.browser = launching;
    }
    return this.browser;
  }

  private async newPage(): Promise<Page> {
    const context = await (await this.launch()).newContext({ javaScriptEnabled: false });
    // Documents are self-contained (images are data URLs): anything the page would fetch is refused.
    await context.route('**/*', (route) => route.abort('blockedbyclient'));
    return context.newPage();
  }

  private async acquire(): Promise<Page> {
    for (;;) {
      const page = this.idle.pop();
      if (page) return page;
      if (this.open < this.parallel) {
        this.open++;
        try {
          return await this.newPage();
        } catch (err) {
          this.open--;
          this.waiting.shift()?.();
          throw err;
        }
      }
      await new Promise<void>((resolve) => this.waiting.push(resolve));
    }
  }

  /** A page that failed is closed, not reused: the next render opens a new one. */
  private release(page: Page, failed: boolean): void {
    if (failed) {
      this.open--;
      void page
        .context()
        .close()
        .catch(() => undefined);
    } else this.idle.push(page);
    this.waiting.shift()?.();
  }

  render(html: string, paper: PaperSize): Promise<Uint8Array> {
    const size = paperInches(paper); // the same inches as Electron's printToPDF (../shell/print-options.ts)
    const run = (async () => {
      const page = await this.acquire();
      let failed = true;
      try {
        await page.setContent(html, { waitUntil: 'load' });
        const pdf = await page.pdf({
          width: `${size.width}in`,
          height: `${size.height}in`,
          margin: { top: '0', right: '0', bottom: '0', left: '0' },
          printBackground: true,
          preferCSSPageSize: false,
        });
        failed = false;
        return new Uint8Array(pdf.buffer, pdf.byteOffset, pdf.byteLength);
      } finally {
        this.release(page, failed);
      }
    })();
    const tracked = run.catch(() => undefined);
    this.running.add(tracked);
    void tracked.then(() => this.running.delete(tracked));
    return run;
  }

  async close(): Promise<void> {
    await Promise.all(this.running);
    const browser = this.browser;
    this.browser = null;
    this.idle.length = 0;
    this.open = 0;
    if (browser) await (await browser.catch(() => null))?.close();
  }
}

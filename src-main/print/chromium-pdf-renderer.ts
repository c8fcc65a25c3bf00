/**
 * PdfRenderer over Debian's Chromium driven by Playwright: where no Electron binary runs (tests, the
 * e2e bridge, the bench). Same engine as Electron's printToPDF, same options: explicit paper size in
 * inches, zero margins, backgrounds, no script, every request refused. One browser and one page are
 * made on first use and reused, renders one at a time: a fresh context per document costs ~5x more
 * (measured ~470 ms against ~50-100 ms a page), and with no script and no requests nothing carries
 * from one document to the next (setContent replaces the whole document).
 */
import type { PaperSize } from '@shared/domain/documents';
import { type Browser, chromium, type Page } from 'playwright-core';
import { paperInches } from '../shell/print-options';
import type { PdfRenderer } from './pdf-renderer';

export class ChromiumPdfRenderer implements PdfRenderer {
  private browser: Browser | null = null;
  private page: Page | null = null;
  /** Renders run one after another on the one page. */
  private queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly executablePath: string = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium') {}

  private async openPage(): Promise<Page> {
    if (this.page && !this.page.isClosed()) return this.page;
    this.browser ??= await chromium.launch({ executablePath: this.executablePath });
    const context = await this.browser.newContext({ javaScriptEnabled: false });
    // Documents are self-contained (images are data URLs): anything the page would fetch is refused.
    await context.route('**/*', (route) => route.abort('blockedbyclient'));
    this.page = await context.newPage();
    return this.page;
  }

  render(html: string, paper: PaperSize): Promise<Uint8Array> {
    const size = paperInches(paper); // the same inches as Electron's printToPDF (../shell/print-options.ts)
    const run = this.queue.then(async () => {
      const page = await this.openPage();
      try {
        await page.setContent(html, { waitUntil: 'load' });
        const pdf = await page.pdf({
          width: `${size.width}in`,
          height: `${size.height}in`,
          margin: { top: '0', right: '0', bottom: '0', left: '0' },
          printBackground: true,
          preferCSSPageSize: false,
        });
        return new Uint8Array(pdf.buffer, pdf.byteOffset, pdf.byteLength);
      } catch (err) {
        // A page that failed is not reused: the next render starts from a new one.
        this.page = null;
        await page
          .context()
          .close()
          .catch(() => undefined);
        throw err;
      }
    });
    this.queue = run.catch(() => undefined);
    return run;
  }

  async close(): Promise<void> {
    await this.queue;
    const browser = this.browser;
    this.browser = null;
    this.page = null;
    await browser?.close();
  }
}

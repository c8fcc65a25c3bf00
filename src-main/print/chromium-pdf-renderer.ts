/**
 * PdfRenderer over Debian's Chromium driven by Playwright: where no Electron binary runs (tests, the
 * e2e bridge, the bench). Same engine as Electron's printToPDF, same options: explicit paper size in
 * inches, zero margins, backgrounds, no script. One browser is launched on first use and reused; each
 * render gets its own context so nothing (cache, storage) carries from one document to the next.
 */
import type { PaperSize } from '@shared/domain/documents';
import { type Browser, chromium } from 'playwright-core';
import type { PdfRenderer } from './pdf-renderer';

/** Paper sizes in inches as Chromium's PDF writer takes them (Letter 8.5x11 in = 612x792 pt). */
export const PAPER_INCHES: Record<PaperSize, { width: number; height: number }> = {
  Letter: { width: 8.5, height: 11 },
  A4: { width: 210 / 25.4, height: 297 / 25.4 },
};

export class ChromiumPdfRenderer implements PdfRenderer {
  private browser: Promise<Browser> | null = null;

  constructor(private readonly executablePath: string = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium') {}

  private launch(): Promise<Browser> {
    if (!this.browser) {
      const launching = chromium.launch({ executablePath: this.executablePath });
      // A failed launch is not cached: the next render tries again.
      launching.catch(() => {
        if (this.browser === launching) this.browser = null;
      });
      this.browser = launching;
    }
    return this.browser;
  }

  async render(html: string, paper: PaperSize): Promise<Uint8Array> {
    const size = PAPER_INCHES[paper];
    if (!size) throw new RangeError(`Paper "${paper}" is not one of Letter, A4.`);
    const browser = await this.launch();
    const context = await browser.newContext({ javaScriptEnabled: false });
    try {
      // Documents are self-contained: any request the page would make is refused.
      await context.route('**/*', (route) => route.abort('blockedbyclient'));
      const page = await context.newPage();
      await page.setContent(html, { waitUntil: 'load' });
      const pdf = await page.pdf({
        width: `${size.width}in`,
        height: `${size.height}in`,
        margin: { top: '0', right: '0', bottom: '0', left: '0' },
        printBackground: true,
        preferCSSPageSize: false,
      });
      return new Uint8Array(pdf.buffer, pdf.byteOffset, pdf.byteLength);
    } finally {
      await context.close();
    }
  }

  async close(): Promise<void> {
    const browser = this.browser;
    this.browser = null;
    if (browser) await (await browser.catch(() => null))?.close();
  }
}

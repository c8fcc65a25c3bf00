/**
 * PdfRenderer in the app: Electron's printToPDF of the document in the hidden, script-free window
 * (./hidden-page.ts), on the document's paper with no margins (its CSS places everything). The same
 * inches as ChromiumPdfRenderer, from ../shell/print-options.ts.
 */
import type { PaperSize } from '@shared/domain/documents';
import { documentPageSetup, printOptions } from '../shell/print-options';
import type { HiddenPage } from './hidden-page';
import type { PdfRenderer } from './pdf-renderer';

export class ElectronPdfRenderer implements PdfRenderer {
  constructor(private readonly page: HiddenPage) {}

  render(html: string, paper: PaperSize): Promise<Uint8Array> {
    const { pdf } = printOptions(documentPageSetup(paper));
    return this.page.with(html, async (contents) => {
      const bytes = await contents.printToPDF(pdf);
      return new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    });
  }

  close(): Promise<void> {
    return this.page.close();
  }
}

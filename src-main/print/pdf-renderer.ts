/**
 * The one step between a built document and its PDF: HTML in, PDF bytes out. Two implementations
 * render the very same HTML: Electron's hidden, script-free window in the app (electron-pdf-renderer.ts)
 * and Chromium driven by Playwright where no Electron binary exists (chromium-pdf-renderer.ts: tests,
 * the e2e bridge, the bench). Everything before (gate, builders) and after (print, archive, email) is
 * the shipped code either way.
 */
import type { PaperSize } from '@shared/domain/documents';

export interface PdfRenderer {
  /** How many renders it runs at once (default 1): a job keeps that many documents in flight. */
  readonly parallel?: number;
  /** Renders one self-contained page (no script runs) on `paper` with zero margins: the page's CSS places everything. */
  render(html: string, paper: PaperSize): Promise<Uint8Array>;
  close(): Promise<void>;
}

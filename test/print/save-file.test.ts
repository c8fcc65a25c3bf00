/** Saved PDFs: one file name on every system, written whole. */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { folderSaver, safePdfName, writeArchivedCopy } from '../../src-main/print/save-file';
import { tempDir } from '../support/store';

describe('file names', () => {
  it('keeps a document name, ends in .pdf, and never names a folder or a character Windows refuses', () => {
    expect(safePdfName('Invoice INV-000123.pdf')).toBe('Invoice INV-000123.pdf');
    expect(safePdfName('Receipt R-7')).toBe('Receipt R-7.pdf');
    expect(safePdfName('../../etc/passwd')).toBe('-..-etc-passwd.pdf');
    expect(safePdfName('a\\b:c*d?"e<f>g|h\u0001.PDF')).toBe('a-b-c-d--e-f-g-h-.pdf');
    expect(safePdfName('  ..  ')).toBe('document.pdf');
    expect(safePdfName(`${'x'.repeat(300)}.pdf`)).toHaveLength(200 + 4);
  });
});

describe('writing', () => {
  it('saves into the folder under the safe name, whole, with no temporary file left', async () => {
    const dir = tempDir();
    const saved: string[] = [];
    const bytes = new Uint8Array([37, 80, 68, 70, 45, 49, 46, 55]);
    const r = await folderSaver(dir, saved).save('Invoice/INV-1.pdf', bytes);
    expect(r).toEqual({ destination: path.join(dir, 'Invoice-INV-1.pdf') });
    expect(saved).toEqual([r?.destination]);
    expect(fs.readdirSync(dir)).toEqual(['Invoice-INV-1.pdf']);
    expect(fs.readFileSync(r?.destination as string).equals(Buffer.from(bytes))).toBe(true);
  });

  it("an archived copy goes into its own private folder under the document's name", () => {
    const root = tempDir();
    const file = writeArchivedCopy('Invoice INV-9.pdf', new Uint8Array([1, 2, 3]), root);
    expect(path.basename(file)).toBe('Invoice INV-9.pdf');
    expect(path.dirname(path.dirname(file))).toBe(root);
    expect(fs.statSync(file).mode & 0o077).toBe(0);
  });
});

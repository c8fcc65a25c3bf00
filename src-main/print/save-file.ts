/**
 * Writing a PDF to disk: the save dialog's file (main), a folder (the e2e bridge, tests) and the
 * temporary copy of an archived PDF that the system's viewer opens. Always whole or not at all: the
 * bytes go to a temporary name, are synced and renamed into place.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { writeFileDurably } from '../backend/services/backup/files';
import type { Saver } from './deliver';

/** A file name that is one name on every system: no folders, no characters Windows refuses, ends in .pdf. */
export function safePdfName(name: string): string {
  const cleaned = name
    // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is removed.
    .replace(/[\u0000-\u001f<>:"/\\|?*]/g, '-')
    .replace(/^[\s.]+|[\s.]+$/g, '')
    .slice(0, 200);
  const base = cleaned.replace(/\.pdf$/i, '') || 'document';
  return `${base}.pdf`;
}

/** Writes the PDF at `file` whole (temporary name, sync, rename). */
export function writePdfFile(file: string, pdf: Uint8Array): void {
  writeFileDurably(file, pdf);
}

/** Saves every PDF into `dir` under its suggested name: the e2e bridge's "save dialog" and the tests'. */
export function folderSaver(dir: string, saved: string[] = []): Saver {
  return {
    async save(suggestedName, pdf) {
      fs.mkdirSync(dir, { recursive: true });
      const file = path.join(dir, safePdfName(suggestedName));
      writePdfFile(file, pdf);
      saved.push(file);
      return { destination: file };
    },
  };
}

/** Writes an archived PDF to a private temporary folder for the system's viewer; answers its path. */
export function writeArchivedCopy(fileName: string, pdf: Uint8Array, tmpRoot: string = os.tmpdir()): string {
  const dir = fs.mkdtempSync(path.join(tmpRoot, 'ledgerdesk-archived-'));
  const file = path.join(dir, safePdfName(fileName));
  writePdfFile(file, pdf);
  return file;
}

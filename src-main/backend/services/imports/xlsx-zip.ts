import type { Readable } from 'node:stream';
import { SaxesParser } from 'saxes';
import yauzl, { type Entry, type ZipFile } from 'yauzl';
import { DomainError, invalid } from '../../errors';
import { MAX_CELL_CHARS } from './sheet';

/** An .xlsx holds a few dozen parts; a zip of thousands of entries is not a workbook. */
const MAX_ENTRIES = 10_000;
/**
 * Bytes of XML between two tags: one cell's text at most (32,767 characters, each at most 8 bytes as a
 * character reference) and some room. A longer run is refused before the XML parser buffers it.
 */
const MAX_XML_RUN = 8 * MAX_CELL_CHARS + 1024;
/** All parts read from one workbook together: bounds the time a file of many padded sheets can take. */
const MAX_WORKBOOK_BYTES = 1024 * 2 ** 20;

export interface XmlHandlers {
  /** An element opens; its name without a namespace prefix. */
  open?(name: string, attributes: Record<string, string>): void;
  text?(text: string): void;
  close?(name: string): void;
}

const localName = (name: string) => name.slice(name.indexOf(':') + 1);
const megabytes = (n: number) => `${Math.ceil(n / 2 ** 20).toLocaleString('en-US')} MB`;

/**
 * The parts of an .xlsx, read one at a time as a stream of XML events. Each part's size is checked against
 * a limit from the zip's central directory before it is inflated, and yauzl refuses a part that inflates
 * to more than it declared, so a lying header cannot get past the limit either.
 */
export class WorkbookZip {
  /** Bytes inflated so far, all parts together. */
  private inflated = 0;

  private constructor(
    private readonly fileName: string,
    private readonly zip: ZipFile,
    private readonly entries: Map<string, Entry>,
  ) {}

  static async open(fileName: string, bytes: Buffer): Promise<WorkbookZip> {
    const damaged = () => invalid(`${fileName} could not be read as an Excel workbook (.xlsx); it may be damaged or password-protected.`);
    try {
      const zip = await yauzl.fromBufferPromise(bytes, { lazyEntries: true, validateEntrySizes: true });
      const entries = new Map<string, Entry>();
      for await (const entry of zip.eachEntry()) {
        if (entries.size >= MAX_ENTRIES) throw damaged();
        entries.set(entry.fileName, entry);
      }
      return new WorkbookZip(fileName, zip, entries);
    } catch (err) {
      if (err instanceof DomainError) throw err;
      throw damaged();
    }
  }

  has(path: string): boolean {
    return this.entries.has(path);
  }

  /** Streams one part through the XML parser; refuses it past `limit` bytes inflated. */
  async parse(path: string, limit: number, handlers: XmlHandlers): Promise<void> {
    const entry = this.entries.get(path);
    if (!entry) return;
    const tooBig = () =>
      invalid(
        `${this.fileName} is too large to import: its part ${path} is ${megabytes(entry.uncompressedSize)} uncompressed, and the most Ledgerdesk reads is ${megabytes(limit)}; split it into smaller files.`,
      );
    if (entry.uncompressedSize > limit) throw tooBig();

    const parser = new SaxesParser({ position: false });
    const { open, text, close } = handlers;
    if (open) parser.on('opentag', (tag) => open(localName(tag.name), tag.attributes as Record<string, string>));
    if (text) parser.on('text', text);
    if (close) parser.on('closetag', (tag) => close(localName(tag.name)));
    const decoder = new TextDecoder('utf-8');
    let stream: Readable | null = null;
    let inflated = 0;
    let sinceTag = 0;
    const overBudget = () =>
      invalid(`${this.fileName} is too large to import: its parts inflate to more than ${megabytes(MAX_WORKBOOK_BYTES)}; split it into smaller files.`);
    try {
      stream = await this.zip.openReadStreamPromise(entry);
      for await (const chunk of stream as AsyncIterable<Buffer>) {
        inflated += chunk.length;
        this.inflated += chunk.length;
        if (inflated > limit) throw tooBig();
        if (this.inflated > MAX_WORKBOOK_BYTES) throw overBudget();
        sinceTag = runAfter(chunk, sinceTag);
        if (sinceTag > MAX_XML_RUN)
          throw invalid(
            `${this.fileName} holds a value longer than ${MAX_CELL_CHARS.toLocaleString('en-US')} characters (in its part ${path}); a cell holds at most that many.`,
          );
        parser.write(decoder.decode(chunk, { stream: true }));
      }
      parser.write(decoder.decode());
      parser.close();
    } catch (err) {
      if (err instanceof DomainError) throw err;
      const reason =
        err instanceof Error && /too many bytes/.test(err.message)
          ? `its part ${path} inflates to more than the ${entry.uncompressedSize} bytes its zip entry declares`
          : `its part ${path} could not be read (${err instanceof Error ? err.message : String(err)})`;
      throw invalid(`${this.fileName} is damaged: ${reason}.`);
    } finally {
      stream?.destroy();
    }
  }
}

/**
 * The bytes since the last "<" at the end of a chunk, given those before it: the longest text or tag the
 * XML parser would have to hold. Past MAX_XML_RUN it returns at least MAX_XML_RUN + 1.
 */
function runAfter(chunk: Buffer, before: number): number {
  const first = chunk.indexOf(0x3c);
  if (first === -1) return before + chunk.length;
  if (before + first > MAX_XML_RUN) return before + first;
  // Inside the chunk a run is at most the chunk's length: only look between tags in a chunk longer than that.
  if (chunk.length > MAX_XML_RUN) {
    for (let at = first, next = chunk.indexOf(0x3c, at + 1); next !== -1; at = next, next = chunk.indexOf(0x3c, at + 1)) {
      if (next - at > MAX_XML_RUN) return next - at;
    }
  }
  return chunk.length - 1 - chunk.lastIndexOf(0x3c);
}

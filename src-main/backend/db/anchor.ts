/**
 * The audit chain's anchor: its record count and the hash of its last record, kept outside the store in
 * `<store>.anchor.json` and authenticated with a key derived from the store key. The chain alone cannot
 * show that records were cut from its end, or that it was rewritten and re-hashed from some record
 * on; the anchor can, because whoever changes the store file must also forge a file they cannot sign
 * without the key. It doubles as a key check that lives outside the encrypted pages (open.ts).
 * docs/decisions/016-store-files-and-audit-anchor.md has the reasoning and its limits.
 *
 * The file holds two 512-byte slots, each one signed anchor as a line of JSON padded with spaces.
 * After a commit the keeper overwrites one slot in place (one small write, no fsync, no rename: about
 * a tenth of a millisecond, where a temp file and rename cost ~0.5 ms, 4 ms at p95, on the shared
 * build machine). A crash mid-write spoils at most that slot; the other still holds an earlier anchor,
 * and an anchor behind the chain is accepted. Readers take the valid slot with the highest count.
 */
import fs from 'node:fs';
import { createHmac, hkdfSync, timingSafeEqual } from 'node:crypto';
import type Sqlite from 'better-sqlite3-multiple-ciphers';

const FORMAT = 'ledgerdesk-audit-anchor';
const VERSION = 1;
const GENESIS = '0'.repeat(64);

export const anchorPathFor = (storePath: string) => `${storePath}.anchor.json`;

/** The end of the chain: `count` records (seq 1..count), the last one's hash (GENESIS when empty). */
export interface ChainEnd {
  count: number;
  head: string;
}

/** An anchor as written: the chain end, when, and its MAC. This is also what a backup carries. */
export interface SignedAnchor extends ChainEnd {
  format: typeof FORMAT;
  version: typeof VERSION;
  at: string;
  mac: string;
}

export type AnchorRead =
  | { kind: 'absent' }
  | { kind: 'unreadable'; why: string }
  | { kind: 'forged' } // well-formed, but its MAC was not made with this store's key
  | { kind: 'valid'; anchor: SignedAnchor };

/** How a chain stands against an anchor. Behind is fine: records were added after the anchor was written. */
export type AnchorFit = { kind: 'match' } | { kind: 'behind'; newer: number } | { kind: 'removed'; chainCount: number } | { kind: 'rewritten' };

/** The MAC key: HKDF of the store key, so the anchor cannot be signed without the store key. */
export function anchorMacKey(storeKey: Buffer): Buffer {
  return Buffer.from(hkdfSync('sha256', storeKey, Buffer.alloc(0), 'ledgerdesk audit anchor v1', 32));
}

const macOf = (macKey: Buffer, a: ChainEnd & { at: string }) =>
  createHmac('sha256', macKey)
    .update(JSON.stringify([FORMAT, VERSION, a.count, a.head, a.at]))
    .digest('hex');

export function signAnchor(macKey: Buffer, end: ChainEnd, at = new Date()): SignedAnchor {
  const unsigned = { count: end.count, head: end.head, at: at.toISOString() };
  return { format: FORMAT, version: VERSION, ...unsigned, mac: macOf(macKey, unsigned) };
}

/** Checks an anchor's shape and MAC (from the sidecar, or later from a backup). */
export function parseAnchor(text: string, macKey: Buffer): AnchorRead {
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch {
    return { kind: 'unreadable', why: 'it is not valid JSON' };
  }
  const a = v as Partial<SignedAnchor> | null;
  if (
    !a ||
    a.format !== FORMAT ||
    a.version !== VERSION ||
    !Number.isSafeInteger(a.count) ||
    (a.count ?? -1) < 0 ||
    typeof a.head !== 'string' ||
    !/^[0-9a-f]{64}$/.test(a.head) ||
    typeof a.at !== 'string' ||
    typeof a.mac !== 'string' ||
    !/^[0-9a-f]{64}$/.test(a.mac)
  ) {
    return { kind: 'unreadable', why: 'it is not an anchor of this format' };
  }
  const anchor = a as SignedAnchor;
  const ok = timingSafeEqual(Buffer.from(macOf(macKey, anchor), 'hex'), Buffer.from(anchor.mac, 'hex'));
  return ok ? { kind: 'valid', anchor } : { kind: 'forged' };
}

const SLOT = 512;

/** One anchor as a slot: its JSON line, padded to the slot size. */
function encodeSlot(anchor: SignedAnchor): Buffer {
  const line = JSON.stringify(anchor);
  if (line.length > SLOT - 1) throw new Error('anchor too long for its slot');
  return Buffer.from(`${line.padEnd(SLOT - 1, ' ')}\n`, 'utf8');
}

/** The two slots (or, for a file not in slot form, its whole text) read as one answer. */
export function parseAnchorFile(bytes: Buffer, macKey: Buffer): AnchorRead {
  const texts =
    bytes.length === 2 * SLOT
      ? [bytes.subarray(0, SLOT), bytes.subarray(SLOT)].map((b) => b.toString('utf8').trim()).filter((t) => t !== '')
      : [bytes.toString('utf8')];
  const reads = texts.map((t) => parseAnchor(t, macKey));
  // A slot well formed but not signed with this key was written by someone without it.
  if (reads.some((r) => r.kind === 'forged')) return { kind: 'forged' };
  const valid = reads.flatMap((r) => (r.kind === 'valid' ? [r.anchor] : []));
  if (valid.length > 0) return { kind: 'valid', anchor: valid.reduce((a, b) => (b.count > a.count ? b : a)) };
  return reads.find((r) => r.kind === 'unreadable') ?? { kind: 'unreadable', why: 'it is empty' };
}

export function readAnchor(file: string, macKey: Buffer): AnchorRead {
  const once = (): AnchorRead => {
    try {
      return parseAnchorFile(fs.readFileSync(file), macKey);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return { kind: 'absent' };
      return { kind: 'unreadable', why: (err as Error).message };
    }
  };
  const first = once();
  // A read that met the keeper's write half-done (another process) reads whole the second time.
  return first.kind === 'forged' || first.kind === 'unreadable' ? once() : first;
}

/** The whole file at once (both slots the same anchor), written to a temp file and renamed into place. */
export function writeAnchor(file: string, anchor: SignedAnchor): void {
  const tmp = `${file}.tmp-${process.pid}`;
  const slot = encodeSlot(anchor);
  fs.writeFileSync(tmp, Buffer.concat([slot, slot]), { mode: 0o600 });
  fs.renameSync(tmp, file);
}

export function hasAuditTable(sqlite: Sqlite.Database): boolean {
  return sqlite.prepare(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'audit'`).get() !== undefined;
}

/** Does the chain still contain the anchored record where the anchor says, with the anchored hash? */
export function fitAnchor(sqlite: Sqlite.Database, anchor: ChainEnd): AnchorFit {
  const end = chainEnd(sqlite);
  if (anchor.count === 0) return end.count === 0 ? { kind: 'match' } : { kind: 'behind', newer: end.count };
  const at = sqlite.prepare('SELECT hash FROM audit WHERE seq = ?').get(anchor.count) as { hash: string } | undefined;
  if (!at) return { kind: 'removed', chainCount: end.count };
  if (at.hash !== anchor.head) return { kind: 'rewritten' };
  return end.count === anchor.count ? { kind: 'match' } : { kind: 'behind', newer: end.count - anchor.count };
}

export function chainEnd(sqlite: Sqlite.Database): ChainEnd {
  const last = sqlite.prepare('SELECT seq, hash FROM audit ORDER BY seq DESC LIMIT 1').get() as { seq: number; hash: string } | undefined;
  return last ? { count: last.seq, head: last.hash } : { count: 0, head: GENESIS };
}

/**
 * Keeps one open store's anchor up to date: after every commit that appended audit records (the
 * store's Kysely driver calls refresh()), and on close. It stops ("held") when the anchor on disk
 * contradicts the chain, cannot be read, or is missing from a store that had one: then the anchor
 * stays as it is, as evidence, until verify has been read and `reanchor` run.
 */
export class AuditAnchor {
  readonly file: string;
  private written: ChainEnd | null = null;
  private held: string | null = null;
  /** The last failure to write the anchor (it is retried at the next commit; verify shows the anchor behind). */
  lastWriteError: string | null = null;
  private readonly endStmt: Sqlite.Statement;
  private readonly hashAtStmt: Sqlite.Statement;
  private fd: number | null = null;
  private slot = 0;

  constructor(
    private readonly sqlite: Sqlite.Database,
    storePath: string,
    readonly macKey: Buffer,
    private readonly writable: boolean,
  ) {
    this.file = anchorPathFor(storePath);
    this.endStmt = sqlite.prepare('SELECT seq, hash FROM audit ORDER BY seq DESC LIMIT 1');
    this.hashAtStmt = sqlite.prepare('SELECT hash FROM audit WHERE seq = ?');
  }

  /**
   * At a writable open: catch up an anchor that is behind (a crash between a commit and its anchor
   * write), anchor a store for the first time, or hold when the anchor does not fit the chain.
   * `hadAnchor`: the store was opened by a version that anchors (so a missing anchor was removed).
   */
  start(hadAnchor: boolean): void {
    if (!this.writable) return;
    const read = readAnchor(this.file, this.macKey);
    if (read.kind === 'absent' && hadAnchor) this.held = 'the anchor file is missing';
    else if (read.kind === 'unreadable' || read.kind === 'forged') this.held = 'the anchor file does not verify';
    else if (read.kind === 'valid') {
      const fit = fitAnchor(this.sqlite, read.anchor);
      if (fit.kind === 'removed' || fit.kind === 'rewritten') this.held = 'the chain does not contain the anchored record';
      else this.written = { count: read.anchor.count, head: read.anchor.head };
    }
    this.refresh();
  }

  /** Why the anchor is not being kept up to date, or null. */
  get heldBecause(): string | null {
    return this.held;
  }

  /** Cheap when nothing was appended (one indexed read); never throws, since the commit already happened. */
  refresh(): void {
    if (!this.writable || this.held !== null) return;
    try {
      const last = this.endStmt.get() as { seq: number; hash: string } | undefined;
      const end = last ? { count: last.seq, head: last.hash } : { count: 0, head: GENESIS };
      if (this.written && this.written.count === end.count && this.written.head === end.head) return;
      // Only ever move the anchor forward along the same chain; anything else is kept as evidence.
      if (this.written && this.written.count > 0 && (this.hashAtStmt.get(this.written.count) as { hash: string } | undefined)?.hash !== this.written.head) {
        this.held = 'the chain does not contain the anchored record';
        return;
      }
      this.writeSlot(signAnchor(this.macKey, end));
      this.written = end;
      this.lastWriteError = null;
    } catch (err) {
      this.lastWriteError = err instanceof Error ? err.message : String(err);
    }
  }

  /** Overwrite one slot in place, alternating; a file not (or no longer) ours is first written whole. */
  private writeSlot(anchor: SignedAnchor): void {
    if (this.fd !== null && !this.sameFile(this.fd)) this.closeFile();
    if (this.fd === null) {
      if (!fs.existsSync(this.file) || fs.statSync(this.file).size !== 2 * SLOT) {
        writeAnchor(this.file, anchor);
        this.fd = fs.openSync(this.file, 'r+');
        return;
      }
      this.fd = fs.openSync(this.file, 'r+');
    }
    this.slot = 1 - this.slot;
    fs.writeSync(this.fd, encodeSlot(anchor), 0, SLOT, this.slot * SLOT);
  }

  /** Still the file under our name? (`reanchor` elsewhere renames a new one into place.) */
  private sameFile(fd: number): boolean {
    try {
      return fs.statSync(this.file).ino === fs.fstatSync(fd).ino;
    } catch {
      return false;
    }
  }

  private closeFile(): void {
    if (this.fd !== null) fs.closeSync(this.fd);
    this.fd = null;
  }

  /** At store close: anchor what was appended outside Kysely, then let go of the file. */
  close(): void {
    this.refresh();
    try {
      this.closeFile();
    } catch {
      this.fd = null;
    }
  }

  /** Anchors the chain as it is now, replacing whatever anchor there was (the CLI's `reanchor`). */
  reanchor(): ChainEnd {
    const end = chainEnd(this.sqlite);
    this.closeFile();
    writeAnchor(this.file, signAnchor(this.macKey, end)); // both slots: no older anchor stays behind
    this.written = end;
    this.held = null;
    return end;
  }

  /** The signed end of the chain as it is now: for a backup to carry, and to check a restore against (fitAnchor). */
  forBackup(): SignedAnchor {
    return signAnchor(this.macKey, chainEnd(this.sqlite));
  }
}

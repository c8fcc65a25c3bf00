/**
 * The audit chain's anchor: its record count and the hash of its last record, kept outside the store in
 * `<store>.anchor.json` and authenticated with a key derived from the store key. The chain alone cannot
 * show that records were cut from its end, or that it was rewritten and re-hashed from some record
 * on; the anchor can, because whoever changes the store file must also forge a file they cannot sign
 * without the key. It doubles as a key check that lives outside the encrypted pages (open.ts).
 * docs/decisions/013-store-files-and-audit-anchor.md has the reasoning and its limits.
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

const macOf = (macKey: Buffer, a: ChainEnd & { at: string }) => createHmac('sha256', macKey).update(JSON.stringify([FORMAT, VERSION, a.count, a.head, a.at])).digest('hex');

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
  if (!a || a.format !== FORMAT || a.version !== VERSION || !Number.isSafeInteger(a.count) || (a.count ?? -1) < 0 || typeof a.head !== 'string' || !/^[0-9a-f]{64}$/.test(a.head) || typeof a.at !== 'string' || typeof a.mac !== 'string' || !/^[0-9a-f]{64}$/.test(a.mac)) {
    return { kind: 'unreadable', why: 'it is not an anchor of this format' };
  }
  const anchor = a as SignedAnchor;
  const ok = timingSafeEqual(Buffer.from(macOf(macKey, anchor), 'hex'), Buffer.from(anchor.mac, 'hex'));
  return ok ? { kind: 'valid', anchor } : { kind: 'forged' };
}

export function readAnchor(file: string, macKey: Buffer): AnchorRead {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return { kind: 'absent' };
    return { kind: 'unreadable', why: (err as Error).message };
  }
  return parseAnchor(text, macKey);
}

/** Written to a temp file and renamed over the old one, so a crash leaves the old anchor or the new. */
export function writeAnchor(file: string, anchor: SignedAnchor): void {
  const tmp = `${file}.tmp-${process.pid}`;
  fs.writeFileSync(tmp, JSON.stringify(anchor, null, 2) + '\n', { mode: 0o600 });
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

  constructor(
    private readonly sqlite: Sqlite.Database,
    storePath: string,
    readonly macKey: Buffer,
    private readonly writable: boolean,
  ) {
    this.file = anchorPathFor(storePath);
    this.endStmt = sqlite.prepare('SELECT seq, hash FROM audit ORDER BY seq DESC LIMIT 1');
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
      const fit = this.written ? fitAnchor(this.sqlite, this.written) : null;
      if (fit && (fit.kind === 'removed' || fit.kind === 'rewritten')) {
        this.held = 'the chain does not contain the anchored record';
        return;
      }
      writeAnchor(this.file, signAnchor(this.macKey, end));
      this.written = end;
      this.lastWriteError = null;
    } catch (err) {
      this.lastWriteError = err instanceof Error ? err.message : String(err);
    }
  }

  /** Anchors the chain as it is now, replacing whatever anchor there was (the CLI's `reanchor`). */
  reanchor(): ChainEnd {
    const end = chainEnd(this.sqlite);
    writeAnchor(this.file, signAnchor(this.macKey, end));
    this.written = end;
    this.held = null;
    return end;
  }

  /** The signed end of the chain as it is now: for a backup to carry, and to check a restore against (fitAnchor). */
  forBackup(): SignedAnchor {
    return signAnchor(this.macKey, chainEnd(this.sqlite));
  }
}

import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openLogFile, rotatedName } from '../../src-main/log/log-file';
import { makeEntry, type LogEntry } from '../../src-main/log/logger';
import { tempDir } from '../support/store';

const entry = (n: number): LogEntry => makeEntry('info', 'main', 'test.line', `line ${'x'.repeat(40)}`, { count: n }, undefined);
const lines = (file: string) =>
  fs
    .readFileSync(file, 'utf8')
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as LogEntry);

describe('the log file', () => {
  it('writes one JSON line per entry into <dir>/ledgerdesk.log, creating the folder', () => {
    const dir = path.join(tempDir(), 'logs');
    const log = openLogFile({ dir });
    log.write(entry(1));
    log.write(entry(2));
    expect(log.path).toBe(path.join(dir, 'ledgerdesk.log'));
    expect(lines(log.path).map((l) => l.fields?.count)).toEqual([1, 2]);
    expect(Object.keys(lines(log.path)[0] ?? {})).toEqual(['time', 'level', 'source', 'event', 'message', 'fields']);
  });

  it('rotates at the size limit and keeps only `keep` files, newest first', () => {
    const dir = tempDir();
    const lineBytes = Buffer.byteLength(`${JSON.stringify(entry(10))}\n`);
    // Three lines per file, 5 files kept: of 17 lines, ledgerdesk.log holds the last 2, .1 … .4 three each; the first 3 are gone.
    const log = openLogFile({ dir, maxBytes: lineBytes * 3, keep: 5 });
    for (let n = 10; n < 27; n++) log.write(entry(n));
    expect(fs.readdirSync(dir).sort()).toEqual([rotatedName(0), rotatedName(1), rotatedName(2), rotatedName(3), rotatedName(4)].sort());
    expect(lines(path.join(dir, rotatedName(0))).map((l) => l.fields?.count)).toEqual([25, 26]);
    expect(lines(path.join(dir, rotatedName(1))).map((l) => l.fields?.count)).toEqual([22, 23, 24]);
    expect(lines(path.join(dir, rotatedName(4))).map((l) => l.fields?.count)).toEqual([13, 14, 15]);
    for (const f of fs.readdirSync(dir)) expect(fs.statSync(path.join(dir, f)).size).toBeLessThanOrEqual(lineBytes * 3);
  });

  it('continues a file left by an earlier run, counting its size', () => {
    const dir = tempDir();
    const lineBytes = Buffer.byteLength(`${JSON.stringify(entry(10))}\n`);
    openLogFile({ dir, maxBytes: lineBytes * 2 }).write(entry(1));
    const again = openLogFile({ dir, maxBytes: lineBytes * 2 });
    again.write(entry(2));
    again.write(entry(3));
    expect(lines(path.join(dir, rotatedName(1))).map((l) => l.fields?.count)).toEqual([1, 2]);
    expect(lines(again.path).map((l) => l.fields?.count)).toEqual([3]);
  });

  it('a folder it cannot write to drops the line instead of throwing, and writes again once it can', () => {
    const base = tempDir();
    const dir = path.join(base, 'logs');
    fs.writeFileSync(dir, 'a file where the folder should be');
    const log = openLogFile({ dir });
    expect(() => log.write(entry(1))).not.toThrow();
    fs.rmSync(dir);
    log.write(entry(2));
    expect(lines(log.path).map((l) => l.fields?.count)).toEqual([2]);
  });
});

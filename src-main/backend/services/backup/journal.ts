/**
 * The history of backup attempts, in `<store>.backups.json` beside the store: outside the store, so
 * it survives a restore (which brings back the store as it was, not the history of its backups) and
 * records a failure that met a full store disk. It holds times, sizes, file names and reasons, never
 * customer data.
 */
import fs from 'node:fs';
import { z } from 'zod';
import { errorCodes } from '@shared/ipc/result';
import { writeFileDurably } from './files';

const KEEP = 200;

const attemptSchema = z.object({
  id: z.string().max(40),
  startedAt: z.string(),
  finishedAt: z.string().nullable(),
  trigger: z.enum(['schedule', 'manual', 'cli']),
  result: z.enum(['ok', 'failed']),
  folder: z.string(),
  fileName: z.string().nullable(),
  sizeBytes: z.number().int().nullable(),
  durationMs: z.number().int().nullable(),
  findings: z.array(z.string()),
  error: z.object({ code: z.enum(errorCodes), message: z.string() }).nullable(),
});
export type Attempt = z.infer<typeof attemptSchema>;
const journalSchema = z.object({ version: z.literal(1), attempts: z.array(attemptSchema) });

export const journalPathFor = (storePath: string) => `${storePath}.backups.json`;

/** The attempts, newest first; a missing or unreadable journal is an empty history (it is a convenience, not evidence). */
export function readJournal(storePath: string): Attempt[] {
  try {
    const parsed = journalSchema.safeParse(JSON.parse(fs.readFileSync(journalPathFor(storePath), 'utf8')));
    return parsed.success ? parsed.data.attempts : [];
  } catch {
    return [];
  }
}

/** Adds an attempt (the newest 200 are kept). A journal that cannot be written does not fail the backup. */
export function recordAttempt(storePath: string, attempt: Attempt): void {
  const attempts = [attempt, ...readJournal(storePath).filter((a) => a.id !== attempt.id)].slice(0, KEEP);
  try {
    writeFileDurably(journalPathFor(storePath), `${JSON.stringify({ version: 1, attempts }, null, 1)}\n`);
  } catch {
    // The backup itself (or its failure, reported to the caller) matters more than its history line.
  }
}

import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import type { PassphraseWrap } from './passphrase';

/**
 * The key file beside the store (`<store>.key.json`) holds the store key wrapped one or more ways:
 * by the OS keychain (Electron safeStorage) and/or by an administrator passphrase. Never in plain text.
 */
export const passphraseWrapSchema = z.object({
  kind: z.literal('passphrase'),
  kdf: z.object({ name: z.literal('scrypt'), N: z.number().int(), r: z.number().int(), p: z.number().int(), salt: z.string() }),
  iv: z.string(),
  tag: z.string(),
  wrapped: z.string(),
});
const safeStorageWrapSchema = z.object({ kind: z.literal('safeStorage'), wrapped: z.string() });

export const keyFileSchema = z.object({
  version: z.literal(1),
  wraps: z.array(z.union([safeStorageWrapSchema, passphraseWrapSchema])).min(1),
});
export type KeyFile = z.infer<typeof keyFileSchema>;
export type SafeStorageWrap = z.infer<typeof safeStorageWrapSchema>;
export type { PassphraseWrap };

export const keyFilePathFor = (storePath: string) => `${storePath}.key.json`;

export function readKeyFile(file: string): KeyFile | null {
  if (!fs.existsSync(file)) return null;
  const parsed = keyFileSchema.safeParse(JSON.parse(fs.readFileSync(file, 'utf8')));
  if (!parsed.success) throw new Error(`The key file ${file} is not valid: ${parsed.error.issues[0]?.message ?? 'unknown problem'}`);
  return parsed.data;
}

/** Written to a temp file and renamed, so a crash never leaves half a key file. */
export function writeKeyFile(file: string, content: KeyFile): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const tmp = `${file}.tmp-${process.pid}`;
  fs.writeFileSync(tmp, JSON.stringify(content, null, 2), { mode: 0o600 });
  fs.renameSync(tmp, file);
}

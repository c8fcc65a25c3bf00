/**
 * Run by store-files.test.ts in a child process (see runWithoutFileOverride): opens a store as the
 * app's worker does and prints what came of it as one line of JSON.
 *   open-store-child.ts <store> <key hex>
 */
import { createBackend } from '../../src-main/backend';

async function main() {
  const [storePath, keyHex] = process.argv.slice(2);
  try {
    const backend = createBackend({ storePath: storePath!, key: Buffer.from(keyHex!, 'hex'), log: () => undefined });
    await backend.close();
    console.log(JSON.stringify({ ok: true }));
  } catch (err) {
    const e = err instanceof Error ? err : new Error(String(err));
    console.log(JSON.stringify({ ok: false, name: e.name, code: String((e as { code?: unknown }).code ?? ''), message: e.message }));
  }
}
void main();

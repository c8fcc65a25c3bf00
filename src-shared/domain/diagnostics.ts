import { formatInstant } from '../dates';
import type { LastBackup, ShellDiagnostics, StoreDiagnostics } from '../ipc/contract/diagnostics';

/**
 * The words and the plain-text block of the About / diagnostics page. The block is what an office
 * pastes into a message to support: versions, sizes, counts and folders, never customer data (it is
 * built only from the two diagnostics answers, which hold none).
 */

const UNITS = ['bytes', 'KB', 'MB', 'GB', 'TB'] as const;

/** "0 bytes", "812 bytes", "4.0 KB", "12.4 MB" (1 KB = 1024 bytes, as Windows Explorer counts). */
export function formatBytes(bytes: number): string {
  let n = bytes;
  let unit = 0;
  while (n >= 1024 && unit < UNITS.length - 1) {
    n /= 1024;
    unit++;
  }
  return unit === 0 ? `${bytes.toLocaleString('en-US')} ${bytes === 1 ? 'byte' : 'bytes'}` : `${n.toFixed(1)} ${UNITS[unit]}`;
}

const OS_NAMES: Record<string, string> = { win32: 'Windows', darwin: 'macOS', linux: 'Linux' };

/** "Windows 10.0.22631 (x64)", "macOS 15.1 (arm64)". */
export const osLabel = (platform: string, version: string, arch: string) => `${OS_NAMES[platform] ?? platform} ${version} (${arch})`;

export const NO_BACKUP_YET = 'No backup yet';
export const ADMINISTRATORS_ONLY = 'Shown to administrators only';

/** "Mar 2, 2026, 7:00 PM UTC, succeeded, 12.1 MB" (in `timeZone` on screen; UTC in the copied block). */
export function lastBackupText(b: LastBackup | null, timeZone?: string): string {
  if (!b) return NO_BACKUP_YET;
  const when = formatInstant(b.at, timeZone);
  if (b.ok) return `${when}, succeeded${b.bytes === null ? '' : `, ${formatBytes(b.bytes)}`}`;
  return `${when}, failed (last successful backup: ${b.lastSuccessAt ? formatInstant(b.lastSuccessAt, timeZone) : 'none'})`;
}

export const schemaText = (s: StoreDiagnostics) => `${s.schemaVersion} (${s.migrationsApplied} of ${s.migrationsKnown} migrations applied)`;

/** "12.4 MB (store 12,998,656 bytes + write-ahead log 4,152 bytes)". */
export const storeSizeText = (s: StoreDiagnostics) =>
  `${formatBytes(s.storeBytes + s.walBytes)} (store ${s.storeBytes.toLocaleString('en-US')} bytes + write-ahead log ${s.walBytes.toLocaleString('en-US')} bytes)`;

/** The rows of the block, label and value, in order; `shell` is null where no shell answered. */
export function diagnosticsRows(store: StoreDiagnostics, shell: ShellDiagnostics | null): [string, string][] {
  const unknown = 'not known (no desktop shell)';
  return [
    ['Ledgerdesk', shell?.appVersion ?? unknown],
    ['Electron', shell ? (shell.electron ?? 'not running in Electron (browser test bridge)') : unknown],
    ['Chromium', shell?.chromium ?? unknown],
    ['Node.js', shell?.node ?? unknown],
    ['Operating system', shell?.os ?? unknown],
    ['Schema version', schemaText(store)],
    ['Store size', storeSizeText(store)],
    ['Store path', store.storePath ?? ADMINISTRATORS_ONLY],
    ['Last backup', lastBackupText(store.lastBackup, 'UTC')],
    ['Log folder', shell?.logFolder ?? unknown],
  ];
}

/** The plain-text block "Copy diagnostics" puts on the clipboard. */
export function diagnosticsText(store: StoreDiagnostics, shell: ShellDiagnostics | null, generatedAt: Date): string {
  const rows: [string, string][] = [['Generated', formatInstant(generatedAt, 'UTC')], ...diagnosticsRows(store, shell)];
  const width = Math.max(...rows.map(([label]) => label.length)) + 2;
  return ['Ledgerdesk diagnostics', ...rows.map(([label, value]) => `${`${label}:`.padEnd(width)}${value}`)].join('\n');
}

import { describe, expect, it } from 'vitest';
import { diagnosticsText, formatBytes, lastBackupText, osLabel } from '../../src-shared/domain/diagnostics';
import type { ShellDiagnostics, StoreDiagnostics } from '../../src-shared/ipc/contract/diagnostics';

const store: StoreDiagnostics = {
  storePath: String.raw`C:\Users\alex\AppData\Roaming\Ledgerdesk\ledgerdesk.ldk`,
  storeBytes: 12_998_656,
  walBytes: 4_152,
  schemaVersion: 9,
  migrationsApplied: 9,
  migrationsKnown: 9,
  lastBackup: null,
};
const shell: ShellDiagnostics = {
  appVersion: '0.1.0',
  runtime: 'electron',
  electron: '45.4.1',
  chromium: '140.0.7339.133',
  node: '22.20.0',
  os: osLabel('win32', '10.0.22631', 'x64'),
  logFolder: String.raw`C:\Users\alex\AppData\Roaming\Ledgerdesk\logs`,
};
const at = new Date('2026-03-02T14:05:00Z');

describe('the diagnostics block support receives', () => {
  it('lists versions, the store and the log folder, one aligned line each', () => {
    expect(diagnosticsText(store, shell, at)).toBe(
      [
        'Ledgerdesk diagnostics',
        'Generated:        Mar 2, 2026, 2:05 PM UTC',
        'Ledgerdesk:       0.1.0',
        'Electron:         45.4.1',
        'Chromium:         140.0.7339.133',
        'Node.js:          22.20.0',
        'Operating system: Windows 10.0.22631 (x64)',
        'Schema version:   9 (9 of 9 migrations applied)',
        'Store size:       12.4 MB (store 12,998,656 bytes + write-ahead log 4,152 bytes)',
        String.raw`Store path:       C:\Users\alex\AppData\Roaming\Ledgerdesk\ledgerdesk.ldk`,
        'Last backup:      No backup yet',
        String.raw`Log folder:       C:\Users\alex\AppData\Roaming\Ledgerdesk\logs`,
      ].join('\n'),
    );
  });

  it("for everyone but administrators the store's path is not in it", () => {
    const text = diagnosticsText({ ...store, storePath: null }, shell, at);
    expect(text).toContain('Store path:       Shown to administrators only');
    expect(text).not.toContain('ledgerdesk.ldk');
  });

  it('says so where no shell answered, and where the page runs in the test bridge', () => {
    expect(diagnosticsText(store, null, at)).toContain('Electron:         not known (no desktop shell)');
    expect(diagnosticsText(store, { ...shell, runtime: 'browser', electron: null }, at)).toContain(
      'Electron:         not running in Electron (browser test bridge)',
    );
  });

  it('the last backup: succeeded with its size, or failed with the last one that worked', () => {
    expect(lastBackupText({ at: '2026-03-01T19:00:05Z', ok: true, bytes: 12_700_000, lastSuccessAt: null }, 'UTC')).toBe(
      'Mar 1, 2026, 7:00 PM UTC, succeeded, 12.1 MB',
    );
    expect(lastBackupText({ at: '2026-03-02T19:00:05Z', ok: false, bytes: null, lastSuccessAt: '2026-03-01T19:00:05Z' }, 'UTC')).toBe(
      'Mar 2, 2026, 7:00 PM UTC, failed (last successful backup: Mar 1, 2026, 7:00 PM UTC)',
    );
    expect(lastBackupText({ at: '2026-03-02T19:00:05Z', ok: false, bytes: null, lastSuccessAt: null }, 'UTC')).toBe(
      'Mar 2, 2026, 7:00 PM UTC, failed (last successful backup: none)',
    );
  });

  it.each([
    [0, '0 bytes'],
    [1, '1 byte'],
    [1023, '1,023 bytes'],
    [1024, '1.0 KB'],
    [5 * 1024 * 1024, '5.0 MB'],
    [3.5 * 1024 ** 3, '3.5 GB'],
  ])('formatBytes(%d) = %s', (n, text) => expect(formatBytes(n)).toBe(text));

  it('names the operating system', () => {
    expect(osLabel('darwin', '15.1', 'arm64')).toBe('macOS 15.1 (arm64)');
    expect(osLabel('linux', '6.1.0-18-amd64', 'x64')).toBe('Linux 6.1.0-18-amd64 (x64)');
    expect(osLabel('freebsd', '14.0', 'x64')).toBe('freebsd 14.0 (x64)');
  });
});

/**
 * Electron's printers and print failures read as ours, and what the hidden print window's session lets
 * through: pure functions, tested without the Electron binary.
 */
import { describe, expect, it } from 'vitest';
import { allowedInPrintWindow, electronPrintFailure, printerInfoFromElectron, printPageToken, printPageUrl } from '../../src-main/print/electron-print-text';

describe('printers from getPrintersAsync()', () => {
  it('reads CUPS states: 3 idle, 4 printing, 5 stopped, not accepting jobs is stopped', () => {
    const cups = (state: string, accepting = 'true') => ({
      name: 'Front_Desk',
      displayName: 'Front Desk',
      description: 'HP LaserJet',
      options: { 'printer-state': state, 'printer-is-accepting-jobs': accepting, 'printer-info': 'Front Desk' },
    });
    expect(printerInfoFromElectron(cups('3'))).toEqual({ name: 'Front_Desk', displayName: 'Front Desk', isDefault: false, status: 'idle' });
    expect(printerInfoFromElectron(cups('4')).status).toBe('printing');
    expect(printerInfoFromElectron(cups('5')).status).toBe('stopped');
    expect(printerInfoFromElectron(cups('3', 'false')).status).toBe('stopped');
  });

  it('Windows gives no state; the default comes from the printer or the system', () => {
    expect(printerInfoFromElectron({ name: 'HP', displayName: '', options: {} })).toEqual({
      name: 'HP',
      displayName: 'HP',
      isDefault: false,
      status: 'unknown',
    });
    expect(printerInfoFromElectron({ name: 'HP', displayName: 'HP', isDefault: true }).isDefault).toBe(true);
    expect(printerInfoFromElectron({ name: 'HP', displayName: 'HP', options: { 'is-default': 'true' } }).isDefault).toBe(true);
    expect(printerInfoFromElectron({ name: 'HP', displayName: 'HP' }, 'HP').isDefault).toBe(true);
  });
});

describe('print failures', () => {
  it('a closed dialog is no failure; a missing printer and a failed job are', () => {
    expect(electronPrintFailure('Print job canceled', null)).toBeNull();
    expect(electronPrintFailure('cancelled', 'HP')).toBeNull();
    expect(electronPrintFailure('webContents.print(): Invalid deviceName provided', 'Gone')).toMatchObject({ code: 'PRINTER_NOT_FOUND' });
    const failed = electronPrintFailure('Print job failed', 'HP');
    expect(failed).toMatchObject({ code: 'PRINT_REFUSED', details: { printer: 'HP', reason: 'Print job failed' } });
    expect(failed?.message).toContain('"HP"');
  });
});

describe("the print window's session", () => {
  it('serves only its own page and data URLs', () => {
    const token = '0b8a5c1e-7f3d-4e5a-9c2b-1d0e8f7a6b5c';
    expect(printPageToken(printPageUrl(token))).toBe(token);
    expect(allowedInPrintWindow(printPageUrl(token))).toBe(true);
    expect(allowedInPrintWindow('data:image/png;base64,AAAA')).toBe(true);
    for (const url of [
      'https://example.com/logo.png',
      'file:///etc/passwd',
      'app://ledgerdesk/index.html',
      `ledgerdesk-print:${token}/../x`,
      'ledgerdesk-print:abc',
    ])
      expect(allowedInPrintWindow(url)).toBe(false);
  });
});

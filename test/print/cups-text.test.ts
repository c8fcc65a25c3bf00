/**
 * The CUPS decisions as pure functions: lp's arguments, what lp and lpstat say (CUPS 2.4's text, as
 * captured from the cups-pdf queue of scripts/cups-pdf-queue.sh), and where a print job goes.
 */
import { describe, expect, it } from 'vitest';
import {
  lpArgs,
  lpFailure,
  parseLpRequestId,
  parseLpstatAccepting,
  parseLpstatDefault,
  parseLpstatPrinters,
  printersFromLpstat,
  printRoute,
  queueProblem,
} from '../../src-main/print/cups';

const lpstatP = [
  'printer ledgerdesk-pdf is idle.  enabled since Sun Nov 29 18:04:15 2026',
  '\tForm mounted:',
  '\tDescription: Ledgerdesk PDF (CUPS-PDF)',
  '\tLocation: ',
  'printer busy now printing busy-12.  enabled since Sun Nov 29 18:05:00 2026',
  '\tDescription: Front desk',
  'printer ledgerdesk-pdf-stopped disabled since Sun Nov 29 18:04:15 2026 -',
  '\tStopped for the print tests',
  '\tForm mounted:',
  '\tDescription: Ledgerdesk stopped (CUPS-PDF)',
  '',
].join('\n');
const lpstatA = [
  'ledgerdesk-pdf accepting requests since Sun Nov 29 18:04:15 2026',
  'busy not accepting requests since Sun Nov 29 18:05:00 2026 -',
  '\tpaper jam',
  'ledgerdesk-pdf-stopped accepting requests since Sun Nov 29 18:04:15 2026',
].join('\n');

describe('lp arguments', () => {
  it('names the queue, copies, media, sides and title, and ends the options before the file', () => {
    expect(lpArgs({ queue: 'front', copies: 2, paper: 'A4', duplex: 'longEdge', title: 'Ledgerdesk - 3 documents', file: '/tmp/x/job.pdf' })).toEqual([
      '-d',
      'front',
      '-n',
      '2',
      '-o',
      'media=A4',
      '-o',
      'sides=two-sided-long-edge',
      '-t',
      'Ledgerdesk - 3 documents',
      '--',
      '/tmp/x/job.pdf',
    ]);
    expect(lpArgs({ queue: 'q', copies: 1, paper: 'Letter', duplex: 'simplex', title: 't', file: 'f' })).toContain('sides=one-sided');
    expect(lpArgs({ queue: 'q', copies: 1, paper: 'Letter', duplex: 'shortEdge', title: 't', file: 'f' })).toContain('sides=two-sided-short-edge');
  });

  it('refuses a queue name that lp would read as an option, and zero copies', () => {
    expect(() => lpArgs({ queue: '-h', copies: 1, paper: 'Letter', duplex: 'simplex', title: 't', file: 'f' })).toThrow(/not a printer name/);
    expect(() => lpArgs({ queue: 'q', copies: 0, paper: 'Letter', duplex: 'simplex', title: 't', file: 'f' })).toThrow(/Copies/);
  });
});

describe("lp's answers", () => {
  it('reads the job id', () => {
    expect(parseLpRequestId('request id is ledgerdesk-pdf-12 (1 file(s))\n')).toBe('ledgerdesk-pdf-12');
    expect(parseLpRequestId('lp: something else')).toBeNull();
  });

  it('turns refusals into codes', () => {
    expect(lpFailure('nosuch', 'lp: Error - The printer or class does not exist.\n')).toMatchObject({ code: 'PRINTER_NOT_FOUND' });
    expect(lpFailure('q', 'lp: Destination "q" is not accepting jobs.\n')).toMatchObject({ code: 'PRINTER_STOPPED' });
    const other = lpFailure('q', 'lp: Unsupported document-format "application/x-foo".\n');
    expect(other.code).toBe('PRINT_REFUSED');
    expect(other.message).toContain('Unsupported document-format');
  });
});

describe('lpstat', () => {
  it('reads each queue with its state, description and stop reason', () => {
    expect(parseLpstatPrinters(lpstatP)).toEqual([
      { name: 'ledgerdesk-pdf', description: 'Ledgerdesk PDF (CUPS-PDF)', status: 'idle', reason: null },
      { name: 'busy', description: 'Front desk', status: 'printing', reason: null },
      { name: 'ledgerdesk-pdf-stopped', description: 'Ledgerdesk stopped (CUPS-PDF)', status: 'stopped', reason: 'Stopped for the print tests' },
    ]);
    expect(parseLpstatPrinters('')).toEqual([]);
  });

  it('reads acceptance and the default destination', () => {
    expect([...parseLpstatAccepting(lpstatA)]).toEqual([
      ['ledgerdesk-pdf', true],
      ['busy', false],
      ['ledgerdesk-pdf-stopped', true],
    ]);
    expect(parseLpstatDefault('system default destination: busy\n')).toBe('busy');
    expect(parseLpstatDefault('no system default destination\n')).toBeNull();
  });

  it('lists printers: a queue not accepting jobs is stopped; the default is marked', () => {
    expect(printersFromLpstat(lpstatP, lpstatA, 'system default destination: ledgerdesk-pdf')).toEqual([
      { name: 'ledgerdesk-pdf', displayName: 'Ledgerdesk PDF (CUPS-PDF)', isDefault: true, status: 'idle' },
      { name: 'busy', displayName: 'Front desk', isDefault: false, status: 'stopped' },
      { name: 'ledgerdesk-pdf-stopped', displayName: 'Ledgerdesk stopped (CUPS-PDF)', isDefault: false, status: 'stopped' },
    ]);
  });

  it('refuses a job before lp for an unknown, disabled or rejecting queue', () => {
    const queues = parseLpstatPrinters(lpstatP);
    const accepting = parseLpstatAccepting(lpstatA);
    expect(queueProblem('ledgerdesk-pdf', queues, accepting)).toBeNull();
    expect(queueProblem('nosuch', queues, accepting)).toMatchObject({ code: 'PRINTER_NOT_FOUND' });
    const stopped = queueProblem('ledgerdesk-pdf-stopped', queues, accepting);
    expect(stopped).toMatchObject({ code: 'PRINTER_STOPPED' });
    expect(stopped?.message).toContain('Stopped for the print tests');
    expect(queueProblem('busy', queues, accepting)).toMatchObject({ code: 'PRINTER_STOPPED' });
  });
});

describe('print route', () => {
  it('Linux and macOS print a named printer through CUPS', () => {
    expect(printRoute('linux', { printer: 'front' })).toEqual({ kind: 'cups', queue: 'front' });
    expect(printRoute('darwin', { printer: 'front' })).toEqual({ kind: 'cups', queue: 'front' });
  });

  it('Windows prints through Electron; no printer means the OS dialog everywhere', () => {
    expect(printRoute('win32', { printer: 'HP LaserJet' })).toEqual({ kind: 'electron', printer: 'HP LaserJet' });
    for (const platform of ['linux', 'darwin', 'win32'] as const) expect(printRoute(platform, { printer: null })).toEqual({ kind: 'electron', printer: null });
  });
});

import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { redactFrame, redactText } from '../../src-main/log/redact';
import { createLogger, describeError, makeEntry, safeFields, type LogEntry } from '../../src-main/log/logger';

/** What a customer record in an error could carry; none of it may reach a log line. */
const customer = ['Jane', 'Doe', 'Riverside', 'jane.doe@example.com', '4111', '1111', '867', '5309', '100234', '1,234.56', 'jane.doe'];
const leaks = (text: string) => customer.filter((c) => text.includes(c));

describe('redactText: customer data that slips into free text', () => {
  const home = '/home/jane.doe';
  it.each([
    ['an account name in quotes', 'Account "Jane Doe" (acct 100234) not found', 'Account [text] (acct [number]) not found'],
    ['an account name without quotes, and an e-mail', 'Account Jane Doe not found for jane.doe@example.com', '[name] not found for [email]'],
    [
      'a card number with spaces, phone numbers',
      'card 4111 1111 1111 1111 declined; call (555) 867-5309 or 555-867-5309',
      'card [number] declined; call ([number] or [number]',
    ],
    ['a card number without spaces', 'card 4111111111111111', 'card [number]'],
    ['a surname mid-sentence, an amount, a date', 'failed for Smith, balance $1,234.56 on 2024-01-15', 'failed for [name], balance $[number] on [number]'],
    ['JSON.parse quoting its input', `Unexpected token 'J', "Jane Doe, 4111"... is not valid JSON`, 'Unexpected token [text], [text]... is not valid JSON'],
    ['a company name', 'no statement for Riverside Medical Billing', 'no statement for [name]'],
    [
      'a file under the home folder',
      "ENOENT: no such file or directory, open '/home/jane.doe/Documents/Doe statement.pdf'",
      'ENOENT: no such file or directory, open [text]',
    ],
    [
      'a Windows user folder with a space',
      String.raw`could not open C:\Users\Jane Doe\AppData\Roaming\Ledgerdesk\store.ldk`,
      String.raw`could not open ~\AppData\Roaming\Ledgerdesk\store.ldk`,
    ],
    ['the home folder', 'could not open /home/jane.doe/.config/Ledgerdesk/ledgerdesk.ldk', 'could not open ~/.config/Ledgerdesk/ledgerdesk.ldk'],
    ['a line break hiding a second line', 'failed\nAccount Jane Doe', 'failed [name]'],
  ])('%s', (_what, input, expected) => {
    const out = redactText(input, { home });
    expect(out).toBe(expected);
    expect(leaks(out)).toEqual([]);
  });

  it.each([
    "Cannot read properties of undefined (reading 'id')",
    'SqliteError: no such table: account',
    'FOREIGN KEY constraint failed',
    'SQLITE_CONSTRAINT_TRIGGER',
    'x.map is not a function',
    'database is locked',
  ])('keeps what support needs: %s', (input) => {
    expect(redactText(input, { home }).replace('[text]', "'id'")).toBe(input);
  });

  it("replaces the user's own home folder, wherever it is, with either separator", () => {
    expect(redactText(String.raw`open \\server\homes\jdoe\Ledgerdesk\x.ldk`, { home: String.raw`\\server\homes\jdoe` })).toBe(
      String.raw`open ~\Ledgerdesk\x.ldk`,
    );
    expect(redactText('open file:///C:/Users/jdoe/x.ldk', { home: String.raw`C:\Users\jdoe` })).toBe('open file:///~/x.ldk');
    // A longer name that starts like the home folder is another folder, not the home.
    expect(redactText('/srv/jdoe2/x', { home: '/srv/jdoe' })).toBe('/srv/jdoe2/x');
  });

  it('caps the length and keeps one line', () => {
    const out = redactText('x'.repeat(2000));
    expect(out.length).toBe(500);
    expect(redactText('a\r\nb\u0000c')).toBe('a bc');
  });
});

describe('redactFrame: stack frames keep code names and positions', () => {
  it.each([
    ['at post (/home/jane.doe/ledgerdesk/out/main/worker.js:1234:56)', 'at post (~/ledgerdesk/out/main/worker.js:1234:56)', '/home/jane.doe'],
    [
      String.raw`at C:\Users\Jane Doe\AppData\Local\Programs\Ledgerdesk\resources\app.asar\out\main\worker.js:88:9`,
      String.raw`at ~\AppData\Local\Programs\Ledgerdesk\resources\app.asar\out\main\worker.js:88:9`,
      String.raw`C:\Users\Jane Doe`,
    ],
    [
      'at Object.handler (/opt/Ledgerdesk/resources/app.asar/out/main/worker.js:12345:6)',
      'at Object.handler (/opt/Ledgerdesk/resources/app.asar/out/main/worker.js:12345:6)',
      '/root',
    ],
    ['at async Promise.all (index 0)', 'at async Promise.all (index 0)', '/root'],
  ])('%s', (frame, expected, home) => {
    expect(redactFrame(frame, { home })).toBe(expected);
  });
});

describe('describeError: hostile errors', () => {
  it('an error naming an account, an e-mail and a card, with a stack under the home folder (posix and Windows)', () => {
    for (const p of [path.posix, path.win32]) {
      const home = p === path.posix ? '/home/jane.doe' : String.raw`C:\Users\jane.doe`;
      const file = p.join(home, 'Ledgerdesk', 'out', 'main', 'worker.js');
      const err = Object.assign(new Error('Account "Jane Doe" <jane.doe@example.com> card 4111 1111 1111 1111 failed'), { code: 'SQLITE_CONSTRAINT_TRIGGER' });
      err.stack = `Error: ${err.message}\n    at postPayment (${file}:120:7)\n    at ${file}:88:9`;
      const d = describeError(err, { home });
      expect(d).toEqual({
        name: 'Error',
        code: 'SQLITE_CONSTRAINT_TRIGGER',
        message: 'Account [text] <[email]> card [number] failed',
        stack: [
          `at postPayment (${p.join('~', 'Ledgerdesk', 'out', 'main', 'worker.js')}:120:7)`,
          `at ${p.join('~', 'Ledgerdesk', 'out', 'main', 'worker.js')}:88:9`,
        ],
      });
      expect(leaks(JSON.stringify(d))).toEqual([]);
    }
  });

  it('a thrown value that is not an Error: strings are redacted, objects never written out', () => {
    expect(describeError('Jane Doe owes 1234')).toEqual({ name: 'NonError', message: '[name] owes [number]' });
    expect(describeError({ name: 'Jane Doe', card: '4111111111111111' })).toEqual({ name: 'NonError', message: 'a thrown object' });
  });

  it('an error whose class name or code carries text keeps neither', () => {
    const err = Object.assign(new Error('x'), { name: 'Jane Doe 4111', code: 'jane.doe@example.com' });
    expect(describeError(err)).toMatchObject({ name: 'Error', message: 'x' });
    expect(describeError(err)).not.toHaveProperty('code');
  });
});

describe('log entries: only whitelisted fields, event codes and redacted text', () => {
  it('drops fields that are not on the whitelist or have the wrong shape, and says how many', () => {
    const hostile = {
      channel: 'payments.post',
      count: 3,
      durationMs: 12.5,
      accountName: 'Jane Doe',
      email: 'jane.doe@example.com',
      code: 'Jane Doe',
      state: '4111 1111',
      version: 'Jane',
    };
    expect(safeFields(hostile)).toEqual({ fields: { channel: 'payments.post', count: 3, durationMs: 12.5 }, dropped: 5 });
    expect(safeFields({ channel: 'payments.post; Jane Doe' })).toEqual({ dropped: 1 });
  });

  it('writes time, level, source, event code, message; a bad event code is replaced', () => {
    const now = new Date('2026-03-02T14:05:00.000Z');
    expect(makeEntry('info', 'main', 'store.opened', 'store opened', { durationMs: 40, schemaVersion: 9 }, undefined, { now })).toEqual({
      time: '2026-03-02T14:05:00.000Z',
      level: 'info',
      source: 'main',
      event: 'store.opened',
      message: 'store opened',
      fields: { durationMs: 40, schemaVersion: 9 },
    });
    expect(makeEntry('warn', 'main', 'Jane Doe 4111', 'x', undefined, undefined).event).toBe('log.badEventCode');
  });

  it('a logger whose sink throws does not throw into its caller', () => {
    const lines: LogEntry[] = [];
    createLogger('backend', (e) => lines.push(e)).error('dispatch.internal', 'an endpoint failed', new Error('Jane Doe'), { channel: 'accounts.get' });
    expect(lines[0]).toMatchObject({ level: 'error', source: 'backend', fields: { channel: 'accounts.get' }, error: { message: '[name]' } });
    expect(() =>
      createLogger('main', () => {
        throw new Error('disk full');
      }).info('app.started', 'started'),
    ).not.toThrow();
  });
});

import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { LetterValues } from '../../src-shared/domain/letters';
import { letterFieldNames, letterFields, unknownLetterFields } from '../../src-shared/domain/letters';
import { mergeLetter, sanitizeLetterHtml } from '../../src-main/backend/services/letters';
import { defaultTemplates, defaultTemplatesDir } from '../../src-main/backend/services/letters/defaults';
import { addStaff, must } from '../kit';
import { fixedClock, tempDir, testBackend, withCompany } from '../support/store';

/**
 * The letter template library (docs/letters.md) over a real encrypted store through the real dispatch:
 * the shipped templates are seeded once, saving adds a version and never edits one (the store refuses
 * edits itself), unknown fields and unsafe HTML are refused or removed, clerks may read but not save,
 * and the merge escapes values, builds the tables and lists what is missing.
 */

async function lettersBackend() {
  const b = testBackend({ clock: fixedClock('2026-03-15T15:00:00Z') });
  const admin = await withCompany(b);
  await addStaff(b, admin, [
    { username: 'clara', role: 'clerk', password: 'password-123', session: 'clerk-session' },
    { username: 'sam', role: 'supervisor', password: 'password-123', session: 'super-session' },
  ]);
  return { b, admin, clerk: 'clerk-session', supervisor: 'super-session' };
}

const count = (b: ReturnType<typeof testBackend>, sql: string) => (b.ctx.store.sqlite.prepare(sql).get() as { n: number }).n;

describe('default templates', () => {
  it('ship as files the loader finds, each clean: known fields only and nothing the sanitizer removes', () => {
    expect(defaultTemplatesDir()).toMatch(/resources[/\\]letter-templates$/);
    const shipped = defaultTemplates();
    expect(shipped.map((t) => t.key)).toEqual([
      'friendly-reminder',
      'second-notice',
      'final-demand',
      'intent-to-refer',
      'plan-confirmation',
      'promise-confirmation',
      'cease-collection-ends',
      'cease-remedy',
      'validation-notice',
    ]);
    for (const t of shipped) {
      expect(unknownLetterFields(t.bodyHtml + t.subject), t.key).toEqual([]);
      expect(sanitizeLetterHtml(t.bodyHtml).removed, t.key).toEqual([]);
    }
    expect(shipped.filter((t) => t.purpose === 'cease_permitted')).toHaveLength(2);
    expect(shipped.find((t) => t.key === 'validation-notice')?.bodyHtml).toContain('For offices that collect debts owed to others');
  });

  it('are found beside app.asar when packaged (extraResources copies them into the resources folder)', () => {
    const resources = path.join(tempDir(), 'Ledgerdesk', 'resources');
    const workerDir = path.join(resources, 'app.asar', 'out', 'main');
    fs.mkdirSync(workerDir, { recursive: true });
    fs.cpSync(defaultTemplatesDir(), path.join(resources, 'letter-templates'), { recursive: true });
    expect(defaultTemplatesDir(workerDir)).toBe(path.join(resources, 'letter-templates'));
    expect(() => defaultTemplatesDir(path.parse(resources).root)).toThrow(/were not found/);
  });

  it('are seeded once as version 1 on first use; listing again adds nothing', async () => {
    const { b, clerk } = await lettersBackend();
    expect(count(b, 'SELECT count(*) AS n FROM letter_template')).toBe(0);
    const first = await must(b, clerk, 'letters.templates.list', undefined);
    expect(first).toHaveLength(9);
    expect(first.every((t) => t.currentVersion === 1 && t.active)).toBe(true);
    await must(b, clerk, 'letters.templates.list', undefined);
    const again = await must(b, clerk, 'letters.templates.list', undefined);
    expect(again).toEqual(first);
    expect(count(b, 'SELECT count(*) AS n FROM letter_template')).toBe(9);
    expect(count(b, 'SELECT count(*) AS n FROM letter_template_version')).toBe(9);
    const reminder = first.find((t) => t.key === 'friendly-reminder');
    const detail = await must(b, clerk, 'letters.templates.get', { templateId: reminder?.id ?? 0 });
    expect(detail.versions).toEqual([expect.objectContaining({ version: 1, createdBy: 'system', subject: 'A reminder about account {{accountNumber}}' })]);
    expect(detail.versions[0]?.bodyHtml).toContain('Dear {{contactName}},');
  });
});

describe('versions', () => {
  it('saving makes version 2; version 1 keeps its text and the store refuses UPDATE and DELETE', async () => {
    const { b, supervisor } = await lettersBackend();
    const list = await must(b, supervisor, 'letters.templates.list', undefined);
    const t = list.find((x) => x.key === 'second-notice');
    if (!t) throw new Error('second-notice not seeded');
    const v1 = (await must(b, supervisor, 'letters.templates.get', { templateId: t.id })).versions[0];
    const saved = await must(b, supervisor, 'letters.templates.save', {
      templateId: t.id,
      name: 'Second notice (firmer)',
      purpose: 'collection',
      subject: 'Second notice for {{accountNumber}}',
      bodyHtml: '<p>Dear {{contactName}},</p><p>Please pay <strong>{{amountPastDue}}</strong> by {{payByDate}}.</p>',
    });
    expect(saved).toEqual({ templateId: t.id, version: 2, removed: [] });
    const detail = await must(b, supervisor, 'letters.templates.get', { templateId: t.id });
    expect(detail.currentVersion).toBe(2);
    expect(detail.name).toBe('Second notice (firmer)');
    expect(detail.versions.map((v) => v.version)).toEqual([2, 1]);
    expect(detail.versions[1]).toEqual(v1);
    expect(detail.versions[0]).toMatchObject({ createdBy: 'sam', subject: 'Second notice for {{accountNumber}}' });

    const sqlite = b.ctx.store.sqlite;
    expect(() => sqlite.prepare(`UPDATE letter_template_version SET body_html = '<p>changed</p>' WHERE template_id = ? AND version = 1`).run(t.id)).toThrow(
      /never edited/,
    );
    expect(() => sqlite.prepare('DELETE FROM letter_template_version WHERE template_id = ?').run(t.id)).toThrow(/never removed/);
    expect(() => sqlite.prepare('DELETE FROM letter_template WHERE id = ?').run(t.id)).toThrow(/never removed/);
    expect((await must(b, supervisor, 'letters.templates.get', { templateId: t.id })).versions[1]).toEqual(v1);

    const audit = await must(b, supervisor, 'audit.list', { entity: 'letter_template', entityId: String(t.id) });
    expect(audit).toEqual([expect.objectContaining({ action: 'letterTemplate.save', username: 'sam', after: expect.objectContaining({ version: 2 }) })]);
  });

  it('a new template starts at version 1 under its own key; a taken key is refused', async () => {
    const { b, supervisor } = await lettersBackend();
    const body = { name: 'Holiday reminder', purpose: 'collection' as const, subject: 'Hello', bodyHtml: '<p>Dear {{contactName}}</p>' };
    const saved = await must(b, supervisor, 'letters.templates.save', { key: 'holiday-reminder', ...body });
    expect(saved.version).toBe(1);
    const again = await b.call(supervisor, 'letters.templates.save', { key: 'holiday-reminder', ...body });
    expect(again).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    const noKey = await b.call(supervisor, 'letters.templates.save', body);
    expect(noKey).toMatchObject({ ok: false, error: { code: 'VALIDATION', details: [{ path: 'key' }] } });
  });

  it('setActive retires a template and brings it back, audited', async () => {
    const { b, supervisor, clerk } = await lettersBackend();
    const [t] = await must(b, supervisor, 'letters.templates.list', undefined);
    if (!t) throw new Error('no templates');
    expect(await must(b, supervisor, 'letters.templates.setActive', { templateId: t.id, active: false })).toMatchObject({ id: t.id, active: false });
    expect((await must(b, clerk, 'letters.templates.list', undefined)).find((x) => x.id === t.id)?.active).toBe(false);
    await must(b, supervisor, 'letters.templates.setActive', { templateId: t.id, active: true });
    const audit = await must(b, supervisor, 'audit.list', { entity: 'letter_template', entityId: String(t.id) });
    expect(audit.map((r) => r.action)).toEqual(['letterTemplate.setActive', 'letterTemplate.setActive']);
    expect(await b.call(supervisor, 'letters.templates.setActive', { templateId: 999_999, active: true })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
  });
});

describe('saving refuses', () => {
  it('an unknown or misspelt field, naming it and the closest known one; nothing is written', async () => {
    const { b, supervisor } = await lettersBackend();
    const [t] = await must(b, supervisor, 'letters.templates.list', undefined);
    if (!t) throw new Error('no templates');
    const r = await b.call(supervisor, 'letters.templates.save', {
      templateId: t.id,
      name: t.name,
      purpose: t.purpose,
      subject: 'About {{acountNumber}}',
      bodyHtml: '<p>Dear {{contactName}}, you owe {{amountPastDeu}} and {{favouriteColour}}.</p>',
    });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.code).toBe('VALIDATION');
    expect(r.error.message).toContain('{{acountNumber}} is not a merge field (did you mean {{accountNumber}}?)');
    expect(r.error.message).toContain('{{amountPastDeu}} is not a merge field (did you mean {{amountPastDue}}?)');
    expect(r.error.message).toContain('{{favouriteColour}} is not a merge field');
    expect(r.error.message).not.toContain('{{favouriteColour}} is not a merge field (did you mean');
    expect(r.error.details).toEqual([
      { path: 'subject', message: expect.stringContaining('acountNumber') },
      { path: 'bodyHtml', message: expect.stringContaining('amountPastDeu') },
      { path: 'bodyHtml', message: expect.stringContaining('favouriteColour') },
    ]);
    expect((await must(b, supervisor, 'letters.templates.get', { templateId: t.id })).currentVersion).toBe(1);
  });

  it('a clerk: FORBIDDEN through dispatch, though the clerk may read the library', async () => {
    const { b, clerk } = await lettersBackend();
    const [t] = await must(b, clerk, 'letters.templates.list', undefined);
    if (!t) throw new Error('no templates');
    const r = await b.call(clerk, 'letters.templates.save', { templateId: t.id, name: t.name, purpose: t.purpose, subject: 'x', bodyHtml: '<p>x</p>' });
    expect(r).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await b.call(clerk, 'letters.templates.setActive', { templateId: t.id, active: false })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(count(b, 'SELECT count(*) AS n FROM letter_template_version')).toBe(9);
  });
});

describe('sanitizing on save', () => {
  const hostile = [
    '<h2>Notice</h2>',
    '<p style="text-align: center; background: url(https://tracker.example/p.gif)">Dear <b>{{contactName}}</b>, <i>please</i> <u>pay</u>.<br>Thanks</p>',
    '<script>alert(1)</script>',
    '<img src="https://tracker.example/pixel.gif" onerror="alert(2)">',
    '<p onclick="steal()">Click</p>',
    '<a href="javascript:alert(3)">pay here</a> <a href="https://pay.example/">pay online</a>',
    '<iframe src="https://evil.example/"></iframe>',
    '<ul><li>one</li></ul><ol><li>two</li></ol>',
    '<table><thead><tr><th colspan="2">Items</th></tr></thead><tbody><tr><td>a</td><td style="text-align: right">b</td></tr></tbody></table>',
  ].join('');

  it('removes script, event handlers, javascript: links, url() styles, iframes and images, keeps the formatting, and says what went', () => {
    const { html, removed } = sanitizeLetterHtml(hostile);
    for (const gone of ['<script', 'alert(1)', 'onerror', 'onclick', 'javascript:', 'url(', 'tracker.example', '<iframe', 'evil.example', '<img']) {
      expect(html).not.toContain(gone);
    }
    for (const kept of [
      '<h2>Notice</h2>',
      '<b>{{contactName}}</b>',
      '<i>please</i>',
      '<u>pay</u>',
      '<br />',
      '<ul><li>one</li></ul>',
      '<ol><li>two</li></ol>',
      '<th colspan="2">Items</th>',
      '<td style="text-align:right">b</td>',
      '<a href="https://pay.example/">pay online</a>',
      '<p style="text-align:center">',
    ]) {
      expect(html).toContain(kept);
    }
    expect(html).toContain('<a>pay here</a>');
    expect(removed).toEqual([
      'style “background: url(https://tracker.example/p.gif)” on <p>',
      '<script> and its content',
      'image (<img>): letters carry no images',
      'event handler onclick on <p>',
      'link to a javascript: address',
      '<iframe> and its content',
    ]);
  });

  it('stores the sanitized body and answers what was removed', async () => {
    const { b, supervisor } = await lettersBackend();
    const saved = await must(b, supervisor, 'letters.templates.save', {
      key: 'cleaned',
      name: 'Cleaned',
      purpose: 'collection',
      subject: 'Hi',
      bodyHtml: '<p onmouseover="x()">Dear {{contactName}}</p><script>steal()</script><img src="data:image/png;base64,AAAA">',
    });
    expect(saved.removed).toEqual(['event handler onmouseover on <p>', '<script> and its content', 'image (<img>): letters carry no images']);
    const detail = await must(b, supervisor, 'letters.templates.get', { templateId: saved.templateId });
    expect(detail.versions[0]?.bodyHtml).toBe('<p>Dear {{contactName}}</p>');
  });

  it('refuses a body with nothing left to say', async () => {
    const { b, supervisor } = await lettersBackend();
    const r = await b.call(supervisor, 'letters.templates.save', {
      key: 'empty',
      name: 'Empty',
      purpose: 'collection',
      subject: 'Hi',
      bodyHtml: '<script>x()</script><p> </p>',
    });
    expect(r).toMatchObject({ ok: false, error: { code: 'VALIDATION', message: 'The letter has no text' } });
  });
});

describe('mergeLetter', () => {
  const full: LetterValues = {
    accountName: 'Acme <b>Bold</b> & Sons',
    accountNumber: 'A-100',
    contactName: 'Pat "Payable" O\'Neil',
    mailingAddress: ['200 Lake Shore Dr', '', 'Chicago, IL 60601'],
    amountPastDue: 123_456,
    payByDate: '2026-04-01',
    lateFees: 0,
    openItems: [
      { number: 'INV-1', date: '2026-01-05', dueDate: '2026-02-04', amountCents: 100_000, balanceCents: 60_000, daysPastDue: 39 },
      { number: 'INV-<2>', date: '2026-02-05', dueDate: '2026-03-07', amountCents: 63_456, balanceCents: 63_456, daysPastDue: 8 },
    ],
  };

  it('escapes every value: HTML in an account name prints as text', () => {
    const { html, missing } = mergeLetter('<p>{{accountName}} / {{ contactName }} / {{accountNumber}}</p>', full);
    expect(html).toBe('<p>Acme &lt;b&gt;Bold&lt;/b&gt; &amp; Sons / Pat &quot;Payable&quot; O&#39;Neil / A-100</p>');
    expect(missing).toEqual([]);
  });

  it('formats money and dates, joins address lines with breaks, and prints zero as a value', () => {
    const { html } = mergeLetter('<p>{{amountPastDue}} by {{payByDate}}; fees {{lateFees}}</p><p>{{mailingAddress}}</p>', full);
    expect(html).toBe('<p>$1,234.56 by Apr 1, 2026; fees $0.00</p><p>200 Lake Shore Dr<br>Chicago, IL 60601</p>');
  });

  it('builds the open items as a real table that replaces its paragraph, escaped, with the total open', () => {
    const { html } = mergeLetter('<p>Items:</p><p>{{openItems}}</p>', full);
    expect(html.startsWith('<p>Items:</p><table class="letter-items">')).toBe(true);
    expect(html).not.toContain('<p><table');
    expect(html).toContain(
      '<tr><td>INV-1</td><td>Jan 5, 2026</td><td>Feb 4, 2026</td><td class="num">$1,000.00</td><td class="num">$600.00</td><td class="num">39</td></tr>',
    );
    expect(html).toContain('<td>INV-&lt;2&gt;</td>');
    expect(html).toContain('<td colspan="4">Total open</td><td class="num">$1,234.56</td>');
    expect(html.match(/<tr>/g)).toHaveLength(4);
  });

  it('builds the aging buckets as a table, also out of a styled paragraph', () => {
    const { html, missing } = mergeLetter('<p style="text-align:center">{{agingBuckets}}</p>', {
      agingBuckets: [
        { label: 'Current', balanceCents: 0 },
        { label: '31–60 days', balanceCents: 60_000 },
      ],
    });
    expect(html).toBe(
      '<table class="letter-aging"><thead><tr><th>Age</th><th class="num">Balance</th></tr></thead><tbody>' +
        '<tr><td>Current</td><td class="num">$0.00</td></tr><tr><td>31–60 days</td><td class="num">$600.00</td></tr></tbody></table>',
    );
    expect(missing).toEqual([]);
  });

  it('falls back where a field has a fallback and lists every field that has none', () => {
    const { html, missing, fellBack } = mergeLetter(
      '<p>Dear {{contactName}},</p><p>{{clerkName}}, {{clerkTitle}}</p><p>{{openItems}}</p><p>{{supervisorName}} {{supervisorName}}</p>',
      { contactName: '  ', openItems: [] },
    );
    expect(html).toBe('<p>Dear customer,</p><p>, Accounts Receivable</p><p> </p>');
    expect(fellBack).toEqual(['contactName', 'clerkTitle']);
    expect(missing).toEqual(['clerkName', 'openItems', 'supervisorName']);
  });

  it('every field either has a value rule or a fallback, and every field has words for the picker', () => {
    for (const name of letterFieldNames) {
      expect(letterFields[name].label.length, name).toBeGreaterThan(2);
      expect(letterFields[name].fills.length, name).toBeGreaterThan(10);
    }
    expect(letterFieldNames.filter((n) => letterFields[n].fallback !== null)).toEqual(['contactName', 'clerkTitle']);
  });
});

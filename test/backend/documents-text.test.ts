import { describe, expect, it } from 'vitest';
import type { DeliveryOutcome, OutputProblem } from '../../src-shared/domain/documents';
import { archiveChannelText, archiveTitle, errorTitles, outcomeText, problemDocument, problemText } from '../../src-shared/domain/documents-text';
import { errorCodes } from '../../src-shared/ipc/result';

const problem = (p: Partial<OutputProblem>): OutputProblem => ({
  ref: { kind: 'invoice', documentId: 7 },
  number: 'INV-000007',
  accountName: 'Lakeshore Family Practice',
  code: 'NO_ADDRESS',
  missing: [],
  ...p,
});
const outcome = (o: Partial<DeliveryOutcome>): DeliveryOutcome => ({
  channel: 'print',
  delivered: 1,
  pages: 1,
  destination: 'Front desk',
  cancelled: false,
  problems: [],
  archivedIds: [1],
  ...o,
});

describe('documents in words', () => {
  it('names what is missing from an address, in words a clerk uses', () => {
    expect(problemText(problem({ code: 'PARTIAL_ADDRESS', missing: ['postalCode'] }))).toBe('The address is incomplete: missing postal code');
    expect(problemText(problem({ code: 'PARTIAL_ADDRESS', missing: ['line1', 'city', 'postalCode'] }))).toBe(
      'The address is incomplete: missing street address, city and postal code',
    );
    expect(problemText(problem({ code: 'NO_EMAIL' }))).toBe('No email address on the account');
    expect(problemDocument(problem({ ref: { kind: 'receipt', documentId: 3 }, number: 'R-000003' }))).toBe('Receipt R-000003 · Lakeshore Family Practice');
  });

  it('words an email refused for one document with the error code and the server reply', () => {
    const p = problem({ code: 'SEND_FAILED', detail: { code: 'EMAIL_RECIPIENT', message: '550 No such user' } });
    expect(problemText(p)).toBe('The email was not delivered: The mail server refused the recipient address (550 No such user)');
  });

  it('says what happened and never "sent" for anything not delivered', () => {
    expect(outcomeText(outcome({ delivered: 3, pages: 6 }))).toEqual({ title: 'Printed 3 documents', message: 'On Front desk · 6 pages' });
    expect(outcomeText(outcome({ channel: 'pdf', destination: '/home/casey/Invoice INV-000007.pdf' })).message).toBe(
      'Saved to /home/casey/Invoice INV-000007.pdf',
    );
    expect(outcomeText(outcome({ channel: 'email', destination: 'ap@lakeshorefp.example' })).title).toBe('Emailed 1 document');
    const none = outcomeText(outcome({ channel: 'email', delivered: 0, destination: null, problems: [problem({ code: 'NO_EMAIL' })] }));
    expect(none.title).toBe('Nothing was emailed');
    expect(none.message).toBe('1 document could not go; see the list.');
    expect(`${none.title} ${none.message}`).not.toMatch(/sent|delivered/i);
    expect(outcomeText(outcome({ cancelled: true, delivered: 0 })).title).toBe('Nothing left');
  });

  it('words how an archived document left and titles copies', () => {
    expect(archiveChannelText({ channel: 'print', destination: 'Front desk' })).toBe('Printed on Front desk');
    expect(archiveChannelText({ channel: 'pdf', destination: 'Invoice INV-000007.pdf' })).toBe('Saved as PDF (Invoice INV-000007.pdf)');
    expect(archiveChannelText({ channel: 'pdf', destination: '/home/casey/Documents/Invoice INV-000007.pdf' })).toBe('Saved as PDF (Invoice INV-000007.pdf)');
    expect(archiveChannelText({ channel: 'pdf', destination: String.raw`C:\Users\casey\Documents\Receipt RCT-000002.pdf` })).toBe(
      'Saved as PDF (Receipt RCT-000002.pdf)',
    );
    expect(archiveChannelText({ channel: 'email', destination: 'ap@lakeshorefp.example' })).toBe('Emailed to ap@lakeshorefp.example');
    expect(archiveTitle({ kind: 'credit_note', number: 'CN-000002', copy: true })).toBe('Credit note CN-000002 (copy)');
  });

  it('has a title for every printing, rendering and email error code', () => {
    const documentCodes = errorCodes.filter((c) => /^(PRINT|RENDER|EMAIL|CANCELLED)/.test(c));
    expect(documentCodes.length).toBeGreaterThanOrEqual(11);
    for (const c of documentCodes) expect(errorTitles[c], c).toBeTruthy();
  });
});

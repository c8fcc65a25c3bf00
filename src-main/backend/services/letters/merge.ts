import { formatDate } from '@shared/dates';
import { formatMoney } from '@shared/money';
import {
  isLetterField,
  letterFieldPattern,
  letterFields,
  type LetterAgingBucket,
  type LetterField,
  type LetterOpenItem,
  type LetterValues,
} from '@shared/domain/letters';
import { escapeHtml } from '../documents/html';

/**
 * A letter's HTML with its {{fields}} filled (docs/letters.md). Every value is text: escaped, so HTML
 * in an account name prints as the characters typed. The open items and aging buckets are real tables;
 * a table field standing alone in a paragraph replaces the paragraph (a table cannot sit inside <p>).
 *
 * The fallback rule: a missing value (null, absent, empty text, no lines, no rows) prints the field's
 * fallback when it has one (no contact name: "Dear customer"); a field without one prints nothing and
 * is listed in `missing`, and the caller puts the account on the exceptions list instead of sending.
 */
export interface MergedLetter {
  html: string;
  /** Fields with no value and no fallback (and any name that is no field), each once: the letter must not go out. */
  missing: string[];
  /** Fields printed with their fallback. */
  fellBack: LetterField[];
}

const money = (cents: number) => escapeHtml(formatMoney(cents));

function openItemsTable(rows: readonly LetterOpenItem[]): string {
  const body = rows
    .map(
      (r) =>
        `<tr><td>${escapeHtml(r.number)}</td><td>${escapeHtml(formatDate(r.date))}</td><td>${escapeHtml(formatDate(r.dueDate))}</td>` +
        `<td class="num">${money(r.amountCents)}</td><td class="num">${money(r.balanceCents)}</td><td class="num">${r.daysPastDue > 0 ? r.daysPastDue : ''}</td></tr>`,
    )
    .join('');
  const total = rows.reduce((sum, r) => sum + r.balanceCents, 0);
  return (
    '<table class="letter-items"><thead><tr><th>Number</th><th>Date</th><th>Due date</th><th class="num">Amount</th><th class="num">Balance</th><th class="num">Days past due</th></tr></thead>' +
    `<tbody>${body}</tbody><tfoot><tr><td colspan="4">Total open</td><td class="num">${money(total)}</td><td></td></tr></tfoot></table>`
  );
}

function agingTable(rows: readonly LetterAgingBucket[]): string {
  const body = rows.map((r) => `<tr><td>${escapeHtml(r.label)}</td><td class="num">${money(r.balanceCents)}</td></tr>`).join('');
  return `<table class="letter-aging"><thead><tr><th>Age</th><th class="num">Balance</th></tr></thead><tbody>${body}</tbody></table>`;
}

/** The field's value as HTML, or null when it is missing. */
function render(field: LetterField, values: LetterValues): string | null {
  const spec = letterFields[field];
  const v = values[field];
  if (v === null || v === undefined) return null;
  switch (spec.kind) {
    case 'money':
      return typeof v === 'number' ? money(v) : null;
    case 'date':
      return typeof v === 'string' && v !== '' ? escapeHtml(formatDate(v)) : null;
    case 'lines': {
      const lines = (Array.isArray(v) ? (v as readonly string[]) : []).map((l) => l.trim()).filter((l) => l !== '');
      return lines.length ? lines.map(escapeHtml).join('<br>') : null;
    }
    case 'openItems':
      return Array.isArray(v) && v.length ? openItemsTable(v as readonly LetterOpenItem[]) : null;
    case 'aging':
      return Array.isArray(v) && v.length ? agingTable(v as readonly LetterAgingBucket[]) : null;
    case 'text':
      return typeof v === 'string' && v.trim() !== '' ? escapeHtml(v.trim()) : null;
  }
}

const isBlockField = (name: string) => isLetterField(name) && (letterFields[name].kind === 'openItems' || letterFields[name].kind === 'aging');

export function mergeLetter(bodyHtml: string, values: LetterValues): MergedLetter {
  const missing = new Set<string>();
  const fellBack = new Set<LetterField>();
  const fill = (name: string): string => {
    if (!isLetterField(name)) {
      missing.add(name);
      return '';
    }
    const rendered = render(name, values);
    if (rendered !== null) return rendered;
    const fallback = letterFields[name].fallback;
    if (fallback !== null) {
      fellBack.add(name);
      return escapeHtml(fallback);
    }
    missing.add(name);
    return '';
  };
  // A table field alone in its paragraph takes the paragraph's place.
  const unwrapped = bodyHtml.replace(/<p(?:\s[^>]*)?>\s*\{\{\s*([^{}]*?)\s*\}\}\s*<\/p>/g, (whole, name: string) =>
    isBlockField(name) ? `{{${name}}}` : whole,
  );
  const html = unwrapped.replace(letterFieldPattern, (_whole, name: string) => fill(name));
  return { html, missing: [...missing], fellBack: [...fellBack] };
}

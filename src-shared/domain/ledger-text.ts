import { documentKindLabels, type DocumentKind } from './ledger';
import type { PaymentMethod } from './payments';

/** "Payment by ...": the method as it reads inside a sentence. */
const byMethod: Record<PaymentMethod, string> = { cash: 'cash', check: 'check', card: 'card', ach: 'ACH', bank_transfer: 'bank transfer' };

/** What the ledger knows of a posted document, to describe it in one line. */
export interface LedgerDescribed {
  kind: DocumentKind;
  method: PaymentMethod | null;
  checkNumber: string;
  cardLast4: string;
  reason: string;
  memo: string;
  relatedNumber: string | null;
  /** An invoice's first line and how many lines it has (null for other documents). */
  firstLine: { itemCode: string; description: string } | null;
  lineCount: number;
}

/**
 * The ledger's Description: what the document was for, in words. An invoice by what it billed
 * ("Office visit, established patient (99213) +2 more"), a payment by how it came ("Payment by
 * check #1042"), a correction by what it corrected and why.
 */
export function ledgerDescription(d: LedgerDescribed): string {
  const label = documentKindLabels[d.kind];
  switch (d.kind) {
    case 'invoice': {
      if (!d.firstLine) return d.memo ? `${label}: ${d.memo}` : label;
      const { description, itemCode } = d.firstLine;
      const first = `${description || label}${itemCode ? ` (${itemCode})` : ''}`;
      return d.lineCount > 1 ? `${first} +${d.lineCount - 1} more` : first;
    }
    case 'payment': {
      if (!d.method) return label;
      return `${label} by ${byMethod[d.method]}${d.checkNumber ? ` #${d.checkNumber}` : ''}${d.cardLast4 ? ` ending ${d.cardLast4}` : ''}`;
    }
    case 'credit_note':
    case 'write_off':
    case 'reversal':
      return `${label}${d.relatedNumber ? ` of ${d.relatedNumber}` : ''}${d.reason ? `: ${d.reason}` : ''}`;
    case 'fee':
    case 'adjustment':
      return `${label}${d.reason ? `: ${d.reason}` : ''}`;
    default:
      return d.memo ? `${label}: ${d.memo}` : label;
  }
}
